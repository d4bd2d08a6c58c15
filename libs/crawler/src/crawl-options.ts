import type { FetchedPage, PageOutcome } from '@seology/audit';
import type { LookupFn, SsrfPolicy } from '@seology/net';
import type { AuditFactory, AuditPort } from './audit-port';
import type { CrawlProgress, CrawlState } from './crawl-state';
import type { ScopeMode, UrlPattern } from './scope';
import type { SitemapLimits } from './sitemaps';
import type { NormalizeOptions } from './url-normalize';

export const DEFAULT_USER_AGENT = 'SeologyBot/1.0 (+https://seology.ai/bot)';

export interface CrawlOptions {
  startUrl: string;
  /** Pages handed to the audit, errors included. Default 10,000. */
  maxPages?: number;
  /** Link depth from the start URL (start = 0). Default unlimited. */
  maxDepth?: number;
  /** Requests in flight per host. Default 4. */
  concurrency?: number;
  /** Request starts per second per host; 0 for no limit. Default 8. */
  requestsPerSecond?: number;
  userAgent?: string;
  /** Extra request headers, sent to the crawled site only. */
  headers?: Record<string, string>;
  /** Cookies sent to the crawled site only (object or a ready "a=1; b=2" string). */
  cookies?: Record<string, string> | string;
  /** Per request, redirects and body included. Default 20 s. */
  timeoutMs?: number;
  /** Decoded body cap per page; the rest is not read and the page is marked truncated. Default 10 MiB. */
  maxBodyBytes?: number;
  /** Default 10. */
  maxRedirects?: number;
  /** Retries after 429/503, per URL. Default 2. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for (the response is kept). Default 60 s. */
  maxRetryAfterMs?: number;
  /** Back-off when a 429/503 has no Retry-After: base × 2^attempt. Default 1 s. */
  retryBaseMs?: number;
  /** Obey robots.txt (it is fetched and reported either way). Default true. */
  respectRobots?: boolean;
  /** A 5xx/unreachable robots.txt: 'disallow' (RFC 9309, default) or 'allow'. */
  robotsUnreachable?: 'disallow' | 'allow';
  /** Upper bound on a robots crawl-delay. Default 30 s. */
  maxCrawlDelayMs?: number;
  /** Sitemap discovery; false to skip. */
  sitemaps?: boolean | Partial<SitemapLimits>;
  /** Crawl in-scope sitemap URLs that links did not reach (depth -1). Default true. */
  crawlSitemapUrls?: boolean;
  /** 'site' (default): same host, www and apex alike; 'host': exact host; 'domain': registrable domain. */
  scope?: ScopeMode;
  include?: UrlPattern[];
  exclude?: UrlPattern[];
  /** More hosts to treat as part of the site. */
  extraHosts?: string[];
  normalize?: NormalizeOptions;
  /** HEAD-check images and external links the audit reports. Default false. */
  checkResources?: boolean;
  /** Default 4. */
  resourceConcurrency?: number;
  /** Distinct resources checked at most. Default 10,000. */
  maxResources?: number;
  /**
   * Once the pages are done, resource checks still queued or in flight get this long; what is left
   * then is not checked and counted in stats.resourcesSkipped. Default 60 s.
   */
  resourceBudgetMs?: number;
  /** A DNS lookup unanswered after this long counts as a DNS failure of that host. Default 5 s. */
  dnsTimeoutMs?: number;
  /** Non-public destinations allowed. Default: none. */
  ssrfPolicy?: SsrfPolicy;
  /** DNS override (tests, custom resolvers). */
  lookup?: LookupFn;
  signal?: AbortSignal;
  /** Continue a crawl from `crawler.getState()` / `summary.state`. */
  resumeState?: CrawlState;
  /** An audit instance to feed; otherwise one is created with auditFactory. */
  audit?: AuditPort;
  auditFactory?: AuditFactory;
  /** Passed to the audit constructor besides startUrl. */
  auditOptions?: Record<string, unknown>;
  /**
   * Worker threads for the page-level audit (HTML parsing and page checks), so it runs beside the
   * fetching and site-level work instead of after it. Used when the audit supports it (SiteAudit
   * does); 0 keeps everything on the calling thread. Default: one per core, at most 3 (none on a
   * single core).
   */
  auditThreads?: number;
  /**
   * Every audited page, with its findings. Awaited, so a slow consumer slows the crawl instead of
   * piling up memory. With audit threads `page.html` is null here (the body is decoded and audited
   * in the thread) and `body` holds the HTML bytes as served (decode them with `decodeHtml`); without
   * threads `body` is null and `page.html` is set.
   */
  onPage?: (page: FetchedPage, outcome: PageOutcome, body: Buffer | null) => void | Promise<void>;
  onProgress?: (progress: CrawlProgress) => void;
  /** Default 500 ms. */
  progressIntervalMs?: number;
  /**
   * On cancel no new request starts; requests already in flight get this long to finish (and
   * reach the audit, so a resume does not fetch them again) before they are aborted. Default 3 s.
   */
  cancelGraceMs?: number;
}

/** The options with a default, resolved once. */
export type ResolvedCrawlOptions = Required<
  Pick<
    CrawlOptions,
    | 'maxPages'
    | 'concurrency'
    | 'requestsPerSecond'
    | 'userAgent'
    | 'timeoutMs'
    | 'maxBodyBytes'
    | 'maxRedirects'
    | 'maxRetries'
    | 'maxRetryAfterMs'
    | 'retryBaseMs'
    | 'respectRobots'
    | 'maxCrawlDelayMs'
    | 'crawlSitemapUrls'
    | 'checkResources'
    | 'resourceConcurrency'
    | 'maxResources'
    | 'resourceBudgetMs'
    | 'progressIntervalMs'
    | 'cancelGraceMs'
  >
> & { maxDepth: number };

export function resolveCrawlOptions(options: CrawlOptions): ResolvedCrawlOptions {
  return {
    maxPages: options.maxPages ?? 10_000,
    maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
    concurrency: Math.max(1, options.concurrency ?? 4),
    requestsPerSecond: options.requestsPerSecond ?? 8,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 10,
    maxRetries: options.maxRetries ?? 2,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    retryBaseMs: options.retryBaseMs ?? 1_000,
    respectRobots: options.respectRobots ?? true,
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? 30_000,
    crawlSitemapUrls: options.crawlSitemapUrls ?? true,
    checkResources: options.checkResources ?? false,
    resourceConcurrency: Math.max(1, options.resourceConcurrency ?? 4),
    maxResources: options.maxResources ?? 10_000,
    resourceBudgetMs: options.resourceBudgetMs ?? 60_000,
    progressIntervalMs: options.progressIntervalMs ?? 500,
    cancelGraceMs: options.cancelGraceMs ?? 3_000,
  };
}
