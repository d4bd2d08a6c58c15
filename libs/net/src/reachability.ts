import { RequestError, SsrfError } from './errors';

/** Socket errors that mean the host cannot be reached at all (not that the URL is wrong). */
const HOST_DOWN_CODES: ReadonlyMap<string, string> = new Map([
  ['ECONNREFUSED', 'connection refused'],
  ['EHOSTUNREACH', 'host unreachable'],
  ['ENETUNREACH', 'no route to the network'],
  ['EHOSTDOWN', 'host down'],
  ['ENETDOWN', 'network down'],
  ['EADDRNOTAVAIL', 'address not available'],
  ['ETIMEDOUT', 'connection timed out'],
  ['UND_ERR_CONNECT_TIMEOUT', 'connection timed out'],
  ['ENOTFOUND', 'DNS failure'],
  ['EAI_AGAIN', 'DNS failure'],
  ['ETIMEOUT', 'DNS failure'],
]);

export interface Unreachable {
  /** Short reason for a report: "DNS failure", "connection refused", "timeout", ... */
  reason: string;
  /**
   * True when the failure is the host's (DNS, refused or timed-out connection), so every other
   * URL on that host would fail the same way; false for a timeout of one request.
   */
  hostWide: boolean;
}

function codeOf(e: unknown): string | undefined {
  // Duck-typed, not instanceof Error: socket errors may come from another realm (a VM context, a worker).
  let current: unknown = e;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && HOST_DOWN_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Tells a resource that could not be reached (DNS failure, connection refused, timeout, no
 * network) from one that answered or was refused by policy. Null when the error is not about
 * reachability (a redirect loop, a body too large, an address the SSRF policy forbids).
 */
export function unreachableReason(e: unknown): Unreachable | null {
  if (e instanceof SsrfError) return e.code === 'dns-failure' ? { reason: 'DNS failure', hostWide: true } : null;
  if (e instanceof RequestError) {
    if (e.code === 'timeout') return { reason: 'timeout', hostWide: false };
    if (e.code !== 'network') return null;
  }
  const code = codeOf(e);
  const reason = code === undefined ? undefined : HOST_DOWN_CODES.get(code);
  return reason === undefined ? null : { reason, hostWide: true };
}
