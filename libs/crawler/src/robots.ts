import robotsParser from 'robots-parser';
import { SsrfError } from '@seology/net';
import type { Fetcher } from './fetcher';

export interface RobotsRules {
  /** HTTP status of /robots.txt; 0 when it could not be fetched. */
  status: number;
  body: string | null;
  isAllowed(url: string): boolean;
  /** Crawl-delay for our agent (or "*"), in ms, already capped; null when none. */
  crawlDelayMs: number | null;
  sitemaps: string[];
}

export interface RobotsOptions {
  /** Product token matched against User-agent lines, e.g. "SeologyBot". */
  agent: string;
  /** What a 5xx or unreachable robots.txt means. RFC 9309 says assume full disallow. */
  onUnreachable: 'disallow' | 'allow';
  maxCrawlDelayMs: number;
  /** false: fetch robots.txt for reporting but do not obey it. */
  obey: boolean;
}

const ALLOW_ALL = () => true;
const DISALLOW_ALL = () => false;

/** RFC 9309 requires parsing at least 500 KiB; anything after that is ignored. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Fetches and parses robots.txt once per origin; concurrent callers share the same fetch. */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly fetcher: Fetcher,
    private readonly options: RobotsOptions,
    private readonly gate: <T>(url: string, fn: () => Promise<T>) => Promise<T>,
  ) {}

  get(origin: string, signal?: AbortSignal): Promise<RobotsRules> {
    let p = this.byOrigin.get(origin);
    if (!p) {
      p = this.load(origin, signal);
      this.byOrigin.set(origin, p);
      // A cancelled fetch must not poison the cache for a resumed run.
      p.catch(() => this.byOrigin.delete(origin));
    }
    return p;
  }

  /** Rules already loaded for an origin (used for reporting only). */
  peek(origin: string): Promise<RobotsRules> | undefined {
    return this.byOrigin.get(origin);
  }

  private async load(origin: string, signal?: AbortSignal): Promise<RobotsRules> {
    const url = `${origin}/robots.txt`;
    let status = 0;
    let body: string | null = null;
    try {
      const res = await this.gate(url, () =>
        this.fetcher.fetch(url, { maxBytes: ROBOTS_MAX_BYTES, onTooLarge: 'truncate', maxRedirects: 5, signal, siteHeaders: true, accept: 'text/plain,*/*' }),
      );
      status = res.status;
      if (status >= 200 && status < 300) body = res.body.toString('utf8');
    } catch (e) {
      if (signal?.aborted) throw e;
      // A refused host is not an unreachable robots.txt: the page fetch reports the refusal itself.
      if (e instanceof SsrfError) return { status: 0, body: null, isAllowed: ALLOW_ALL, crawlDelayMs: null, sitemaps: [] };
      status = 0;
    }
    const obey = this.options.obey;
    if (body !== null) {
      const robots = robotsParser(url, body);
      const delay = robots.getCrawlDelay(this.options.agent);
      return {
        status,
        body,
        isAllowed: obey ? (u: string) => robots.isAllowed(u, this.options.agent) !== false : ALLOW_ALL,
        crawlDelayMs: obey && typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, this.options.maxCrawlDelayMs) : null,
        sitemaps: robots.getSitemaps(),
      };
    }
    const unreachable = status === 0 || status >= 500;
    const allowed = !obey || !unreachable || this.options.onUnreachable === 'allow';
    return { status, body: null, isAllowed: allowed ? ALLOW_ALL : DISALLOW_ALL, crawlDelayMs: null, sitemaps: [] };
  }
}

/** "SeologyBot/1.0 (+https://seology.ai/bot)" → "SeologyBot". */
export function productToken(userAgent: string): string {
  const m = /^[^\s/]+/.exec(userAgent.trim());
  return m ? m[0] : userAgent;
}
