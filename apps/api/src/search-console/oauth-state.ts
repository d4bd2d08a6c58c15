import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a consent screen may stay open before its callback is refused. */
const STATE_TTL_MS = 15 * 60_000;

export interface OAuthState {
  userId: string;
  connectionId: string;
}

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('search-console-oauth-state').digest();
}

/**
 * The OAuth `state` parameter: who started the connection, for which site, until when, signed. The
 * callback trusts nothing else, so a code obtained for one user or site cannot be attached to another.
 */
export function signOAuthState(state: OAuthState, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: state.userId, c: state.connectionId, e: now + STATE_TTL_MS, n: randomBytes(8).toString('hex') })).toString('base64url');
  return `${payload}.${createHmac('sha256', key(secret)).update(payload).digest('base64url')}`;
}

/** The signed state, or null when it was altered, signed by another key or is older than 15 minutes. */
export function verifyOAuthState(value: string, secret: string, now = Date.now()): OAuthState | null {
  const [payload, signature] = value.split('.');
  if (!payload || !signature) return null;
  const expected = createHmac('sha256', key(secret)).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u?: unknown; c?: unknown; e?: unknown };
    if (typeof parsed.u !== 'string' || typeof parsed.c !== 'string' || typeof parsed.e !== 'number' || parsed.e < now) return null;
    return { userId: parsed.u, connectionId: parsed.c };
  } catch {
    return null;
  }
}
