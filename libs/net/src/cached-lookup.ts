import { systemLookup, type LookupFn, type ResolvedAddress } from './resolve';

export interface CachedLookupOptions {
  /** How long an answer is reused. Default 5 minutes (a crawl rarely outlives a record's TTL by much). */
  ttlMs?: number;
  /** How long a failed lookup is remembered, so a host that does not resolve is not asked again for every URL. Default 5 minutes. */
  failureTtlMs?: number;
  /** A lookup still unanswered after this long fails with ETIMEOUT (a resolver that stopped answering). Default 5 s. */
  timeoutMs?: number;
  /**
   * After this many timeouts in a row (no answer at all in between, not even "no such name") the
   * resolver counts as down: new names fail at once for `resolverDownMs`, then one lookup probes
   * it again. Default 3.
   */
  resolverDownAfter?: number;
  /** Default 10 s. */
  resolverDownMs?: number;
  now?: () => number;
}

export interface CachedLookup extends LookupFn {
  /** Lookups sent to the underlying resolver (the rest were answered from the cache or joined one in flight). */
  readonly resolverCalls: () => number;
}

interface Entry {
  until: number;
  answer: Promise<ResolvedAddress[]>;
}

/**
 * Wraps a resolver with a per-host cache of answers and of failures, and joins concurrent lookups
 * of the same host into one. One instance serves one crawl: a host linked from every page is
 * resolved once, and a host that does not resolve costs one lookup, not one per URL. A resolver
 * that stops answering altogether costs a few timeouts, not one per host: after `resolverDownAfter`
 * timeouts in a row new names fail at once, and a single probe now and then finds out whether it
 * is back.
 */
export function createCachedLookup(lookup: LookupFn = systemLookup, options: CachedLookupOptions = {}): CachedLookup {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const downAfter = options.resolverDownAfter ?? 3;
  const downMs = options.resolverDownMs ?? 10_000;
  const cache = new Map<string, Entry>();
  let calls = 0;
  let timeoutsInARow = 0;
  let probeAt = 0;

  const resolverDown = (): boolean => {
    if (timeoutsInARow < downAfter) return false;
    if (now() < probeAt) return true;
    // Let this one lookup through as a probe; the others keep failing fast until it settles.
    probeAt = now() + downMs;
    return false;
  };

  const withTimeout = (hostname: string): Promise<ResolvedAddress[]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        timeoutsInARow++;
        if (timeoutsInARow >= downAfter) probeAt = now() + downMs;
        reject(Object.assign(new Error(`DNS lookup of ${hostname} timed out after ${timeoutMs} ms`), { code: 'ETIMEOUT' }));
      }, timeoutMs);
      timer.unref?.();
      lookup(hostname).then(
        (answer) => {
          clearTimeout(timer);
          timeoutsInARow = 0;
          resolve(answer);
        },
        (e: unknown) => {
          clearTimeout(timer);
          // "No such name" is an answer too: the resolver is up.
          timeoutsInARow = 0;
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });

  const cached = (hostname: string): Promise<ResolvedAddress[]> => {
    const key = hostname.toLowerCase();
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now()) return hit.answer;
    if (resolverDown()) {
      const failure = Promise.reject(Object.assign(new Error(`DNS lookup of ${key} not sent: the resolver did not answer the last ${timeoutsInARow} lookups`), { code: 'ETIMEOUT' }));
      // Remembered only until the resolver is probed again.
      cache.set(key, { until: probeAt, answer: failure });
      failure.catch(() => undefined);
      return failure;
    }
    calls++;
    // In flight until it settles; then kept for the answer's or the failure's lifetime.
    const entry: Entry = { until: Number.POSITIVE_INFINITY, answer: withTimeout(key) };
    cache.set(key, entry);
    entry.answer.then(
      () => {
        entry.until = now() + ttlMs;
      },
      () => {
        entry.until = now() + failureTtlMs;
      },
    );
    return entry.answer;
  };
  return Object.assign(cached, { resolverCalls: () => calls });
}
