import { Injectable } from '@nestjs/common';
import type { Connection, Crawl, CrawlStatus, Issue, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { siteAccessibleBy } from '../connections/site-access';

const ACTIVE: CrawlStatus[] = ['QUEUED', 'RUNNING'];

export type ChangedIssue = Pick<Issue, 'id' | 'type' | 'severity' | 'pageUrl' | 'title'>;

@Injectable()
export class CrawlsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(connectionId: string): Promise<Crawl> {
    return this.prisma.crawl.create({ data: { connectionId } });
  }

  findById(id: string): Promise<Crawl | null> {
    return this.prisma.crawl.findUnique({ where: { id } });
  }

  /** A crawl of a site the user may reach (owner or team member), or null. */
  findAccessible(id: string, userId: string): Promise<Crawl | null> {
    return this.prisma.crawl.findFirst({
      where: { id, connection: siteAccessibleBy(userId) },
    });
  }

  /** Stores each crawled page's open issues (found by this crawl) on its row, for the URL explorer. */
  async storePageIssueCounts(crawl: Pick<Crawl, 'id' | 'connectionId'>): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "CrawledPage" p SET "issueCount" = c.n
      FROM (
        SELECT "pageUrl", count(*)::int AS n FROM "Issue"
        WHERE "connectionId" = ${crawl.connectionId} AND "lastCrawlId" = ${crawl.id} AND "status" IN ('OPEN', 'FIXING')
        GROUP BY "pageUrl"
      ) c
      WHERE p."crawlId" = ${crawl.id} AND p."url" = c."pageUrl"`;
  }

  /** Stores the inlink count of each crawled URL on its row, one statement per thousand URLs. */
  async storePageInlinks(crawlId: string, inlinks: Iterable<[url: string, inlinks: number]>): Promise<void> {
    let urls: string[] = [];
    let counts: number[] = [];
    const write = async () => {
      if (urls.length === 0) return;
      await this.prisma.$executeRaw`
        UPDATE "CrawledPage" p SET "inlinks" = c.n
        FROM unnest(${urls}::text[], ${counts}::int[]) AS c(url, n)
        WHERE p."crawlId" = ${crawlId} AND p."url" = c.url`;
      urls = [];
      counts = [];
    };
    for (const [url, n] of inlinks) {
      if (n === 0) continue;
      urls.push(url);
      counts.push(n);
      if (urls.length >= 1_000) await write();
    }
    await write();
  }

  /**
   * The one definition of what crawls changed, used by the crawl history and the comparison alike:
   * new = issues first found by one of these crawls, resolved = issues their analysis resolved.
   */
  issueChangeWhere(connectionId: string, crawlIds: string[]): { new: Prisma.IssueWhereInput; resolved: Prisma.IssueWhereInput } {
    return { new: { connectionId, firstCrawlId: { in: crawlIds } }, resolved: { connectionId, resolvedByCrawlId: { in: crawlIds } } };
  }

  async countIssueChanges(connectionId: string, crawlIds: string[]): Promise<{ newIssues: number; resolvedIssues: number }> {
    const where = this.issueChangeWhere(connectionId, crawlIds);
    const [newIssues, resolvedIssues] = await Promise.all([this.prisma.issue.count({ where: where.new }), this.prisma.issue.count({ where: where.resolved })]);
    return { newIssues, resolvedIssues };
  }

  /** The issues these crawls found first and those they resolved, the first 1000 of each in id order (a comparison lists them). */
  async listIssueChanges(connectionId: string, crawlIds: string[]): Promise<{ newIssues: ChangedIssue[]; resolvedIssues: ChangedIssue[] }> {
    const where = this.issueChangeWhere(connectionId, crawlIds);
    const select = { id: true, type: true, severity: true, pageUrl: true, title: true } as const;
    const [newIssues, resolvedIssues] = await Promise.all([
      this.prisma.issue.findMany({ where: where.new, select, orderBy: { id: 'asc' }, take: 1000 }),
      this.prisma.issue.findMany({ where: where.resolved, select, orderBy: { id: 'asc' }, take: 1000 }),
    ]);
    return { newIssues, resolvedIssues };
  }

  /** Sites whose scheduled re-crawl is due (at most `take`), disconnected ones excepted. */
  findSitesDueForCrawl(now: Date, take: number): Promise<Connection[]> {
    return this.prisma.connection.findMany({
      where: { nextCrawlAt: { lte: now }, crawlFrequencyHours: { not: null }, status: { not: 'DISCONNECTED' } },
      take,
    });
  }

  /**
   * Moves a due site's next crawl on, only if no other worker did since it was read: true when this
   * caller claimed the scheduled crawl.
   */
  async claimScheduledCrawl(site: Pick<Connection, 'id' | 'nextCrawlAt'>, next: Date): Promise<boolean> {
    const { count } = await this.prisma.connection.updateMany({ where: { id: site.id, nextCrawlAt: site.nextCrawlAt }, data: { nextCrawlAt: next } });
    return count > 0;
  }

  /** The completed crawls after `after` up to and including `upTo` (what a comparison of the two covers). */
  async completedCrawlIdsBetween(after: Crawl, upTo: Crawl): Promise<string[]> {
    const rows = await this.prisma.crawl.findMany({
      where: { connectionId: upTo.connectionId, status: 'COMPLETED', createdAt: { gt: after.createdAt, lte: upTo.createdAt } },
      select: { id: true },
    });
    return [...new Set([...rows.map((r) => r.id), upTo.id])];
  }

  findActive(connectionId: string): Promise<Crawl | null> {
    return this.prisma.crawl.findFirst({ where: { connectionId, status: { in: ACTIVE } } });
  }

  async findPage(connectionId: string, skip: number, take: number): Promise<[Crawl[], number]> {
    return this.prisma.$transaction([
      this.prisma.crawl.findMany({ where: { connectionId }, orderBy: { createdAt: 'desc' }, skip, take }),
      this.prisma.crawl.count({ where: { connectionId } }),
    ]);
  }

  findPreviousCompleted(crawl: Crawl): Promise<Crawl | null> {
    return this.prisma.crawl.findFirst({
      where: { connectionId: crawl.connectionId, status: 'COMPLETED', createdAt: { lt: crawl.createdAt } },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** The issues a crawl found (the same rows as its issuesFound), counted by severity. */
  async countIssuesBySeverity(crawlId: string): Promise<Record<string, number>> {
    const groups = await this.prisma.issue.groupBy({ by: ['severity'], where: { lastCrawlId: crawlId }, _count: { _all: true } });
    return Object.fromEntries(groups.map((group) => [group.severity, group._count._all]));
  }

  update(id: string, data: Prisma.CrawlUncheckedUpdateInput): Promise<Crawl> {
    return this.prisma.crawl.update({ where: { id }, data });
  }

  async transition(id: string, from: CrawlStatus[], data: Prisma.CrawlUncheckedUpdateInput): Promise<boolean> {
    const { count } = await this.prisma.crawl.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  /** URLs in one crawl and not the other. */
  async pagesOnlyIn(crawlId: string, otherCrawlId: string, take = 500): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ url: string }[]>`
      SELECT a."url" FROM "CrawledPage" a
      WHERE a."crawlId" = ${crawlId}
        AND NOT EXISTS (SELECT 1 FROM "CrawledPage" b WHERE b."crawlId" = ${otherCrawlId} AND b."url" = a."url")
      ORDER BY a."url" LIMIT ${take}`;
    return rows.map((r) => r.url);
  }

  /** Pages whose title, description, canonical, status or content changed between two crawls. */
  async changedPages(crawlId: string, otherCrawlId: string, take = 500): Promise<{ url: string; fields: string[] }[]> {
    const rows = await this.prisma.$queryRaw<{ url: string; status: boolean; title: boolean; description: boolean; canonical: boolean; content: boolean }[]>`
      SELECT a."url",
             a."status" <> b."status" AS status,
             a."title" IS DISTINCT FROM b."title" AS title,
             a."description" IS DISTINCT FROM b."description" AS description,
             a."canonical" IS DISTINCT FROM b."canonical" AS canonical,
             a."contentHash" IS DISTINCT FROM b."contentHash" AS content
      FROM "CrawledPage" a JOIN "CrawledPage" b ON b."crawlId" = ${otherCrawlId} AND b."url" = a."url"
      WHERE a."crawlId" = ${crawlId}
        AND (a."status" <> b."status" OR a."title" IS DISTINCT FROM b."title" OR a."description" IS DISTINCT FROM b."description"
             OR a."canonical" IS DISTINCT FROM b."canonical" OR a."contentHash" IS DISTINCT FROM b."contentHash")
      ORDER BY a."url" LIMIT ${take}`;
    return rows.map(({ url, ...flags }) => ({ url, fields: Object.entries(flags).filter(([, changed]) => changed).map(([name]) => name) }));
  }
}
