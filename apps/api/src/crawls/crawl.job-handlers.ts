import { Injectable, Logger } from '@nestjs/common';
import { SiteEventsService } from '../events/site-events.service';
import { Prisma } from '@prisma/client';
import type { FetchedPage, PageOutcome } from '@seology/audit';
import { crawlSite, type CrawlState } from '@seology/crawler';
import { AppConfig } from '../config/app-config';
import { ConnectionsService } from '../connections/connections.service';
import { FixProposalsService } from '../fixes/fix-proposals.service';
import { JobHandler, OnFinalFailure, PermanentJobError, type FinalFailure, type JobContext } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';
import { crawlPagesTotal } from '../metrics/metrics';
import { SearchConsoleSyncService } from '../search-console/search-console-sync.service';
import { CrawlResultsRepository } from './crawl-results.repository';
import type { CrawlResultsWriter } from './crawl-results.writer';
import { CrawlsRepository } from './crawls.repository';

interface CrawlSettings {
  maxPages?: number;
  maxDepth?: number;
  include?: string[];
  exclude?: string[];
  requestsPerSecond?: number;
  userAgent?: string;
}

const DEFAULT_MAX_PAGES = 500;
const PROGRESS_WRITE_MS = 1_000;

export function healthStatusOf(score: number | null): string {
  if (score === null) return 'unknown';
  if (score >= 80) return 'healthy';
  if (score >= 50) return 'warning';
  return 'error';
}

@Injectable()
export class CrawlJobHandlers {
  private readonly logger = new Logger(CrawlJobHandlers.name);

  constructor(
    private readonly crawls: CrawlsRepository,
    private readonly results: CrawlResultsRepository,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly fixProposals: FixProposalsService,
    private readonly events: SiteEventsService,
    private readonly searchConsole: SearchConsoleSyncService,
  ) {}

  /** Fetches and audits the site, streaming pages and findings to the database in batches. */
  @JobHandler('CRAWL_SITE')
  async crawl(ctx: JobContext<'CRAWL_SITE'>): Promise<unknown> {
    const crawl = await this.crawls.findById(ctx.payload.crawlId);
    if (!crawl) throw new PermanentJobError(`crawl ${ctx.payload.crawlId} no longer exists`);
    if (crawl.status === 'COMPLETED' || crawl.status === 'FAILED' || crawl.status === 'CANCELLED') {
      return { skipped: `crawl already ${crawl.status}` };
    }
    const connection = await this.results.findSiteToCrawl(crawl.connectionId);
    if (!connection) throw new PermanentJobError('the site was deleted');
    const settings = connection.crawlSettings as CrawlSettings;
    const maxPages = settings.maxPages ?? DEFAULT_MAX_PAGES;
    await this.crawls.update(crawl.id, { status: 'RUNNING', startedAt: crawl.startedAt ?? new Date(), error: null });

    const writer = this.results.writerFor(connection.id, crawl.id);
    const reach = new SiteReachability(writer);
    let lastWrite = 0;
    const summary = await crawlSite({
      startUrl: connection.siteUrl,
      maxPages,
      maxDepth: settings.maxDepth,
      include: settings.include,
      exclude: settings.exclude,
      headers: this.connections.decryptCrawlHeaders(connection),
      requestsPerSecond: settings.requestsPerSecond,
      userAgent: settings.userAgent,
      ssrfPolicy: { allowHosts: this.config.ssrfAllowHosts },
      checkResources: true,
      maxResources: 2_000,
      signal: ctx.signal,
      resumeState: (crawl.resumeState as CrawlState | null) ?? undefined,
      onPage: (page, outcome, body) => {
        crawlPagesTotal.inc();
        return reach.addPage(page, outcome, body);
      },
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS) return;
        lastWrite = now;
        const done = progress.pagesCrawled;
        void Promise.all([
          this.crawls.update(crawl.id, { pagesCrawled: done, pagesQueued: progress.pagesQueued }),
          ctx.reportProgress(Math.min(95, (done / Math.max(1, Math.min(maxPages, done + progress.pagesQueued))) * 95)),
        ]).catch((error: unknown) => this.logger.warn(`progress not saved: ${(error as Error).message}`));
      },
    });
    if (summary.status === 'completed' && !reach.reached) {
      // Nothing answered: robots.txt, sitemap and llms.txt "findings" would describe the outage, not the site,
      // and resolving every open issue because no page was seen would be wrong. Nothing is written.
      throw new PermanentJobError(`The site could not be reached: ${reach.firstError ?? 'no page answered'}.`);
    }
    await writer.addFindings(summary.findings);
    await writer.flush();
    if (summary.audit?.pageInlinks) await this.crawls.storePageInlinks(crawl.id, summary.audit.pageInlinks());

    if (summary.status === 'cancelled') {
      await this.crawls.update(crawl.id, {
        status: 'CANCELLED',
        completedAt: new Date(),
        pagesCrawled: summary.stats.pages,
        resumeState: summary.state ? (summary.state as unknown as Prisma.InputJsonValue) : Prisma.JsonNull,
      });
      return { cancelled: true, pages: summary.stats.pages };
    }

    await this.crawls.update(crawl.id, {
      status: 'COMPLETED',
      completedAt: new Date(),
      pagesCrawled: summary.stats.pages,
      pagesQueued: 0,
      healthScore: summary.healthScore === null ? null : Math.round(summary.healthScore),
      durationMs: Math.round(summary.stats.durationMs),
      resumeState: Prisma.JsonNull,
      stats: {
        ...(crawl.stats as object),
        pagesPerSecond: summary.stats.pagesPerSecond,
        requests: summary.stats.requests,
        errors: summary.stats.errors,
        robotsBlocked: summary.stats.robotsBlocked,
        resourcesChecked: summary.stats.resourcesChecked,
        bytes: summary.stats.bytes,
        countsByCheck: summary.countsByCheck,
        // Causes on most pages, reported once (their issue rows are stored page by page as before).
        templateFindings: (summary.audit?.templateFindings ?? []).map((t) => ({ ...t })),
        // What the health score was computed from: plans promise the score a set of fixes gives back with it.
        ...(summary.audit
          ? { healthInput: { pagesAudited: summary.audit.pagesAudited, pagesAffectedByCheck: summary.audit.pagesAffectedByCheck ?? {}, widespreadCauses: summary.audit.widespreadCauses ?? [] } }
          : {}),
        robotsStatus: summary.siteFiles.robotsStatus,
        llmsTxtStatus: summary.siteFiles.llmsTxtStatus,
        sitemapUrls: summary.siteFiles.sitemapUrls,
      },
    });
    await ctx.reportProgress(96);
    await this.jobs.enqueue('ANALYZE_SITE', { connectionId: connection.id, crawlId: crawl.id }, {
      userId: ctx.userId, connectionId: connection.id, priority: 7, dedupeKey: `analyze:${crawl.id}`,
    });
    return { pages: summary.stats.pages, issuesSeen: writer.issuesSeen, newIssues: writer.newIssues, healthScore: summary.healthScore };
  }

  /** A crawl whose job failed for good ends FAILED with the reason, instead of staying "running". */
  @OnFinalFailure('CRAWL_SITE')
  async crawlFailed(failure: FinalFailure<'CRAWL_SITE'>): Promise<void> {
    await this.crawls.transition(failure.payload.crawlId, ['QUEUED', 'RUNNING'], { status: 'FAILED', completedAt: new Date(), error: failure.error.slice(0, 2000) });
  }

  /**
   * After a completed crawl: issues it no longer found are resolved (ignored ones stay ignored),
   * and the site's health fields, counts and daily health metric are brought up to date.
   */
  @JobHandler('ANALYZE_SITE')
  async analyze(ctx: JobContext<'ANALYZE_SITE'>): Promise<unknown> {
    const crawl = ctx.payload.crawlId
      ? await this.crawls.findById(ctx.payload.crawlId)
      : await this.results.findLatestCompletedCrawl(ctx.payload.connectionId);
    if (!crawl || crawl.status !== 'COMPLETED') throw new PermanentJobError('there is no completed crawl to analyse');
    const connectionId = crawl.connectionId;
    await this.results.resolveIssuesNotFoundBy(crawl);
    await this.crawls.storePageIssueCounts(crawl);
    // Counted, not taken from the update: a retried analysis resolves nothing more and must count the same.
    const [openIssues, seenIssues, { newIssues, resolvedIssues }, pages, issuesBySeverity] = await Promise.all([
      this.results.countOpenIssues(connectionId),
      this.results.countIssuesSeenBy(crawl),
      this.crawls.countIssueChanges(connectionId, [crawl.id]),
      this.results.countPagesCrawledBy(crawl.id),
      this.crawls.countIssuesBySeverity(crawl.id),
    ]);
    // Kept with the crawl: later crawls move the issues' lastCrawlId on, so this crawl's split could not be counted again.
    await this.crawls.update(crawl.id, { issuesFound: seenIssues, newIssues, resolvedIssues, stats: { ...(crawl.stats as object), issuesBySeverity } });
    await this.results.recordSiteHealth(connectionId, {
      pageCount: pages,
      issueCount: openIssues,
      healthScore: crawl.healthScore,
      healthStatus: healthStatusOf(crawl.healthScore),
      lastCrawlAt: crawl.completedAt,
    });
    if (crawl.healthScore !== null) {
      const date = new Date(new Date().toISOString().slice(0, 10));
      await this.results.recordDailyHealthScore(connectionId, date, crawl.healthScore);
    }
    // The writer scored issues from the catalogue alone; weigh them by their pages' search traffic again.
    await this.searchConsole.reprioritise(connectionId);
    // Proposals for open fixable issues without a live fix, routed by the site's execution mode.
    const proposals = await this.fixProposals.generateForConnection(connectionId);
    await this.events.crawlCompleted(connectionId, { crawlId: crawl.id, pages, openIssues, newIssues, resolvedIssues, healthScore: crawl.healthScore });
    return { crawlId: crawl.id, openIssues, newIssues, resolvedIssues, pages, healthScore: crawl.healthScore, proposals };
  }
}

/**
 * Holds back pages that got no HTTP answer until one page does: a crawl in which no page answered
 * (DNS failure, connection refused, timeout) failed, and writes nothing.
 */
class SiteReachability {
  reached = false;
  firstError: string | null = null;
  private held: PageOutcome[] = [];

  constructor(private readonly writer: CrawlResultsWriter) {}

  async addPage(page: FetchedPage, outcome: PageOutcome, body: Buffer | null): Promise<void> {
    if (!this.reached && page.status === 0) {
      this.firstError ??= page.error ?? null;
      this.held.push(outcome);
      return;
    }
    if (!this.reached) {
      this.reached = true;
      for (const held of this.held.splice(0)) await this.writer.addPage(held.summary, held.findings);
    }
    const bytes = body ?? (page.html !== null ? Buffer.from(page.html, 'utf8') : null);
    const contentType = body ? page.contentType : 'text/html; charset=utf-8';
    await this.writer.addPage(outcome.summary, outcome.findings, bytes ? { body: bytes, contentType } : undefined);
  }
}
