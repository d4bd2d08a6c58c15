import { Injectable } from '@nestjs/common';
import { Prisma, type CrawledPage, type Fix, type Issue } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { ListPagesQueryDto } from './dto/page.dto';
import { orderBySql, type PageOrder } from './page-cursor';

const SEVERITY_RANK = Prisma.raw(`array_position(ARRAY['CRITICAL','HIGH','MEDIUM','LOW','INFO']::"Severity"[], "severity")`);

export type PageFilters = Omit<ListPagesQueryDto, 'crawlId' | 'sort' | 'order' | 'cursor' | 'page' | 'pageSize' | 'skip'>;

/** Queries over crawled pages; callers pass a crawl or site they have already checked the actor may reach. */
@Injectable()
export class PagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  latestCompletedCrawl(connectionId: string): Promise<{ id: string } | null> {
    return this.prisma.crawl.findFirst({ where: { connectionId, status: 'COMPLETED' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  }

  findCrawlOfSite(crawlId: string, connectionId: string): Promise<{ id: string } | null> {
    return this.prisma.crawl.findFirst({ where: { id: crawlId, connectionId }, select: { id: true } });
  }

  private where(crawlId: string, filters: PageFilters): Prisma.Sql {
    const conditions = [Prisma.sql`"crawlId" = ${crawlId}`];
    if (filters.statusClass?.length) {
      const classes = filters.statusClass.map((c) => (c === 'error' ? Prisma.sql`"status" = 0` : Prisma.sql`("status" / 100) = ${Number(c[0])}`));
      conditions.push(Prisma.sql`(${Prisma.join(classes, ' OR ')})`);
    }
    if (filters.indexable !== undefined) conditions.push(Prisma.sql`"indexable" = ${filters.indexable}`);
    if (filters.hasIssues !== undefined) conditions.push(filters.hasIssues ? Prisma.sql`"issueCount" > 0` : Prisma.sql`"issueCount" = 0`);
    if (filters.maxDepth !== undefined) conditions.push(Prisma.sql`"depth" <= ${filters.maxDepth}`);
    if (filters.q) {
      const q = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(Prisma.sql`("url" ILIKE ${q} OR "title" ILIKE ${q})`);
    }
    return Prisma.join(conditions, ' AND ');
  }

  findPage(crawlId: string, filters: PageFilters, order: PageOrder, after: Prisma.Sql | null, take: number, skip: number): Promise<CrawledPage[]> {
    return this.prisma.rows<CrawledPage>(Prisma.sql`
      SELECT * FROM "CrawledPage" WHERE ${this.where(crawlId, filters)} ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
      ORDER BY ${orderBySql(order)} LIMIT ${take} OFFSET ${after ? 0 : skip}`);
  }

  async count(crawlId: string, filters: PageFilters): Promise<number> {
    const [row] = await this.prisma.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM "CrawledPage" WHERE ${this.where(crawlId, filters)}`);
    return row?.count ?? 0;
  }

  findById(id: string, connectionId: string): Promise<CrawledPage | null> {
    return this.prisma.crawledPage.findFirst({ where: { id, connectionId } });
  }

  /** The URL as the newest crawl that fetched it saw it. */
  findLatestByUrl(url: string, connectionId: string): Promise<CrawledPage | null> {
    return this.prisma.crawledPage.findFirst({ where: { url, connectionId }, orderBy: { createdAt: 'desc' } });
  }

  history(url: string, connectionId: string): Promise<CrawledPage[]> {
    return this.prisma.crawledPage.findMany({ where: { url, connectionId }, orderBy: { createdAt: 'desc' }, take: 20 });
  }

  issuesOn(url: string, connectionId: string): Promise<Issue[]> {
    return this.prisma.rows<Issue>(Prisma.sql`
      SELECT * FROM "Issue" WHERE "connectionId" = ${connectionId} AND "pageUrl" = ${url}
      ORDER BY ("status" IN ('OPEN', 'FIXING')) DESC, ${SEVERITY_RANK}, "impactScore" DESC, "id" LIMIT 500`);
  }

  fixesOn(url: string, connectionId: string): Promise<Fix[]> {
    return this.prisma.fix.findMany({ where: { connectionId, pageUrl: url }, orderBy: { createdAt: 'desc' }, take: 200 });
  }
}
