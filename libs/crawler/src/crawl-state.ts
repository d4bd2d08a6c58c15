import type { AuditResult, FetchedPage, Finding, ResourceKind } from '@seology/audit';
import type { FrontierEntry } from './frontier';
import type { SitemapResult } from './sitemaps';

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

/** Refuses a state this crawl cannot continue (another format or another site). */
export function checkResumeState(state: CrawlState, startUrl: string): void {
  if (state.version !== 1) throw new Error(`unsupported crawl state version ${String(state.version)}`);
  if (state.startUrl !== startUrl) throw new Error(`resume state is for ${state.startUrl}, not ${startUrl}`);
}

/**
 * The crawl's counters. Those in a crawl state carry over a resume (pages, requests, errors, robots
 * refusals, resources checked, bytes, elapsed time); the rest count this run only.
 */
export class CrawlCounters {
  pages = 0;
  pagesThisRun = 0;
  requests = 0;
  errors = 0;
  retries = 0;
  robotsBlocked = 0;
  resourcesChecked = 0;
  bytes = 0;
  truncated = 0;
  private priorElapsedMs = 0;
  private startedAt = 0;

  restore(stats: CrawlState['stats']): void {
    this.pages = stats.pages;
    this.requests = stats.requests;
    this.errors = stats.errors;
    this.robotsBlocked = stats.robotsBlocked;
    this.resourcesChecked = stats.resourcesChecked;
    this.bytes = stats.bytes;
    this.priorElapsedMs = stats.elapsedMs;
  }

  start(now = Date.now()): void {
    this.startedAt = now;
  }

  /** A page reached the audit. */
  recordPage(page: Pick<FetchedPage, 'error' | 'truncated' | 'bodyBytes'>): void {
    this.pages++;
    this.pagesThisRun++;
    if (page.error) this.errors++;
    if (page.truncated) this.truncated++;
    this.bytes += page.bodyBytes;
  }

  /** Wall time of this run so far (0 before it starts). */
  runMs(now = Date.now()): number {
    return this.startedAt ? now - this.startedAt : 0;
  }

  snapshot(now = Date.now()): CrawlState['stats'] {
    return {
      pages: this.pages,
      requests: this.requests,
      errors: this.errors,
      robotsBlocked: this.robotsBlocked,
      resourcesChecked: this.resourcesChecked,
      bytes: this.bytes,
      elapsedMs: this.priorElapsedMs + this.runMs(now),
    };
  }

  progress(
    phase: CrawlProgress['phase'],
    queues: Pick<CrawlProgress, 'pagesQueued' | 'inFlight' | 'resourcesQueued' | 'resourcesInFlight'>,
    now = Date.now(),
  ): CrawlProgress {
    const elapsed = this.runMs(now);
    return {
      pagesCrawled: this.pages,
      pagesQueued: queues.pagesQueued,
      inFlight: queues.inFlight,
      pagesPerSecond: elapsed > 0 ? (this.pagesThisRun * 1000) / elapsed : 0,
      requests: this.requests,
      errors: this.errors,
      robotsBlocked: this.robotsBlocked,
      resourcesChecked: this.resourcesChecked,
      resourcesQueued: queues.resourcesQueued,
      resourcesInFlight: queues.resourcesInFlight,
      elapsedMs: this.priorElapsedMs + elapsed,
      phase,
    };
  }

  /** The summary's figures once the run is over. */
  stats(resources: Pick<CrawlStats, 'resourcesSkipped' | 'unreachableHosts'>, now = Date.now()): CrawlStats {
    const durationMs = now - this.startedAt;
    return {
      pages: this.pages,
      pagesThisRun: this.pagesThisRun,
      durationMs,
      pagesPerSecond: durationMs > 0 ? Math.round((this.pagesThisRun * 1000 * 10) / durationMs) / 10 : 0,
      requests: this.requests,
      errors: this.errors,
      retries: this.retries,
      robotsBlocked: this.robotsBlocked,
      resourcesChecked: this.resourcesChecked,
      resourcesSkipped: resources.resourcesSkipped,
      unreachableHosts: resources.unreachableHosts,
      bytes: this.bytes,
      truncated: this.truncated,
    };
  }
}
