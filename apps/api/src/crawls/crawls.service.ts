import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Connection, Crawl } from '@prisma/client';
import { severityClassCounts } from '@seology/contracts';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page, PaginationQueryDto } from '../common/dto/pagination.dto';
import { ConnectionsService } from '../connections/connections.service';
import { JobsService } from '../jobs/jobs.service';
import { CrawlsRepository } from './crawls.repository';
import { CrawlDiffDto, CrawlDiffQueryDto, CrawlDto } from './dto/crawl.dto';

@Injectable()
export class CrawlsService {
  constructor(
    private readonly crawls: CrawlsRepository,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
  ) {}

  async start(actor: Actor, connectionId: string): Promise<CrawlDto> {
    const connection = await this.connections.getAccessible(actor, connectionId, 'crawl:run');
    return toCrawlDto(await this.startFor(connection, actor.userId, 7));
  }

  /** Starts a crawl of a site unless one is already queued or running. */
  async startFor(connection: Connection, userId: string, priority: number, dedupeKey?: string): Promise<Crawl> {
    const active = await this.crawls.findActive(connection.id);
    if (active) throw new ConflictException(`A crawl of ${connection.domain} is already ${active.status.toLowerCase()} (crawl ${active.id}).`);
    await this.jobs.assertQueueAvailable('CRAWL_SITE');
    const crawl = await this.crawls.create(connection.id);
    const job = await this.jobs.enqueue(
      'CRAWL_SITE',
      { connectionId: connection.id, crawlId: crawl.id },
      { userId, connectionId: connection.id, priority, dedupeKey: dedupeKey ?? `crawl:${crawl.id}`, maxAttempts: 2 },
    );
    return this.crawls.update(crawl.id, { jobId: job.id });
  }

  async list(actor: Actor, connectionId: string, query: PaginationQueryDto): Promise<Page<CrawlDto>> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const [items, total] = await this.crawls.findPage(connection.id, query.skip, query.pageSize);
    return toPage(items.map(toCrawlDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<CrawlDto> {
    return toCrawlDto(await this.getAccessible(actor, id));
  }

  /** A queued crawl is dropped; a running one stops within a second and keeps what it has, ready to resume. */
  async cancel(actor: Actor, id: string): Promise<CrawlDto> {
    const crawl = await this.getAccessible(actor, id);
    if (crawl.status !== 'QUEUED' && crawl.status !== 'RUNNING') {
      throw new ConflictException(`This crawl already ended (${crawl.status}); there is nothing to cancel.`);
    }
    if (crawl.jobId) await this.jobs.cancelById(crawl.jobId).catch(() => undefined);
    await this.crawls.transition(crawl.id, ['QUEUED'], { status: 'CANCELLED', completedAt: new Date() });
    return toCrawlDto((await this.crawls.findById(crawl.id))!);
  }

  async resume(actor: Actor, id: string): Promise<CrawlDto> {
    const crawl = await this.getAccessible(actor, id);
    if (crawl.status !== 'CANCELLED' || !crawl.resumeState) {
      throw new ConflictException('Only a cancelled crawl that had started can be resumed.');
    }
    const active = await this.crawls.findActive(crawl.connectionId);
    if (active) throw new ConflictException(`Another crawl of this site is ${active.status.toLowerCase()}.`);
    await this.jobs.assertQueueAvailable('CRAWL_SITE');
    if (!(await this.crawls.transition(crawl.id, ['CANCELLED'], { status: 'QUEUED', completedAt: null }))) {
      throw new ConflictException('The crawl changed state meanwhile; reload and try again.');
    }
    const resumes = ((crawl.stats as { resumes?: number }).resumes ?? 0) + 1;
    const job = await this.jobs.enqueue(
      'CRAWL_SITE',
      { connectionId: crawl.connectionId, crawlId: crawl.id },
      { userId: actor.userId, connectionId: crawl.connectionId, priority: 7, dedupeKey: `crawl:${crawl.id}:resume:${resumes}`, maxAttempts: 2 },
    );
    return toCrawlDto(await this.crawls.update(crawl.id, { jobId: job.id, stats: { ...(crawl.stats as object), resumes } }));
  }

  async diff(actor: Actor, id: string, query: CrawlDiffQueryDto): Promise<CrawlDiffDto> {
    const crawl = await this.getAccessible(actor, id);
    const against = query.against ? await this.getAccessible(actor, query.against) : await this.crawls.findPreviousCompleted(crawl);
    if (against && against.connectionId !== crawl.connectionId) {
      throw new ConflictException('Both crawls must be of the same site.');
    }
    // The crawls the comparison spans; against the previous crawl that is this crawl alone, so the
    // comparison lists exactly what the crawl history counts.
    const crawlIds = against ? await this.crawls.completedCrawlIdsBetween(against, crawl) : [crawl.id];
    const [{ newIssues, resolvedIssues }, counts, pagesAdded, pagesRemoved, pagesChanged] = await Promise.all([
      this.crawls.listIssueChanges(crawl.connectionId, crawlIds),
      this.crawls.countIssueChanges(crawl.connectionId, crawlIds),
      against ? this.crawls.pagesOnlyIn(crawl.id, against.id) : Promise.resolve([]),
      against ? this.crawls.pagesOnlyIn(against.id, crawl.id) : Promise.resolve([]),
      against ? this.crawls.changedPages(crawl.id, against.id) : Promise.resolve([]),
    ]);
    return {
      crawlId: crawl.id, againstCrawlId: against?.id ?? null, newIssues, resolvedIssues,
      newIssueCount: counts.newIssues, resolvedIssueCount: counts.resolvedIssues, pagesAdded, pagesRemoved, pagesChanged,
    };
  }

  private async getAccessible(actor: Actor, id: string): Promise<Crawl> {
    const crawl = await this.crawls.findAccessible(id, actor.userId);
    if (!crawl) throw new NotFoundException('No crawl with this id.');
    return crawl;
  }
}

export function toCrawlDto(crawl: Crawl): CrawlDto {
  return {
    id: crawl.id,
    connectionId: crawl.connectionId,
    status: crawl.status,
    jobId: crawl.jobId,
    pagesCrawled: crawl.pagesCrawled,
    pagesQueued: crawl.pagesQueued,
    issuesFound: crawl.issuesFound,
    newIssues: crawl.newIssues,
    resolvedIssues: crawl.resolvedIssues,
    issueClasses: issueClassesOf(crawl.stats),
    healthScore: crawl.healthScore,
    durationMs: crawl.durationMs,
    error: crawl.error,
    stats: crawl.stats,
    resumable: crawl.status === 'CANCELLED' && crawl.resumeState !== null,
    startedAt: crawl.startedAt,
    completedAt: crawl.completedAt,
    createdAt: crawl.createdAt,
  };
}

function issueClassesOf(stats: unknown): CrawlDto['issueClasses'] {
  const bySeverity = (stats as { issuesBySeverity?: Record<string, number> } | null)?.issuesBySeverity;
  return bySeverity && typeof bySeverity === 'object' ? severityClassCounts(bySeverity) : null;
}
