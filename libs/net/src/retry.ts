/**
 * When to try a request again: the server's Retry-After, else exponential backoff. Shared by the
 * crawler (polite re-fetches after 429/503) and the platform connectors (REST and GraphQL calls),
 * so both read the header the same way.
 */

/**
 * Retry-After as milliseconds from `now`: delta-seconds (a fraction is tolerated) or an HTTP-date
 * (a date in the past means "now", 0). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(parseFloat(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export interface BackoffOptions {
  /** The wait before the first retry (attempt 0) before jitter. */
  baseDelayMs: number;
  /** No step grows past this. */
  maxDelayMs: number;
  /** In [0, 1); injectable so a test can pin the jitter. */
  random: () => number;
  /** false: the exact step, for callers that space one host's requests themselves. Default true. */
  jitter?: boolean;
}

/**
 * Exponential backoff, min(maxDelayMs, baseDelayMs × 2^attempt), with "equal jitter" by default: at
 * least half the step, so waits keep growing, plus a random half so that many workers hitting the
 * same site do not retry in lockstep.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const step = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** attempt);
  if (opts.jitter === false) return step;
  return Math.round(step / 2 + opts.random() * (step / 2));
}

/**
 * A wait the server asked for, plus a little (up to 10 %, at most 1 s) so that clients told the same
 * instant do not all come back at once.
 */
export function jitterRetryAfter(retryAfterMs: number, random: () => number): number {
  return retryAfterMs + Math.round(random() * Math.min(1000, retryAfterMs * 0.1));
}
