import type { SafeResponse } from '@seology/net';
import type { ResourceKind, ResourceRef, ResourceResult } from '@seology/audit';
import type { CrawlCounters } from './crawl-state';
import { crawlErrorCode, type Fetcher } from './fetcher';
import type { HostGates } from './host-gate';
import { Queue } from './queue';
import type { RobotsCache } from './robots';
import type { CrawlScope } from './scope';
import { UnreachableHosts } from './unreachable-hosts';

type Entry = [url: string, kind: ResourceKind];

export interface ResourceCheckerDeps {
  fetcher: Fetcher;
  robots: RobotsCache;
  gates: HostGates;
  scope: CrawlScope;
  counters: Pick<CrawlCounters, 'requests'>;
  /** Stop: no new check starts. */
  stop: AbortSignal;
  /** Aborts checks in flight. */
  hard: AbortSignal;
}

/** What a worker loop needs from the crawl around it. */
export interface ResourceWorkHooks {
  /** Pages are still being fetched (they may find more resources): wait instead of returning. */
  crawling: () => boolean;
  /** Resolves when work may have been added or the phase changed. */
  waitForChange: () => Promise<void>;
  /** A check's answer, for the audit. */
  onResult: (url: string, result: ResourceResult) => void;
  /** An unexpected error: the crawl stops with it. */
  onFatal: (e: unknown) => void;
}

/**
 * Checks the images and external links pages refer to, each once, with HEAD (GET without reading
 * the body where HEAD is refused). A host found unreachable (no DNS answer, refused, timed out) is
 * tried once and its other URLs reported unreachable without a request. After the pages, checks
 * get a time budget; what is still queued then is counted as skipped.
 */
export class ResourceChecker {
  private readonly seen = new Set<string>();
  private readonly queue = new Queue<Entry>();
  private readonly inflight = new Set<Entry>();
  private readonly unreachable = new UnreachableHosts();
  private readonly budget = new AbortController();
  private skippedCount = 0;

  constructor(
    private readonly d: ResourceCheckerDeps,
    private readonly maxResources: number,
  ) {}

  restore(s: { resourcesSeen: readonly string[]; resourceQueue: readonly Entry[] }): void {
    for (const u of s.resourcesSeen) this.seen.add(u);
    for (const r of s.resourceQueue) this.queue.push(r);
  }

  /** Checks in flight first: their answer has not reached the audit, so a resume asks again. */
  snapshot(): { resourcesSeen: string[]; resourceQueue: Entry[] } {
    return { resourcesSeen: [...this.seen], resourceQueue: [...this.inflight, ...this.queue.toArray()] };
  }

  /** Queues the page's images and external links not seen before, within maxResources; returns how many. */
  enqueue(resources: readonly ResourceRef[]): number {
    let added = 0;
    for (const r of resources) {
      if (r.kind !== 'image' && r.kind !== 'external-link') continue;
      if (this.seen.size >= this.maxResources) break;
      if (this.seen.has(r.url)) continue;
      this.seen.add(r.url);
      this.queue.push([r.url, r.kind]);
      added++;
    }
    return added;
  }

  get queued(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  get skipped(): number {
    return this.skippedCount;
  }

  get unreachableHosts(): number {
    return this.unreachable.size;
  }

  /** Starts the budget clock; returns a function that stops it. */
  startBudget(ms: number): () => void {
    const timer = setTimeout(() => this.budget.abort(new Error('resource time budget spent')), ms);
    timer.unref();
    return () => clearTimeout(timer);
  }

  /** Once the workers are done: if the budget ran out, what is still queued is counted as skipped. */
  settleBudget(): void {
    if (this.budget.signal.aborted) this.skippedCount += this.queue.clear();
  }

  /** One worker: checks queued resources until the queue is empty and pages are done, or the crawl stops. */
  async work(h: ResourceWorkHooks): Promise<void> {
    const signal = this.d.stop;
    for (;;) {
      if (signal.aborted || this.budget.signal.aborted) return;
      const next = this.queue.shift();
      if (!next) {
        if (!h.crawling()) return;
        await h.waitForChange();
        continue;
      }
      this.inflight.add(next);
      try {
        const result = await this.check(next[0]);
        if (result) h.onResult(next[0], result);
        this.inflight.delete(next);
      } catch (e) {
        // Stopped: the check stays listed as in flight, so a state taken now asks again on resume.
        if (!signal.aborted) {
          this.inflight.delete(next);
          h.onFatal(e);
        }
      }
    }
  }

  /** HEAD, or GET without reading the body when HEAD is not allowed. Null when robots forbids it or the budget ran out. */
  async check(url: string): Promise<ResourceResult | null> {
    const { stop, hard } = this.d;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { status: 0, error: 'invalid URL' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = u.host;
    const known = this.unreachable.reasonFor(host);
    if (known !== undefined) return { status: 0, error: known, unreachable: true };
    const sameSite = this.d.scope.isSameSite(u);
    if (sameSite) {
      const robots = await this.d.robots.get(u.origin, hard);
      if (!robots.isAllowed(url)) return null;
    }
    const gate = this.d.gates.for(host);
    const budget = this.budget.signal;
    const requestSignal = AbortSignal.any([hard, budget]);
    const attempt = async (method: 'HEAD' | 'GET'): Promise<SafeResponse | string> => {
      await gate.acquire(stop);
      try {
        // Another check may have found the host down while this one waited for the gate.
        const down = this.unreachable.reasonFor(host);
        if (down !== undefined) return down;
        this.d.counters.requests++;
        return await this.d.fetcher.fetch(u, { method, signal: requestSignal, siteHeaders: sameSite, shouldReadBody: () => false, maxRedirects: 5 });
      } finally {
        gate.release();
      }
    };
    try {
      let res = await attempt('HEAD');
      if (typeof res !== 'string' && (res.status === 405 || res.status === 501)) res = await attempt('GET');
      if (typeof res === 'string') return { status: 0, error: res, unreachable: true };
      const cl = Number(res.headers['content-length']);
      return {
        status: res.status,
        contentType: res.headers['content-type'] ?? null,
        bytes: Number.isFinite(cl) ? cl : undefined,
        redirected: res.redirects.length > 0,
      };
    } catch (e) {
      if (stop.aborted) throw e;
      if (budget.aborted) {
        this.skippedCount++;
        return null;
      }
      const reason = this.unreachable.record(host, e);
      if (reason !== null) return { status: 0, error: reason, unreachable: true };
      return { status: 0, error: crawlErrorCode(e) };
    }
  }
}
