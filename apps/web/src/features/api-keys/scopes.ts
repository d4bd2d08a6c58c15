import type { Schemas } from '../../api/client';

export type ApiKeyScope = Schemas['CreateApiKeyDto']['scopes'][number];

/** Every scope, grouped by what it gives access to, in the order the form shows them. */
export const SCOPE_GROUPS: { label: string; scopes: { scope: ApiKeyScope; description: string }[] }[] = [
  {
    label: 'Sites',
    scopes: [
      { scope: 'connections:read', description: 'List sites and read their settings' },
      { scope: 'connections:write', description: 'Add, change and delete sites' },
    ],
  },
  {
    label: 'Crawls',
    scopes: [
      { scope: 'crawls:read', description: 'Read crawls and their results' },
      { scope: 'crawls:write', description: 'Start, cancel and resume crawls' },
    ],
  },
  {
    label: 'Issues',
    scopes: [
      { scope: 'issues:read', description: 'Read issues and export them' },
      { scope: 'issues:write', description: 'Ignore and restore issues' },
    ],
  },
  {
    label: 'Fixes',
    scopes: [
      { scope: 'fixes:read', description: 'Read proposed and applied fixes' },
      { scope: 'fixes:write', description: 'Approve, apply and roll back fixes' },
    ],
  },
  {
    label: 'Jobs',
    scopes: [
      { scope: 'jobs:read', description: 'Follow background jobs' },
      { scope: 'jobs:write', description: 'Cancel background jobs' },
    ],
  },
  {
    label: 'Webhooks',
    scopes: [
      { scope: 'webhooks:read', description: 'Read webhooks and their deliveries' },
      { scope: 'webhooks:write', description: 'Create, change and delete webhooks' },
    ],
  },
  {
    label: 'Audit log',
    scopes: [{ scope: 'audit:read', description: 'Read and export the audit log' }],
  },
];

export const ALL_SCOPES: ApiKeyScope[] = SCOPE_GROUPS.flatMap((group) => group.scopes.map((s) => s.scope));

// Compile-time guard: when the API gains a scope (and schema.d.ts is regenerated), this stops compiling
// until the scope is added to SCOPE_GROUPS above.
type MissingScopes = Exclude<ApiKeyScope, (typeof SCOPE_GROUPS)[number]['scopes'][number]['scope']>;
const everyScopeListed: [MissingScopes] extends [never] ? true : MissingScopes = true;
void everyScopeListed;
