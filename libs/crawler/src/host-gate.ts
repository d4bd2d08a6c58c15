/**
 * Per-host politeness: at most `maxConcurrent` requests in flight and request starts spaced by
 * `intervalMs` (from requests-per-second or robots crawl-delay, whichever is slower). A 429/503
 * pushes the next allowed start back for the whole host, not just for the URL that got it.
 */

/**
 * A wait cut short fails with the signal's own reason, as fetch and timers/promises do, so every
 * waiter sees the one cause the crawl was stopped for. The typings say `any`: the crawl aborts with
 * Errors, and a bare abort() gives a DOMException.
 */
function abortReason(signal: AbortSignal | undefined): Error {
  return (signal?.reason as Error | undefined) ?? new Error('aborted');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HostGate {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private nextStart = 0;

  constructor(
    public maxConcurrent: number,
    public intervalMs: number,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    while (this.active >= this.maxConcurrent) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.waiters.indexOf(wake);
          if (i !== -1) this.waiters.splice(i, 1);
          reject(abortReason(signal));
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(wake);
      });
    }
    this.active++;
    try {
      const now = Date.now();
      const at = Math.max(now, this.nextStart);
      this.nextStart = at + this.intervalMs;
      if (at > now) await sleep(at - now, signal);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  release(): void {
    this.active--;
    const next = this.waiters.shift();
    if (next) next();
  }

  /** No request to this host starts before `ms` from now. */
  backOff(ms: number): void {
    this.nextStart = Math.max(this.nextStart, Date.now() + ms);
  }

  get inFlight(): number {
    return this.active;
  }
}

/** One HostGate per host of the crawl, all with the crawl's concurrency and request rate. */
export class HostGates {
  private readonly gates = new Map<string, HostGate>();

  constructor(
    private readonly concurrency: number,
    private readonly requestsPerSecond: number,
    /** Called as each request through `run` starts (the crawl counts requests). */
    private readonly onRequest: () => void = () => undefined,
  ) {}

  /** The gate of `host` (URL.host: name and port), tightened to robots' crawl-delay when given. */
  for(host: string, robots?: { crawlDelayMs: number | null } | null): HostGate {
    let g = this.gates.get(host);
    if (!g) {
      const rps = this.requestsPerSecond;
      g = new HostGate(this.concurrency, rps > 0 ? 1000 / rps : 0);
      this.gates.set(host, g);
    }
    if (robots && robots.crawlDelayMs !== null && g.intervalMs < robots.crawlDelayMs) {
      // Crawl-delay means "one request, then wait": serialise the host as well as spacing it.
      g.intervalMs = robots.crawlDelayMs;
      g.maxConcurrent = 1;
    }
    return g;
  }

  /** Runs one request to `url` through its host's gate. */
  async run<T>(url: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    const gate = this.for(new URL(url).host);
    await gate.acquire(signal);
    try {
      this.onRequest();
      return await fn();
    } finally {
      gate.release();
    }
  }
}
