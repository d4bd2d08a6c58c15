import { createHash } from 'node:crypto';

/** prevHash of the first row: the chain has to start somewhere verifiable. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers: everything but the hash itself. */
export interface AuditHashInput {
  id: string;
  seq: bigint | number | string;
  userId: string | null;
  teamId: string | null;
  actorType: string;
  apiKeyId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  connectionId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
  createdAt: Date;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content always gives
 * the same bytes (Postgres jsonb reorders keys, so the stored order cannot be relied on).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** sha256(canonical JSON of the row's content, "\n", prevHash), hex. */
export function auditRowHash(row: AuditHashInput): string {
  // Fields picked one by one: a row read back from the database also carries `hash`, which must not count.
  const content = {
    id: row.id, seq: String(row.seq), userId: row.userId, teamId: row.teamId, actorType: row.actorType, apiKeyId: row.apiKeyId,
    action: row.action, resourceType: row.resourceType, resourceId: row.resourceId, connectionId: row.connectionId,
    ipAddress: row.ipAddress, userAgent: row.userAgent, before: row.before, after: row.after, metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
  return createHash('sha256').update(canonicalJson(content)).update('\n').update(row.prevHash).digest('hex');
}

/**
 * What a JSON column will give back: Dates become ISO strings, undefined disappears, BigInts become
 * strings. Hashing this (not the caller's object) makes the hash recomputable from the stored row.
 */
export function toStoredJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null') as unknown;
}

// Custom request headers are stored encrypted by the connections module; their names say nothing about which hold secrets.
const SECRET_KEY = /secret|password|passwd|token|credential|authorization|cookie|api[-_]?key|^key$|private|signature|^headers$/i;

/** Copies a value for the audit trail with secret-looking fields replaced, so the trail never holds a secret. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? '[redacted]' : redactSecrets(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 4_000) return `${value.slice(0, 4_000)}…`;
  return value;
}
