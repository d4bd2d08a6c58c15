import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { STRICT_POLICY } from '@seology/net';
import type { FetchedPage, PageOutcome, ResourceResult } from '@seology/audit';
import { defaultAuditFactory, openAudit, type AuditPort } from './audit-port';
import { AuditWorkerLostError, PageAuditPool } from './audit-threads/page-audit-pool';
import { decodeHtml } from './charset';
import { resolveCrawlOptions, type CrawlOptions, type ResolvedCrawlOptions } from './crawl-options';
import { checkResumeState, CrawlCounters, type CrawlProgress, type CrawlState, type CrawlSummary } from './crawl-state';
import { Fetcher, siteRequestHeaders } from './fetcher';
import { Frontier, type FrontierItem } from './frontier';
import { HostGates } from './host-gate';
import { PageFetcher } from './page-fetcher';
import { ChangeSignal } from './queue';
import { RenderStep } from './render-step';
import { ResourceChecker } from './resource-checker';
import { productToken, RobotsCache } from './robots';
import { CrawlScope } from './scope';
import { loadSiteFiles } from './site-files';
import { createNormalizer } from './url-normalize';

export { DEFAULT_USER_AGENT, type CrawlOptions } from './crawl-options';
export type { CrawlProgress, CrawlState, CrawlStats, CrawlSummary } from './crawl-state';

/**
 * The crawl engine: fetches the site politely and within scope, hands every page to the audit
 * exactly once and streams the per-page outcome to the caller. It only orchestrates: the frontier
 * (what to fetch), the page fetcher, the resource checker, the site files and the counters are
 * parts of their own. Holds only URL strings between pages: bodies are dropped once audited.
 */
export class Crawler {
  readonly startUrl: string;
  private readonly o: ResolvedCrawlOptions;
  private readonly fetcher: Fetcher;
  private readonly robots: RobotsCache;
  private readonly scope: CrawlScope;
  private readonly normalize: (raw: string, base?: string | URL) => string | null;
  private readonly frontier: Frontier;
  private readonly pages: PageFetcher;
  private readonly resources: ResourceChecker;
  private readonly gates: HostGates;
  private readonly renderStep: RenderStep | null;
  private readonly counters = new CrawlCounters();
  private readonly changed = new ChangeSignal();
  /** Stop: no new work starts. */
  private readonly controller = new AbortController();
  /** Hard abort of requests in flight; fires cancelGraceMs after stop. */
  private readonly hard = new AbortController();
  private graceTimer: NodeJS.Timeout | null = null;
  private audit: AuditPort | null = null;
  private pool: PageAuditPool | null = null;
  private siteFiles: CrawlSummary['siteFiles'] = { robotsStatus: null, llmsTxtStatus: null, sitemapUrls: 0, sitemaps: [] };
  private siteFilesDone = false;
  private phase: CrawlProgress['phase'] = 'site-files';
  private fatal: unknown = null;
  private running = false;

  constructor(private readonly options: CrawlOptions) {
    this.normalize = createNormalizer(options.normalize);
    const start = this.normalize(options.startUrl);
    if (start === null) throw new TypeError(`not a crawlable http(s) URL: ${options.startUrl}`);
    this.startUrl = start;
    const o = (this.o = resolveCrawlOptions(options));
    this.scope = new CrawlScope(this.startUrl, { mode: options.scope, include: options.include, exclude: options.exclude, extraHosts: options.extraHosts });
    const siteHeaders = siteRequestHeaders(options.headers, options.cookies);
    this.fetcher = new Fetcher({
      userAgent: o.userAgent,
      siteHeaders,
      timeoutMs: o.timeoutMs,
      maxRedirects: o.maxRedirects,
      policy: options.ssrfPolicy ?? STRICT_POLICY,
      lookup: options.lookup,
      dnsTimeoutMs: options.dnsTimeoutMs,
      connections: o.concurrency + o.resourceConcurrency,
    });
    this.gates = new HostGates(o.concurrency, o.requestsPerSecond, () => this.counters.requests++);
    const robotsOptions = { agent: productToken(o.userAgent), onUnreachable: options.robotsUnreachable ?? 'disallow', maxCrawlDelayMs: o.maxCrawlDelayMs, obey: o.respectRobots };
    this.robots = new RobotsCache(this.fetcher, robotsOptions, (url, fn) => this.gates.run(url, this.hard.signal, fn));
    this.renderStep = options.render
      ? new RenderStep(options.render, {
          userAgent: o.userAgent,
          siteHeaders,
          policy: options.ssrfPolicy ?? STRICT_POLICY,
          isSameSite: (u) => this.scope.isSameSite(u),
          gate: (u, fn) => this.gates.run(u, this.hard.signal, fn),
          robotsAllows: async (u) => (await this.robots.get(u.origin, this.hard.signal)).isAllowed(u.href),
          decode: (b, ct) => decodeHtml(b, ct).text,
        })
      : null;
    this.frontier = new Frontier({ scope: this.scope, normalize: this.normalize, maxPages: o.maxPages, maxDepth: o.maxDepth, crawlSitemapUrls: o.crawlSitemapUrls });
    const parts = { fetcher: this.fetcher, robots: this.robots, gates: this.gates, scope: this.scope, counters: this.counters, stop: this.controller.signal, hard: this.hard.signal };
    this.pages = new PageFetcher(
      {
        ...parts,
        normalize: this.normalize,
        frontier: this.frontier,
        onRedirectBlocked: (target, from) => {
          if (this.frontier.isSeen(target)) return;
          this.frontier.markSeen(target);
          this.reportRobotsBlocked(target, from);
        },
      },
      o,
    );
    this.resources = new ResourceChecker(parts, o.maxResources);
    // Every in-flight request and gate wait listens on these; the default limit of 10 is a false alarm here.
    setMaxListeners(0, this.controller.signal, this.hard.signal);
    this.controller.signal.addEventListener(
      'abort',
      () => {
        if (this.fatal || o.cancelGraceMs <= 0) this.hard.abort(this.controller.signal.reason);
        else {
          this.graceTimer = setTimeout(() => this.hard.abort(this.controller.signal.reason), o.cancelGraceMs);
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

  /**
   * A resumable snapshot: everything seen, what is still to fetch (in-flight pages included, they
   * have not reached the audit yet) and the audit's own snapshot. JSON-serialisable.
   */
  getState(): CrawlState {
    const snapshot = this.audit?.snapshot ? this.audit.snapshot() : null;
    return {
      version: 1,
      startUrl: this.startUrl,
      ...this.frontier.snapshot(),
      siteFilesDone: this.siteFilesDone,
      ...this.resources.snapshot(),
      stats: this.counters.snapshot(),
      // Deep copy so later audit work cannot change a state already handed out.
      audit: snapshot === null || snapshot === undefined ? null : structuredClone(snapshot),
    };
  }

  progress(): CrawlProgress {
    return this.counters.progress(this.phase, {
      pagesQueued: this.frontier.queued,
      inFlight: this.frontier.inFlight,
      resourcesQueued: this.resources.queued,
      resourcesInFlight: this.resources.inFlight,
    });
  }

  async run(): Promise<CrawlSummary> {
    if (this.running) throw new Error('a Crawler runs once');
    this.running = true;
    this.counters.start();
    const signal = this.controller.signal;
    const timer = this.options.onProgress ? setInterval(() => this.options.onProgress?.(this.progress()), this.o.progressIntervalMs) : null;
    timer?.unref();
    const cleanUp = async () => {
      if (timer) clearInterval(timer);
      if (this.graceTimer) clearTimeout(this.graceTimer);
      await this.fetcher.close();
      await this.pool?.close();
    };
    try {
      this.initAudit();
      this.startAuditThreads();
      if (!this.siteFilesDone) await this.readSiteFiles();
      this.phase = 'crawling';
      const resourceWorkers = this.o.checkResources ? Array.from({ length: this.o.resourceConcurrency }, () => this.resources.work(this.resourceHooks)) : [];
      await Promise.all(Array.from({ length: this.o.concurrency }, () => this.pageWorker()));
      this.phase = 'resources';
      this.changed.wakeAll();
      const stopBudget = this.resources.startBudget(this.o.resourceBudgetMs);
      await Promise.all(resourceWorkers);
      stopBudget();
      this.resources.settleBudget();
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a worker's failure is rethrown as it was thrown, Error or not
      if (this.fatal) throw this.fatal;
    } catch (e) {
      if (!signal.aborted || this.fatal) {
        await cleanUp();
        throw this.fatal ?? e;
      }
    }
    this.phase = 'finishing';
    const summary = this.finish();
    this.phase = 'done';
    this.options.onProgress?.(this.progress());
    await cleanUp();
    return summary;
  }

  private readonly resourceHooks = {
    crawling: () => this.phase === 'crawling',
    waitForChange: () => this.changed.wait(),
    onResult: (url: string, result: ResourceResult) => {
      this.counters.resourcesChecked++;
      this.audit?.addResourceResult(url, result);
    },
    onFatal: (e: unknown) => this.fail(e),
  };

  private fail(e: unknown): void {
    this.fatal = e;
    this.controller.abort(e);
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
    if (!state) {
      this.audit = openAudit(this.options.audit, factory, auditOptions);
      this.frontier.start(this.startUrl);
      return;
    }
    checkResumeState(state, this.startUrl);
    this.frontier.restore(state);
    this.siteFilesDone = state.siteFilesDone;
    this.resources.restore(state);
    this.counters.restore(state.stats);
    this.audit = openAudit(this.options.audit, factory, auditOptions, { snapshot: state.audit, pagesAudited: state.stats.pages });
  }

  private async readSiteFiles(): Promise<void> {
    const origin = new URL(this.startUrl).origin;
    const deps = { fetcher: this.fetcher, robots: this.robots, gates: this.gates, scope: this.scope, normalize: this.normalize };
    // Reported even if the crawl is cancelled while the sitemaps load (loadSiteFiles reuses the cached rules).
    this.siteFiles.robotsStatus = (await this.robots.get(origin, this.hard.signal)).status;
    const files = await loadSiteFiles(origin, deps, { sitemaps: this.options.sitemaps ?? true, maxPages: this.o.maxPages }, this.hard.signal);
    for (const u of files.sitemap.urls) this.frontier.markSitemap(u);
    files.sitemap.urls.clear();
    this.siteFiles = { robotsStatus: files.robots.status, llmsTxtStatus: files.llmsTxtStatus, sitemapUrls: 0, sitemaps: files.sitemap.files };
    this.audit?.setSiteFiles({
      robotsTxt: { status: files.robots.status, body: files.robots.body },
      llmsTxt: { status: files.llmsTxtStatus },
      sitemapUrls: this.frontier.sitemapUrls(),
    });
    this.siteFilesDone = true;
  }

  private async pageWorker(): Promise<void> {
    const signal = this.controller.signal;
    for (;;) {
      if (signal.aborted || this.fatal) return;
      if (!this.frontier.hasBudget(this.counters.pages)) {
        if (this.frontier.inFlight === 0) return this.changed.wakeAll();
        await this.changed.wait();
        continue;
      }
      const item = this.frontier.take();
      if (!item) {
        if (this.frontier.inFlight === 0) {
          if (this.frontier.promoteSitemapUrls()) {
            this.changed.wakeAll();
            continue;
          }
          return this.changed.wakeAll();
        }
        await this.changed.wait();
        continue;
      }
      try {
        await this.processPage(item);
      } catch (e) {
        // Not audited yet (processPage settles it once audited): fetch it on resume.
        if (signal.aborted && !this.fatal) this.frontier.putBack(item);
        else this.fail(e);
      } finally {
        this.frontier.settle(item);
        this.changed.wakeAll();
      }
    }
  }

  private reportRobotsBlocked(url: string, from: string): void {
    this.counters.robotsBlocked++;
    this.audit?.addRobotsBlocked(url, from);
  }

  private async processPage(item: FrontierItem): Promise<void> {
    const robots = await this.robots.get(new URL(item.url).origin, this.hard.signal);
    if (!robots.isAllowed(item.url)) {
      this.frontier.settle(item);
      this.reportRobotsBlocked(item.url, item.from ?? item.url);
      return;
    }
    const fetched = await this.pages.fetch(item, robots, this.pool === null);
    await this.renderStep?.fill(fetched.page, fetched.page.html === null ? fetched.htmlBody : null);
    const isHtml = fetched.page.html !== null || fetched.htmlBody !== null;
    // A page with a response is always audited, cancel or not: the worker's audit is not aborted.
    // Until the audit has it, a state taken now lists it as still to fetch (the audit snapshot does
    // not have it either), so it cannot be both stored and fetched again.
    const { page, outcome } = await this.auditPage(fetched.page, fetched.htmlBody);
    // From here on the page counts as visited: a state taken now must not re-queue it.
    this.frontier.settle(item);
    this.counters.recordPage(page);
    const followable = page.status >= 200 && page.status < 300 && isHtml && this.scope.isSameSite(page.finalUrl);
    // A nofollow page (robots meta or X-Robots-Tag) is audited, but its links are not crawled.
    if (followable && outcome.followLinks !== false && this.frontier.enqueueLinks(outcome.links, item, page.finalUrl, this.counters.pages) > 0) this.changed.wakeAll();
    if (this.o.checkResources && this.resources.enqueue(outcome.resources) > 0) this.changed.wakeAll();
    // onPage gets the bytes when page.html is null (threads).
    if (this.options.onPage) await this.options.onPage(page, outcome, page.html === null ? fetched.htmlBody : null);
  }

  /**
   * The one place a fetched page is handed to the audit. Without audit threads the HTML arrives
   * decoded in `page.html`. With threads the body goes to an audit thread as bytes and is decoded
   * there, so this thread never holds a decoded copy (pages wait here while their audit runs, and
   * what they hold would be promoted to the old generation and bloat the heap); hence `page.html`
   * is null in onPage with threads. If the thread dies under the page (its heap limit) the page is
   * audited here instead, and so is every page once the pool has given up replacing threads.
   */
  private async auditPage(page: FetchedPage, htmlBody: Buffer | null): Promise<{ page: FetchedPage; outcome: PageOutcome }> {
    const audit = this.audit;
    if (audit === null) throw new Error('the audit starts before the first page');
    const pool = this.pool;
    if (pool === null) return { page, outcome: audit.addPage(page) };
    const here = () => audit.addPage(htmlBody === null ? page : { ...page, html: decodeHtml(htmlBody, page.contentType).text });
    if (pool.size === 0 || typeof audit.addAuditedPage !== 'function') return { page, outcome: here() };
    let result: unknown;
    try {
      result = await pool.audit(page, htmlBody);
    } catch (e) {
      if (e instanceof AuditWorkerLostError) return { page, outcome: here() };
      throw e;
    }
    return { page, outcome: audit.addAuditedPage(page, result as never) };
  }

  private finish(): CrawlSummary {
    // Taken first: the duration is the crawl's, without the site-level audit below.
    const stats = this.counters.stats({ resourcesSkipped: this.resources.skipped, unreachableHosts: this.resources.unreachableHosts });
    const cancelled = this.controller.signal.aborted;
    const state = cancelled ? this.getState() : undefined;
    const audit = this.audit ? this.audit.finish() : null;
    return {
      startUrl: this.startUrl,
      status: cancelled ? 'cancelled' : 'completed',
      stats,
      findings: audit?.findings ?? [],
      healthScore: audit?.healthScore ?? null,
      countsByCheck: audit?.countsByCheck ?? {},
      audit,
      siteFiles: { ...this.siteFiles, sitemapUrls: this.frontier.sitemapUrlCount },
      state,
    };
  }
}

/** Crawls and audits a site; resolves when done or cancelled (then `summary.state` resumes it). */
export function crawlSite(options: CrawlOptions): Promise<CrawlSummary> {
  return new Crawler(options).run();
}
