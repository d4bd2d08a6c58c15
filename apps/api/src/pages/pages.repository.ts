import { Injectable } from '@nestjs/common';
import { Prisma, type CrawledPage, type Fix, type Issue } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { ListPagesQueryDto } from './dto/page.dto';
import { orderBySql, type PageOrder } from './page-cursor';

const SEVERITY_RANK = Prisma.raw(`array_position(ARRAY['CRITICAL','HIGH','MEDIUM','LOW','INFO']::"Severity"[], "severity")`);

export type PageFilters = Omit<ListPagesQueryDto, 'crawlId' | 'sort' | 'order' | 'cursor' | 'page' | 'pageSize' | 'skip'>;

/** A crawled page with its Search Console numbers; null when the site has no synced Search Console data. */
export type PageWithTraffic = CrawledPage & { impressions: number | null; clicks: number | null };

/** The days whose Search Console numbers the explorer shows: the 28 ending with the last synced day. */
export interface TrafficWindow {
  from: Date;
  through: Date;
}

const TRAFFIC_DAYS = 28;

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

  /** Null until the site's first Search Console sync completes; the numbers stay readable after consent is revoked. */
  async trafficWindow(connectionId: string): Promise<TrafficWindow | null> {
    const link = await this.prisma.searchConsoleLink.findUnique({ where: { connectionId }, select: { syncedThrough: true } });
    if (!link?.syncedThrough) return null;
    return { from: new Date(link.syncedThrough.getTime() - (TRAFFIC_DAYS - 1) * 86_400_000), through: link.syncedThrough };
  }

  /** One URL's Search Console numbers over the window. */
  async trafficOf(connectionId: string, url: string, traffic: TrafficWindow): Promise<{ impressions: number; clicks: number }> {
    const sum = await this.prisma.metric.aggregate({
      where: { connectionId, source: 'search-console', query: '', pageUrl: url, date: { gte: traffic.from, lte: traffic.through } },
      _sum: { impressions: true, clicks: true },
    });
    return { impressions: sum._sum.impressions ?? 0, clicks: sum._sum.clicks ?? 0 };
  }

  /** Pages with their traffic joined in, so filters, sorts and the keyset all see `impressions` and `clicks` as columns. */
  private withTraffic(connectionId: string, crawlId: string, traffic: TrafficWindow | null): Prisma.Sql {
    if (!traffic) return Prisma.sql`(SELECT cp.*, NULL::int AS "impressions", NULL::int AS "clicks" FROM "CrawledPage" cp WHERE cp."crawlId" = ${crawlId}) p`;
    return Prisma.sql`(SELECT cp.*, COALESCE(t."impressions", 0)::int AS "impressions", COALESCE(t."clicks", 0)::int AS "clicks"
      FROM "CrawledPage" cp LEFT JOIN (
        SELECT "pageUrl", sum("impressions") AS "impressions", sum("clicks") AS "clicks" FROM "Metric"
        WHERE "connectionId" = ${connectionId} AND "source" = 'search-console' AND "query" = '' AND "pageUrl" <> ''
          AND "date" BETWEEN ${traffic.from}::date AND ${traffic.through}::date
        GROUP BY "pageUrl"
      ) t ON t."pageUrl" = cp."url"
      WHERE cp."crawlId" = ${crawlId}) p`;
  }

  findPage(connectionId: string, crawlId: string, filters: PageFilters, order: PageOrder, after: Prisma.Sql | null, take: number, skip: number, traffic: TrafficWindow | null): Promise<PageWithTraffic[]> {
    return this.prisma.rows<PageWithTraffic>(Prisma.sql`
      SELECT * FROM ${this.withTraffic(connectionId, crawlId, traffic)} WHERE ${this.where(crawlId, filters)} ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
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
