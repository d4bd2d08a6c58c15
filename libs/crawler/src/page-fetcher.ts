import { backoffDelay, parseRetryAfter, RequestError, SsrfError, type RedirectHop, type SafeResponse } from '@seology/net';
import type { FetchedPage } from '@seology/audit';
import { decodeHtml, isHtmlResponse } from './charset';
import type { CrawlCounters } from './crawl-state';
import { crawlErrorCode, type Fetcher } from './fetcher';
import type { Frontier, FrontierItem } from './frontier';
import type { HostGates } from './host-gate';
import type { RobotsCache, RobotsRules } from './robots';
import type { CrawlScope } from './scope';

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

export interface PageFetcherOptions {
  /** Decoded body cap per page; the rest is not read and the page is marked truncated. */
  maxBodyBytes: number;
  /** Retries after 429/503, per URL. */
  maxRetries: number;
  /** A wait (Retry-After or back-off) longer than this is not waited for: the response is kept. */
  maxRetryAfterMs: number;
  /** Back-off when a 429/503 has no Retry-After: base × 2^attempt. */
  retryBaseMs: number;
}

export interface PageFetcherDeps {
  fetcher: Fetcher;
  robots: RobotsCache;
  gates: HostGates;
  scope: CrawlScope;
  normalize: (raw: string, base?: string | URL) => string | null;
  /** Whether a URL is in a sitemap; redirect targets are marked seen there. */
  frontier: Pick<Frontier, 'isSeen' | 'markSeen' | 'inSitemap'>;
  counters: Pick<CrawlCounters, 'requests' | 'retries'>;
  /** Stop: no new request starts. */
  stop: AbortSignal;
  /** Aborts requests in flight. */
  hard: AbortSignal;
  /** A same-site redirect led to a URL robots.txt forbids: it was not requested. */
  onRedirectBlocked: (target: string, from: string) => void;
}

export interface FetchedPageResult {
  page: FetchedPage;
  /** The HTML bytes as served when the caller decodes them elsewhere (decode: false); else null. */
  htmlBody: Buffer | null;
}

/**
 * Fetches one page politely: through its host's gate, redirects followed within robots.txt,
 * retried after 429/503 (Retry-After or back-off, which also holds back the whole host), the body
 * read only for HTML and only up to the cap, and decoded by its charset.
 */
export class PageFetcher {
  constructor(
    private readonly d: PageFetcherDeps,
    private readonly o: PageFetcherOptions,
  ) {}

  /**
   * Throws only when stopped before a response was had (the item then goes back to the frontier);
   * a response that arrives during the cancel grace period is kept. With `decode` false the HTML is
   * returned as bytes and `page.html` is null.
   */
  async fetch(item: FrontierItem, robots: RobotsRules, decode: boolean): Promise<FetchedPageResult> {
    const { stop, hard } = this.d;
    const url = item.url;
    const gate = this.d.gates.for(new URL(url).host, robots);
    const base = { url, depth: item.depth, discoveredFrom: item.from, inSitemap: this.d.frontier.inSitemap(url) };
    let stoppedByRobots: string | null = null;
    for (let attempt = 0; ; attempt++) {
      await gate.acquire(stop);
      let res: SafeResponse | null = null;
      let err: unknown = null;
      const started = performance.now();
      try {
        this.d.counters.requests++;
        res = await this.d.fetcher.fetch(url, {
          signal: hard,
          siteHeaders: true,
          accept: HTML_ACCEPT,
          maxBytes: this.o.maxBodyBytes,
          onTooLarge: 'truncate',
          shouldReadBody: (_status, headers) => {
            const ct = headers['content-type'];
            return ct === undefined || isHtmlResponse(ct);
          },
          beforeRedirect: async (next) => {
            const n = this.d.normalize(next.href);
            if (n === null || !this.d.scope.isSameSite(n)) return true;
            const r = await this.d.robots.get(next.origin, hard);
            if (r.isAllowed(n)) return true;
            stoppedByRobots = n;
            return false;
          },
        });
      } catch (e) {
        err = e;
      } finally {
        gate.release();
      }
      if (!res && hard.aborted) throw hard.reason;
      if (res && (res.status === 429 || res.status === 503) && attempt < this.o.maxRetries) {
        const retryAfter = parseRetryAfter(res.headers['retry-after']);
        // One host's requests are spaced by its gate, so the back-off needs no jitter.
        const delay = retryAfter ?? backoffDelay(attempt, { baseDelayMs: this.o.retryBaseMs, maxDelayMs: Number.POSITIVE_INFINITY, jitter: false, random: Math.random });
        if (delay <= this.o.maxRetryAfterMs) {
          gate.backOff(delay);
          this.d.counters.retries++;
          continue;
        }
      }
      if (stoppedByRobots !== null) this.d.onRedirectBlocked(stoppedByRobots, url);
      if (res) return this.toPage(base, res, decode);
      const redirects: RedirectHop[] = err instanceof RequestError || err instanceof SsrfError ? err.redirects : [];
      const last = redirects.at(-1)?.location ?? url;
      const page: FetchedPage = {
        ...base,
        finalUrl: this.d.normalize(last) ?? last,
        status: 0,
        error: crawlErrorCode(err),
        headers: {},
        contentType: null,
        html: null,
        bodyBytes: 0,
        truncated: false,
        ttfbMs: 0,
        totalMs: performance.now() - started,
        redirects,
      };
      return { page, htmlBody: null };
    }
  }

  private toPage(base: Pick<FetchedPage, 'url' | 'depth' | 'discoveredFrom' | 'inSitemap'>, res: SafeResponse, decode: boolean): FetchedPageResult {
    const contentType = res.headers['content-type'] ?? null;
    let html: string | null = null;
    let htmlBody: Buffer | null = null;
    let bodyBytes = res.bytes;
    if (res.bytes > 0 && isHtmlResponse(contentType, res.body)) {
      if (decode) html = decodeHtml(res.body, contentType).text;
      else htmlBody = res.body;
    }
    if (bodyBytes === 0) {
      const cl = Number(res.headers['content-length']);
      if (Number.isFinite(cl) && cl > 0) bodyBytes = cl;
    }
    const finalUrl = res.redirects.length > 0 ? (this.d.normalize(res.url) ?? res.url) : base.url;
    if (finalUrl !== base.url && this.d.scope.isSameSite(finalUrl) && !this.d.frontier.isSeen(finalUrl)) {
      // The target's content is audited under this URL: do not fetch it again.
      this.d.frontier.markSeen(finalUrl);
    }
    const page: FetchedPage = {
      ...base,
      finalUrl,
      status: res.status,
      headers: res.headers,
      contentType,
      html,
      bodyBytes,
      truncated: res.truncated,
      ttfbMs: Math.round(res.ttfbMs),
      totalMs: Math.round(res.totalMs),
      redirects: res.redirects,
    };
    return { page, htmlBody };
  }
}
