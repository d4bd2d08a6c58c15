import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { RequestError, SsrfError, STRICT_POLICY, type LookupFn, type RedirectHop, type SafeResponse, type SsrfPolicy } from '@seology/net';
import type { AuditResult, FetchedPage, Finding, PageOutcome, ResourceKind, ResourceResult } from '@seology/audit';
import { defaultAuditFactory, type AuditFactory, type AuditPort } from './audit-port';
import { AuditWorkerLostError, PageAuditPool } from './audit-threads/page-audit-pool';
import { decodeHtml, isHtmlResponse } from './charset';
import { Fetcher } from './fetcher';
import { HostGate, parseRetryAfter } from './host-gate';
import { productToken, RobotsCache, type RobotsRules } from './robots';
import { CrawlScope, type ScopeMode, type UrlPattern } from './scope';
import { DEFAULT_SITEMAP_LIMITS, discoverSitemaps, type SitemapLimits, type SitemapResult } from './sitemaps';
import { UnreachableHosts } from './unreachable-hosts';
import { createNormalizer, type NormalizeOptions } from './url-normalize';

export const DEFAULT_USER_AGENT = 'SeologyBot/1.0 (+https://seology.ai/bot)';

export interface CrawlProgress {
  pagesCrawled: number;
  pagesQueued: number;
  inFlight: number;
  pagesPerSecond: number;
  requests: number;
  errors: number;
  robotsBlocked: number;
  resourcesChecked: number;
  resourcesQueued: number;
  /** Resource checks waiting for an answer right now. */
  resourcesInFlight: number;
  elapsedMs: number;
  phase: 'site-files' | 'crawling' | 'resources' | 'finishing' | 'done';
}

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

type FrontierEntry = [url: string, depth: number, from: string | null];

export interface CrawlState {
  version: 1;
  startUrl: string;
  /** Every URL already fetched, queued or refused (never fetched twice). */
  seen: string[];
  /** Still to fetch, in order. */
  frontier: FrontierEntry[];
  sitemapUrls: string[];
  sitemapsPromoted: boolean;
  siteFilesDone: boolean;
  resourcesSeen: string[];
  resourceQueue: Array<[url: string, kind: ResourceKind]>;
  stats: { pages: number; requests: number; errors: number; robotsBlocked: number; resourcesChecked: number; bytes: number; elapsedMs: number };
  audit: unknown;
}

export interface CrawlStats {
  /** Pages handed to the audit over the whole crawl (across resumes). */
  pages: number;
  /** Pages fetched by this run. */
  pagesThisRun: number;
  /** Wall time of this run. */
  durationMs: number;
  /** pagesThisRun / durationMs. */
  pagesPerSecond: number;
  requests: number;
  errors: number;
  retries: number;
  robotsBlocked: number;
  resourcesChecked: number;
  /** Resources found but not checked: the resource phase ran out of its time budget. */
  resourcesSkipped: number;
  /** Hosts of resources that failed DNS or connection (each tried once, its other URLs reported unreachable). */
  unreachableHosts: number;
  bytes: number;
  truncated: number;
}

export interface CrawlSummary {
  startUrl: string;
  status: 'completed' | 'cancelled';
  stats: CrawlStats;
  /** Site-level findings from audit.finish() (page-level ones were streamed through onPage). */
  findings: Finding[];
  healthScore: number | null;
  countsByCheck: Record<string, number>;
  audit: AuditResult | null;
  siteFiles: { robotsStatus: number | null; llmsTxtStatus: number | null; sitemapUrls: number; sitemaps: SitemapResult['files'] };
  /** Present when cancelled: pass as resumeState to continue. */
  state?: CrawlState;
}

interface Item {
  url: string;
  depth: number;
  from: string | null;
}

const SEEN = 1;
const IN_SITEMAP = 2;

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** A compact FIFO: a plain array with a moving head, compacted now and then (Array#shift is O(n)). */
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  push(x: T): void {
    this.items.push(x);
  }
  unshift(x: T): void {
    if (this.head > 0) this.items[--this.head] = x;
    else this.items.unshift(x);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    (this.items as Array<T | undefined>)[this.head] = undefined;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  get length(): number {
    return this.items.length - this.head;
  }
  toArray(): T[] {
    return this.items.slice(this.head);
  }
}

function errorCode(e: unknown): string {
  if (e instanceof SsrfError) return e.code === 'dns-failure' ? 'dns-failure' : 'ssrf-blocked';
  if (e instanceof RequestError) {
    if (e.code === 'timeout' || e.code === 'too-large' || e.code === 'redirect-loop' || e.code === 'too-many-redirects') return e.code;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function cookieHeader(c: CrawlOptions['cookies']): string | null {
  if (c === undefined) return null;
  if (typeof c === 'string') return c;
  const parts = Object.entries(c).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * The crawl engine: fetches the site politely and within scope, hands every page to the audit
 * exactly once and streams the per-page outcome to the caller. Holds only URL strings (frontier,
 * seen set) between pages: page bodies and FetchedPage objects are dropped once audited.
 */
export class Crawler {
  readonly startUrl: string;
  private readonly o: Required<
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
  private readonly normalize: (raw: string, base?: string | URL) => string | null;
  private readonly scope: CrawlScope;
  private readonly fetcher: Fetcher;
  private readonly robots: RobotsCache;
  private readonly gates = new Map<string, HostGate>();
  /** Stop: no new work starts. */
  private readonly controller = new AbortController();
  /** Hard abort of requests in flight; fires cancelGraceMs after stop. */
  private readonly hard = new AbortController();
  private graceTimer: NodeJS.Timeout | null = null;
  private audit: AuditPort | null = null;
  private pool: PageAuditPool | null = null;
  /** Undecoded HTML of fetched pages on their way to an audit thread. */
  private readonly htmlBodies = new WeakMap<FetchedPage, Buffer>();

  /**
   * Every URL the crawl knows, each string stored once, with flags: queued/fetched/refused (SEEN)
   * and listed in a sitemap (IN_SITEMAP). One map instead of two sets halves the URL memory of a
   * large crawl, where most URLs are both linked and in the sitemap.
   */
  private readonly urls = new Map<string, number>();
  private sitemapCount = 0;
  private readonly frontier = new Queue<Item>();
  private readonly inflight = new Set<Item>();
  private sitemapsPromoted = false;
  private siteFilesDone = false;
  private readonly resourcesSeen = new Set<string>();
  private readonly resourceQueue = new Queue<[string, ResourceKind]>();
  private readonly resourcesInflight = new Set<[string, ResourceKind]>();
  private readonly unreachableHosts = new UnreachableHosts();
  /** Aborts resource checks when the resource phase's time budget is spent. */
  private readonly resourceBudget = new AbortController();
  private resourcesSkipped = 0;
  private sitemapFiles: SitemapResult['files'] = [];
  private robotsStatus: number | null = null;
  private llmsTxtStatus: number | null = null;

  private pages = 0;
  private pagesThisRun = 0;
  private requests = 0;
  private errors = 0;
  private retries = 0;
  private robotsBlocked = 0;
  private resourcesChecked = 0;
  private bytes = 0;
  private truncated = 0;
  private priorElapsedMs = 0;
  private startedAt = 0;
  private phase: CrawlProgress['phase'] = 'site-files';
  private waiters: Array<() => void> = [];
  private fatal: unknown = null;
  private running = false;

  constructor(private readonly options: CrawlOptions) {
    this.normalize = createNormalizer(options.normalize);
    const start = this.normalize(options.startUrl);
    if (start === null) throw new TypeError(`not a crawlable http(s) URL: ${options.startUrl}`);
    this.startUrl = start;
    this.o = {
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
    this.scope = new CrawlScope(this.startUrl, { mode: options.scope, include: options.include, exclude: options.exclude, extraHosts: options.extraHosts });
    const siteHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.headers ?? {})) siteHeaders[k.toLowerCase()] = v;
    const cookie = cookieHeader(options.cookies);
    if (cookie !== null) siteHeaders['cookie'] = siteHeaders['cookie'] ? `${siteHeaders['cookie']}; ${cookie}` : cookie;
    this.fetcher = new Fetcher({
      userAgent: this.o.userAgent,
      siteHeaders,
      timeoutMs: this.o.timeoutMs,
      maxRedirects: this.o.maxRedirects,
      policy: options.ssrfPolicy ?? STRICT_POLICY,
      lookup: options.lookup,
      dnsTimeoutMs: options.dnsTimeoutMs,
      connections: this.o.concurrency + this.o.resourceConcurrency,
    });
    this.robots = new RobotsCache(
      this.fetcher,
      {
        agent: productToken(this.o.userAgent),
        onUnreachable: options.robotsUnreachable ?? 'disallow',
        maxCrawlDelayMs: this.o.maxCrawlDelayMs,
        obey: this.o.respectRobots,
      },
      (url, fn) => this.withGate(url, fn),
    );
    // Every in-flight request and gate wait listens on these; the default limit of 10 is a false alarm here.
    setMaxListeners(0, this.controller.signal, this.hard.signal);
    this.controller.signal.addEventListener(
      'abort',
      () => {
        if (this.fatal || this.o.cancelGraceMs <= 0) this.hard.abort(this.controller.signal.reason);
        else {
          this.graceTimer = setTimeout(() => this.hard.abort(this.controller.signal.reason), this.o.cancelGraceMs);
          this.graceTimer.unref();
        }
      },
      { once: true },
    );
    if (options.signal) {
      if (options.signal.aborted) this.controller.abort(options.signal.reason);
      else options.signal.addEventListener('abort', () => this.controller.abort(options.signal?.reason), { once: true });
    }
  }

  /** Stops the crawl; run() then resolves with status 'cancelled' and a resumable state. */
  cancel(reason?: unknown): void {
    this.controller.abort(reason ?? new Error('crawl cancelled'));
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  private isSeen(url: string): boolean {
    return ((this.urls.get(url) ?? 0) & SEEN) !== 0;
  }

  private markSeen(url: string): void {
    this.urls.set(url, (this.urls.get(url) ?? 0) | SEEN);
  }

  private markSitemap(url: string): void {
    const flags = this.urls.get(url) ?? 0;
    if ((flags & IN_SITEMAP) === 0) this.sitemapCount++;
    this.urls.set(url, flags | IN_SITEMAP);
  }

  private keysWith(flag: number): string[] {
    const out: string[] = [];
    for (const [u, flags] of this.urls) if ((flags & flag) !== 0) out.push(u);
    return out;
  }

  /**
   * A resumable snapshot: everything seen, what is still to fetch (in-flight pages included, they
   * have not reached the audit yet) and the audit's own snapshot. JSON-serialisable.
   */
  getState(): CrawlState {
    const frontier: FrontierEntry[] = [];
    for (const it of this.inflight) frontier.push([it.url, it.depth, it.from]);
    for (const it of this.frontier.toArray()) frontier.push([it.url, it.depth, it.from]);
    const resourceQueue = [...this.resourcesInflight, ...this.resourceQueue.toArray()];
    const snapshot = this.audit?.snapshot ? this.audit.snapshot() : null;
    return {
      version: 1,
      startUrl: this.startUrl,
      seen: this.keysWith(SEEN),
      frontier,
      sitemapUrls: this.keysWith(IN_SITEMAP),
      sitemapsPromoted: this.sitemapsPromoted,
      siteFilesDone: this.siteFilesDone,
      resourcesSeen: [...this.resourcesSeen],
      resourceQueue,
      stats: {
        pages: this.pages,
        requests: this.requests,
        errors: this.errors,
        robotsBlocked: this.robotsBlocked,
        resourcesChecked: this.resourcesChecked,
        bytes: this.bytes,
        elapsedMs: this.priorElapsedMs + (this.startedAt ? Date.now() - this.startedAt : 0),
      },
      // Deep copy so later audit work cannot change a state already handed out.
      audit: snapshot === null || snapshot === undefined ? null : structuredClone(snapshot),
    };
  }

  progress(): CrawlProgress {
    const elapsed = this.startedAt ? Date.now() - this.startedAt : 0;
    return {
      pagesCrawled: this.pages,
      pagesQueued: this.frontier.length,
      inFlight: this.inflight.size,
      pagesPerSecond: elapsed > 0 ? (this.pagesThisRun * 1000) / elapsed : 0,
      requests: this.requests,
      errors: this.errors,
      robotsBlocked: this.robotsBlocked,
      resourcesChecked: this.resourcesChecked,
      resourcesQueued: this.resourceQueue.length,
      resourcesInFlight: this.resourcesInflight.size,
      elapsedMs: this.priorElapsedMs + elapsed,
      phase: this.phase,
    };
  }

  async run(): Promise<CrawlSummary> {
    if (this.running) throw new Error('a Crawler runs once');
    this.running = true;
    this.startedAt = Date.now();
    const signal = this.controller.signal;
    const timer = this.options.onProgress
      ? setInterval(() => this.options.onProgress?.(this.progress()), this.o.progressIntervalMs)
      : null;
    timer?.unref();
    try {
      this.initAudit();
      this.startAuditThreads();
      if (!this.siteFilesDone) await this.loadSiteFiles(this.hard.signal);
      this.phase = 'crawling';
      const resourceWorkers = this.o.checkResources ? Array.from({ length: this.o.resourceConcurrency }, () => this.resourceWorker()) : [];
      await Promise.all(Array.from({ length: this.o.concurrency }, () => this.pageWorker()));
      this.phase = 'resources';
      this.wakeAll();
      const budgetTimer = setTimeout(() => this.resourceBudget.abort(new Error('resource time budget spent')), this.o.resourceBudgetMs);
      budgetTimer.unref();
      await Promise.all(resourceWorkers);
      clearTimeout(budgetTimer);
      if (this.resourceBudget.signal.aborted) {
        this.resourcesSkipped += this.resourceQueue.length;
        while (this.resourceQueue.shift() !== undefined);
      }
      if (this.fatal) throw this.fatal;
    } catch (e) {
      if (!signal.aborted || this.fatal) {
        await this.fetcher.close();
        await this.pool?.close();
        if (timer) clearInterval(timer);
        if (this.graceTimer) clearTimeout(this.graceTimer);
        throw this.fatal ?? e;
      }
    }
    this.phase = 'finishing';
    const summary = this.finish();
    if (timer) clearInterval(timer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.phase = 'done';
    this.options.onProgress?.(this.progress());
    await this.fetcher.close();
    await this.pool?.close();
    return summary;
  }

  private startAuditThreads(): void {
    const audit = this.audit;
    if (audit === null || typeof audit.pageAuditOptions !== 'function' || typeof audit.addAuditedPage !== 'function') return;
    // One thread per core (up to 3): the crawl's own thread mostly waits on I/O and the site state,
    // so the audit threads can use every core (on 2 cores, 2 threads measured ~575 pages/s against
    // ~440 with 1). A single core gains nothing from a thread.
    const cores = availableParallelism();
    const threads = this.options.auditThreads ?? (cores > 1 ? Math.min(3, cores) : 0);
    if (threads <= 0) return;
    this.pool = new PageAuditPool(threads, audit.pageAuditOptions());
  }

  private initAudit(): void {
    const factory = this.options.auditFactory ?? defaultAuditFactory;
    const auditOptions = { ...(this.options.auditOptions ?? {}), startUrl: this.startUrl };
    const state = this.options.resumeState;
    if (state) {
      if (state.version !== 1) throw new Error(`unsupported crawl state version ${String(state.version)}`);
      if (state.startUrl !== this.startUrl) throw new Error(`resume state is for ${state.startUrl}, not ${this.startUrl}`);
      for (const u of state.seen) this.markSeen(u);
      for (const [url, depth, from] of state.frontier) this.frontier.push({ url, depth, from });
      for (const u of state.sitemapUrls) this.markSitemap(u);
      this.sitemapsPromoted = state.sitemapsPromoted;
      this.siteFilesDone = state.siteFilesDone;
      for (const u of state.resourcesSeen) this.resourcesSeen.add(u);
      for (const r of state.resourceQueue) this.resourceQueue.push(r);
      this.pages = state.stats.pages;
      this.requests = state.stats.requests;
      this.errors = state.stats.errors;
      this.robotsBlocked = state.stats.robotsBlocked;
      this.resourcesChecked = state.stats.resourcesChecked;
      this.bytes = state.stats.bytes;
      this.priorElapsedMs = state.stats.elapsedMs;
      if (this.options.audit) this.audit = this.options.audit;
      else if (state.audit !== null && state.audit !== undefined) {
        if (!factory.restore) throw new Error('the audit factory cannot restore a snapshot');
        this.audit = factory.restore(state.audit, auditOptions);
      } else if (state.stats.pages > 0) {
        // A fresh audit would silently drop every page audited before the cancel.
        throw new Error('the resume state has no audit snapshot (the audit in use cannot take one); pass the original audit as options.audit');
      } else this.audit = factory.create(auditOptions);
      return;
    }
    this.audit = this.options.audit ?? factory.create(auditOptions);
    this.markSeen(this.startUrl);
    this.frontier.push({ url: this.startUrl, depth: 0, from: null });
  }

  private gateFor(host: string, robots?: RobotsRules | null): HostGate {
    let g = this.gates.get(host);
    if (!g) {
      const rps = this.o.requestsPerSecond;
      g = new HostGate(this.o.concurrency, rps > 0 ? 1000 / rps : 0);
      this.gates.set(host, g);
    }
    if (robots && robots.crawlDelayMs !== null && g.intervalMs < robots.crawlDelayMs) {
      // Crawl-delay means "one request, then wait": serialise the host as well as spacing it.
      g.intervalMs = robots.crawlDelayMs;
      g.maxConcurrent = 1;
    }
    return g;
  }

  private async withGate<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const gate = this.gateFor(new URL(url).host);
    await gate.acquire(this.hard.signal);
    try {
      this.requests++;
      return await fn();
    } finally {
      gate.release();
    }
  }

  private async loadSiteFiles(signal: AbortSignal): Promise<void> {
    const origin = new URL(this.startUrl).origin;
    const robots = await this.robots.get(origin, signal);
    this.robotsStatus = robots.status;
    const sitemapOpt = this.options.sitemaps ?? true;
    const llms = this.withGate(`${origin}/llms.txt`, () =>
      this.fetcher.fetch(`${origin}/llms.txt`, { signal, siteHeaders: true, shouldReadBody: () => false, maxRedirects: 5 }),
    ).then(
      (r) => r.status,
      (e) => {
        if (signal.aborted) throw e;
        return 0;
      },
    );
    let sitemap: SitemapResult = { urls: new Set(), files: [] };
    if (sitemapOpt !== false) {
      // A crawl allowed more pages than the default URL limit should also see that many sitemap entries.
      const limits = { ...DEFAULT_SITEMAP_LIMITS, maxUrls: Math.max(DEFAULT_SITEMAP_LIMITS.maxUrls, this.o.maxPages), ...(typeof sitemapOpt === 'object' ? sitemapOpt : {}) };
      sitemap = await discoverSitemaps({
        fetcher: this.fetcher,
        fromRobots: robots.sitemaps,
        origin,
        limits,
        accept: (u) => {
          const n = this.normalize(u);
          return n !== null && this.scope.isSameSite(n) ? n : null;
        },
        mayFetch: (u) => {
          const n = this.normalize(u);
          return n !== null && this.scope.isSameSite(n);
        },
        gate: (url, fn) => this.withGate(url, fn),
        signal,
      });
    }
    this.llmsTxtStatus = await llms;
    for (const u of sitemap.urls) this.markSitemap(u);
    sitemap.urls.clear();
    this.sitemapFiles = sitemap.files;
    this.audit?.setSiteFiles({
      robotsTxt: { status: robots.status, body: robots.body },
      llmsTxt: { status: this.llmsTxtStatus },
      sitemapUrls: this.keysWith(IN_SITEMAP),
    });
    this.siteFilesDone = true;
  }

  private wakeAll(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private waitForChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sitemap-only URLs join the frontier once the link graph is exhausted, so linked URLs get their link depth first. */
  private promoteSitemapUrls(): boolean {
    if (this.sitemapsPromoted || !this.o.crawlSitemapUrls) return false;
    this.sitemapsPromoted = true;
    let added = 0;
    for (const [u, flags] of this.urls) {
      if ((flags & (SEEN | IN_SITEMAP)) !== IN_SITEMAP || !this.scope.matchesPatterns(u)) continue;
      this.urls.set(u, flags | SEEN);
      this.frontier.push({ url: u, depth: -1, from: null });
      added++;
    }
    return added > 0;
  }

  private budgetLeft(): boolean {
    return this.pages + this.inflight.size < this.o.maxPages;
  }

  private async pageWorker(): Promise<void> {
    const signal = this.controller.signal;
    for (;;) {
      if (signal.aborted || this.fatal) return;
      if (!this.budgetLeft()) {
        if (this.inflight.size === 0) return this.wakeAll();
        await this.waitForChange();
        continue;
      }
      const item = this.frontier.shift();
      if (!item) {
        if (this.inflight.size === 0) {
          if (this.promoteSitemapUrls()) {
            this.wakeAll();
            continue;
          }
          return this.wakeAll();
        }
        await this.waitForChange();
        continue;
      }
      this.inflight.add(item);
      try {
        await this.processPage(item);
      } catch (e) {
        if (signal.aborted && !this.fatal) {
          // Not audited yet (processPage removes it from inflight once audited): fetch it on resume.
          if (this.inflight.has(item)) this.frontier.unshift(item);
        } else {
          this.fatal = e;
          this.controller.abort(e);
        }
      } finally {
        this.inflight.delete(item);
        this.wakeAll();
      }
    }
  }

  private async processPage(item: Item): Promise<void> {
    const audit = this.audit as AuditPort;
    const origin = new URL(item.url).origin;
    const robots = await this.robots.get(origin, this.hard.signal);
    if (!robots.isAllowed(item.url)) {
      this.inflight.delete(item);
      this.robotsBlocked++;
      audit.addRobotsBlocked(item.url, item.from ?? item.url);
      return;
    }
    const page = await this.fetchPage(item, robots);
    // A page with a response is always audited, cancel or not: the worker's audit is not aborted.
    // Until the audit has it, a state taken now lists it as still to fetch (the audit snapshot does
    // not have it either), so it cannot be both stored and fetched again.
    const isHtml = page.html !== null || this.htmlBodies.has(page);
    // Taken before the audit thread drops it: onPage gets the bytes when page.html is null (threads).
    const body = page.html === null ? this.htmlBodies.get(page) ?? null : null;
    const outcome = this.pool === null ? audit.addPage(page) : await this.auditInPool(this.pool, audit, page);
    // From here on the page counts as visited: a state taken now must not re-queue it.
    this.inflight.delete(item);
    this.pages++;
    this.pagesThisRun++;
    if (page.error) this.errors++;
    if (page.truncated) this.truncated++;
    this.bytes += page.bodyBytes;
    const followable = page.status >= 200 && page.status < 300 && isHtml && this.scope.isSameSite(page.finalUrl);
    // A nofollow page (robots meta or X-Robots-Tag) is audited, but its links are not crawled.
    if (followable && outcome.followLinks !== false) this.enqueueLinks(outcome.links, item, page.finalUrl);
    if (this.o.checkResources) this.enqueueResources(outcome);
    if (this.options.onPage) await this.options.onPage(page, outcome, body);
  }

  /**
   * The HTML body goes to an audit thread as bytes and is decoded there, so this thread never holds
   * a decoded copy (pages wait here while their audit runs, and what they hold would be promoted to
   * the old generation and bloat the heap). Hence `page.html` is null in onPage with threads. The
   * bytes are copied, not moved, and dropped once the thread answers: if the thread dies under the
   * page (its heap limit) the page is audited here instead, and so is every page once the pool has
   * given up replacing threads.
   */
  private async auditInPool(pool: PageAuditPool, audit: AuditPort, page: FetchedPage): Promise<PageOutcome> {
    const body = this.htmlBodies.get(page) ?? null;
    this.htmlBodies.delete(page);
    const here = () => audit.addPage(body === null ? page : { ...page, html: decodeHtml(body, page.contentType).text });
    if (pool.size === 0) return here();
    let result: unknown;
    try {
      result = await pool.audit(page, body);
    } catch (e) {
      if (e instanceof AuditWorkerLostError) return here();
      throw e;
    }
    return (audit.addAuditedPage as NonNullable<AuditPort['addAuditedPage']>)(page, result as never);
  }

  private enqueueLinks(links: readonly string[], item: Item, base: string): void {
    const depth = item.depth < 0 ? -1 : item.depth + 1;
    if (depth > this.o.maxDepth) return;
    // Keep the frontier bounded by what the page budget can still use (plus slack for refusals).
    const room = this.o.maxPages - this.pages - this.inflight.size + 1000 - this.frontier.length;
    let added = 0;
    for (const link of links) {
      if (added >= room) break;
      // Every known URL is stored normalised and normalising is idempotent, so a link spelled exactly
      // like a known URL needs no parsing (most links of a large site point at pages already seen).
      if (this.isSeen(link)) continue;
      const n = this.normalize(link, base);
      if (n === null || this.isSeen(n)) continue;
      if (!this.scope.admits(n)) continue;
      this.markSeen(n);
      this.frontier.push({ url: n, depth, from: item.url });
      added++;
    }
    if (added > 0) this.wakeAll();
  }

  private enqueueResources(outcome: PageOutcome): void {
    let added = 0;
    for (const r of outcome.resources) {
      if (r.kind !== 'image' && r.kind !== 'external-link') continue;
      if (this.resourcesSeen.size >= this.o.maxResources) break;
      if (this.resourcesSeen.has(r.url)) continue;
      this.resourcesSeen.add(r.url);
      this.resourceQueue.push([r.url, r.kind]);
      added++;
    }
    if (added > 0) this.wakeAll();
  }

  /**
   * Throws only when stopped before a response was had (the item then goes back to the frontier);
   * a response that arrives during the cancel grace period is kept.
   */
  private async fetchPage(item: Item, robots: RobotsRules): Promise<FetchedPage> {
    const stop = this.controller.signal;
    const hard = this.hard.signal;
    const url = item.url;
    const gate = this.gateFor(new URL(url).host, robots);
    const inSitemap = ((this.urls.get(url) ?? 0) & IN_SITEMAP) !== 0;
    const base = { url, depth: item.depth, discoveredFrom: item.from, inSitemap };
    let stoppedByRobots: string | null = null;
    for (let attempt = 0; ; attempt++) {
      await gate.acquire(stop);
      let res: SafeResponse | null = null;
      let err: unknown = null;
      const started = performance.now();
      try {
        this.requests++;
        res = await this.fetcher.fetch(url, {
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
            const n = this.normalize(next.href);
            if (n === null || !this.scope.isSameSite(n)) return true;
            const r = await this.robots.get(next.origin, hard);
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
        const delay = retryAfter ?? this.o.retryBaseMs * 2 ** attempt;
        if (delay <= this.o.maxRetryAfterMs) {
          gate.backOff(delay);
          this.retries++;
          continue;
        }
      }
      if (stoppedByRobots !== null) {
        if (!this.isSeen(stoppedByRobots)) {
          this.markSeen(stoppedByRobots);
          this.robotsBlocked++;
          (this.audit as AuditPort).addRobotsBlocked(stoppedByRobots, url);
        }
      }
      if (res) return this.toPage(base, res);
      const redirects: RedirectHop[] = err instanceof RequestError || err instanceof SsrfError ? err.redirects : [];
      const last = redirects.at(-1)?.location ?? url;
      return {
        ...base,
        finalUrl: this.normalize(last) ?? last,
        status: 0,
        error: errorCode(err),
        headers: {},
        contentType: null,
        html: null,
        bodyBytes: 0,
        truncated: false,
        ttfbMs: 0,
        totalMs: performance.now() - started,
        redirects,
      };
    }
  }

  private toPage(base: Pick<FetchedPage, 'url' | 'depth' | 'discoveredFrom' | 'inSitemap'>, res: SafeResponse): FetchedPage {
    const contentType = res.headers['content-type'] ?? null;
    let html: string | null = null;
    let htmlBody: Buffer | null = null;
    let bodyBytes = res.bytes;
    if (res.bytes > 0 && isHtmlResponse(contentType, res.body)) {
      // With audit threads the bytes are decoded in the thread (see auditInPool).
      if (this.pool !== null) htmlBody = res.body;
      else html = decodeHtml(res.body, contentType).text;
    }
    if (bodyBytes === 0) {
      const cl = Number(res.headers['content-length']);
      if (Number.isFinite(cl) && cl > 0) bodyBytes = cl;
    }
    const finalUrl = res.redirects.length > 0 ? (this.normalize(res.url) ?? res.url) : base.url;
    if (finalUrl !== base.url && this.scope.isSameSite(finalUrl) && !this.isSeen(finalUrl)) {
      // The target's content has just been audited under this URL: do not fetch it again.
      this.markSeen(finalUrl);
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
    if (htmlBody !== null) this.htmlBodies.set(page, htmlBody);
    return page;
  }

  private async resourceWorker(): Promise<void> {
    const signal = this.controller.signal;
    for (;;) {
      if (signal.aborted || this.fatal || this.resourceBudget.signal.aborted) return;
      const next = this.resourceQueue.shift();
      if (!next) {
        if (this.phase !== 'crawling') return;
        await this.waitForChange();
        continue;
      }
      this.resourcesInflight.add(next);
      try {
        const result = await this.checkResource(next[0]);
        if (result) {
          this.resourcesChecked++;
          (this.audit as AuditPort).addResourceResult(next[0], result);
        }
        this.resourcesInflight.delete(next);
      } catch (e) {
        if (!signal.aborted) {
          this.resourcesInflight.delete(next);
          this.fatal = e;
          this.controller.abort(e);
        }
      }
    }
  }

  /** HEAD, or GET without reading the body when HEAD is not allowed. Null when robots forbids it. */
  private async checkResource(url: string): Promise<ResourceResult | null> {
    const stop = this.controller.signal;
    const hard = this.hard.signal;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { status: 0, error: 'invalid URL' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = u.host;
    const known = this.unreachableHosts.reasonFor(host);
    if (known !== undefined) return { status: 0, error: known, unreachable: true };
    const sameSite = this.scope.isSameSite(u);
    if (sameSite) {
      const robots = await this.robots.get(u.origin, hard);
      if (!robots.isAllowed(url)) return null;
    }
    const gate = this.gateFor(host);
    const budget = this.resourceBudget.signal;
    const requestSignal = AbortSignal.any([hard, budget]);
    const attempt = async (method: 'HEAD' | 'GET'): Promise<SafeResponse | string> => {
      await gate.acquire(stop);
      try {
        // Another check may have found the host down while this one waited for the gate.
        const down = this.unreachableHosts.reasonFor(host);
        if (down !== undefined) return down;
        this.requests++;
        return await this.fetcher.fetch(u, { method, signal: requestSignal, siteHeaders: sameSite, shouldReadBody: () => false, maxRedirects: 5 });
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
        this.resourcesSkipped++;
        return null;
      }
      const reason = this.unreachableHosts.record(host, e);
      if (reason !== null) return { status: 0, error: reason, unreachable: true };
      return { status: 0, error: errorCode(e) };
    }
  }

  private finish(): CrawlSummary {
    const durationMs = Date.now() - this.startedAt;
    const cancelled = this.controller.signal.aborted;
    const state = cancelled ? this.getState() : undefined;
    let audit: AuditResult | null = null;
    if (this.audit) audit = this.audit.finish();
    return {
      startUrl: this.startUrl,
      status: cancelled ? 'cancelled' : 'completed',
      stats: {
        pages: this.pages,
        pagesThisRun: this.pagesThisRun,
        durationMs,
        pagesPerSecond: durationMs > 0 ? Math.round((this.pagesThisRun * 1000 * 10) / durationMs) / 10 : 0,
        requests: this.requests,
        errors: this.errors,
        retries: this.retries,
        robotsBlocked: this.robotsBlocked,
        resourcesChecked: this.resourcesChecked,
        resourcesSkipped: this.resourcesSkipped,
        unreachableHosts: this.unreachableHosts.size,
        bytes: this.bytes,
        truncated: this.truncated,
      },
      findings: audit?.findings ?? [],
      healthScore: audit?.healthScore ?? null,
      countsByCheck: audit?.countsByCheck ?? {},
      audit,
      siteFiles: {
        robotsStatus: this.robotsStatus,
        llmsTxtStatus: this.llmsTxtStatus,
        sitemapUrls: this.sitemapCount,
        sitemaps: this.sitemapFiles,
      },
      state,
    };
  }
}

/** Crawls and audits a site; resolves when done or cancelled (then `summary.state` resumes it). */
export function crawlSite(options: CrawlOptions): Promise<CrawlSummary> {
  return new Crawler(options).run();
}
