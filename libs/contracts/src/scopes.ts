/** Scopes an API key can carry. A signed-in user (JWT) is not limited by scopes. */
export const API_KEY_SCOPES = [
  'connections:read',
  'connections:write',
  'crawls:read',
  'crawls:write',
  'issues:read',
  'issues:write',
  'fixes:read',
  'fixes:write',
  'jobs:read',
  'jobs:write',
  'webhooks:read',
  'webhooks:write',
  'audit:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
