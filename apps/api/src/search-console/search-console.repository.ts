import { Injectable } from '@nestjs/common';
import { Prisma, type Fix, type SearchConsoleLink } from '@prisma/client';
import type { DayTotals } from './fix-impact';
import { PrismaService } from '../prisma/prisma.service';

/** Metric rows written from Search Console carry this source; the crawl's health-score rows keep `crawl`. */
export const SEARCH_CONSOLE_SOURCE = 'search-console';

export interface SearchMetricRow {
  date: string;
  /** '' for site-wide and per-query rows. */
  pageUrl: string;
  /** '' for site-wide and per-page rows. */
  query: string;
  clicks: number;
  impressions: number;
  ctr: number;
  position: number;
}

/** Callers have already checked the site is the actor's (ConnectionsService.getAccessible) or run as the worker. */
@Injectable()
export class SearchConsoleRepository {
  constructor(private readonly prisma: PrismaService) {}

  findLink(connectionId: string): Promise<SearchConsoleLink | null> {
    return this.prisma.searchConsoleLink.findUnique({ where: { connectionId } });
  }

  /** A new consent replaces the old one; the property is matched again and the sync starts over. */
  saveConsent(connectionId: string, userId: string, refreshToken: string, scope: string): Promise<SearchConsoleLink> {
    const fresh = { userId, refreshToken, scope, status: 'ACTIVE' as const, propertyUrl: null, syncedThrough: null, lastError: null };
    return this.prisma.searchConsoleLink.upsert({ where: { connectionId }, create: { connectionId, ...fresh }, update: fresh });
  }

  /** Another property is another data set: the old property's rows go and the backfill starts again. */
  async chooseProperty(connectionId: string, propertyUrl: string): Promise<SearchConsoleLink> {
    const [, link] = await this.prisma.$transaction([
      this.prisma.metric.deleteMany({ where: { connectionId, source: SEARCH_CONSOLE_SOURCE } }),
      this.prisma.searchConsoleLink.update({ where: { connectionId }, data: { propertyUrl, syncedThrough: null, lastError: null } }),
    ]);
    return link;
  }

  markRevoked(connectionId: string, reason: string): Promise<unknown> {
    return this.prisma.searchConsoleLink.update({ where: { connectionId }, data: { status: 'REVOKED', lastError: reason } });
  }

  recordError(connectionId: string, error: string): Promise<unknown> {
    return this.prisma.searchConsoleLink.update({ where: { connectionId }, data: { lastError: error } });
  }

  advanceCursor(connectionId: string, syncedThrough: Date): Promise<unknown> {
    return this.prisma.searchConsoleLink.update({ where: { connectionId }, data: { syncedThrough, lastSyncAt: new Date(), lastError: null } });
  }

  /** The measured history stays when the link goes: fixes keep their before/after numbers. */
  async deleteLink(connectionId: string): Promise<void> {
    await this.prisma.searchConsoleLink.deleteMany({ where: { connectionId } });
  }

  /** Sites whose daily sync should run. */
  async findSyncableConnectionIds(): Promise<string[]> {
    const links = await this.prisma.searchConsoleLink.findMany({ where: { status: 'ACTIVE', propertyUrl: { not: null } }, select: { connectionId: true } });
    return links.map((l) => l.connectionId);
  }

  /** One statement per batch; a day fetched again (it was partial) overwrites its earlier numbers. */
  async upsertMetrics(connectionId: string, rows: SearchMetricRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      await this.prisma.$executeRaw`
        INSERT INTO "Metric" ("id", "connectionId", "date", "pageUrl", "query", "clicks", "impressions", "ctr", "position", "source", "createdAt")
        SELECT 'm_' || md5(${connectionId} || '|' || t.d || '|' || t.p || '|' || t.q), ${connectionId}, t.d::date, t.p, t.q, t.c, t.i, t.r, t.pos, ${SEARCH_CONSOLE_SOURCE}, now()
        FROM unnest(${batch.map((r) => r.date)}::text[], ${batch.map((r) => r.pageUrl)}::text[], ${batch.map((r) => r.query)}::text[],
                    ${batch.map((r) => r.clicks)}::int[], ${batch.map((r) => r.impressions)}::int[], ${batch.map((r) => r.ctr)}::float8[],
                    ${batch.map((r) => r.position)}::float8[]) AS t(d, p, q, c, i, r, pos)
        ON CONFLICT ("connectionId", "date", "pageUrl", "query", "source") DO UPDATE
          SET "clicks" = EXCLUDED."clicks", "impressions" = EXCLUDED."impressions", "ctr" = EXCLUDED."ctr", "position" = EXCLUDED."position"`;
    }
  }

  /** Site-wide daily totals from Search Console, oldest first. */
  findSiteSeries(connectionId: string, from: Date, to: Date): Promise<{ date: Date; clicks: number; impressions: number; ctr: number; position: number | null }[]> {
    return this.prisma.metric.findMany({
      where: { connectionId, source: SEARCH_CONSOLE_SOURCE, pageUrl: '', query: '', date: { gte: from, lte: to } },
      orderBy: { date: 'asc' },
      select: { date: true, clicks: true, impressions: true, ctr: true, position: true },
    });
  }

  /** Each page's Search Console impressions and clicks over the `days` days ending `through`. */
  async findPageExposure(connectionId: string, through: Date, days: number): Promise<Map<string, { impressions: number; clicks: number }>> {
    const from = new Date(through.getTime() - (days - 1) * 86_400_000);
    const rows = await this.prisma.metric.groupBy({
      by: ['pageUrl'],
      where: { connectionId, source: SEARCH_CONSOLE_SOURCE, query: '', pageUrl: { not: '' }, date: { gte: from, lte: through } },
      _sum: { impressions: true, clicks: true },
    });
    return new Map(rows.map((r) => [r.pageUrl, { impressions: r._sum.impressions ?? 0, clicks: r._sum.clicks ?? 0 }]));
  }

  /** Applied fixes still inside their measurement period (their 90-day window is not complete yet). */
  findFixesToMeasure(connectionId: string, since: Date): Promise<{ id: string; type: string; pageUrl: string; appliedAt: Date }[]> {
    return this.prisma.fix.findMany({
      where: { connectionId, status: 'APPLIED', appliedAt: { gte: since } },
      select: { id: true, type: true, pageUrl: true, appliedAt: true },
    }) as Promise<{ id: string; type: string; pageUrl: string; appliedAt: Date }[]>;
  }

  /** Pages with a fix applied in [from, to]: none of them may serve as a control. */
  async findPagesChangedBetween(connectionId: string, from: Date, to: Date): Promise<string[]> {
    const rows = await this.prisma.fix.findMany({ where: { connectionId, appliedAt: { gte: from, lte: to } }, select: { pageUrl: true }, distinct: ['pageUrl'] });
    return rows.map((r) => r.pageUrl);
  }

  /** Pages other than `exclude` whose impressions over [from, to] lie within [low, high]. */
  async findComparablePages(connectionId: string, from: Date, to: Date, exclude: string[], low: number, high: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ pageUrl: string }[]>`
      SELECT "pageUrl" FROM "Metric"
      WHERE "connectionId" = ${connectionId} AND "source" = ${SEARCH_CONSOLE_SOURCE} AND "query" = '' AND "pageUrl" <> ''
        AND "date" BETWEEN ${from}::date AND ${to}::date AND NOT ("pageUrl" = ANY(${exclude}::text[]))
      GROUP BY "pageUrl" HAVING sum("impressions") BETWEEN ${low} AND ${high}`;
    return rows.map((r) => r.pageUrl);
  }

  /** Per-day totals over the given pages (summed), by YYYY-MM-DD. */
  async findDailyTotals(connectionId: string, pages: string[], from: Date, to: Date): Promise<Map<string, DayTotals>> {
    const rows = await this.prisma.$queryRaw<{ day: string; clicks: number; impressions: number; weighted: number }[]>(Prisma.sql`
      SELECT to_char("date", 'YYYY-MM-DD') AS day, sum("clicks")::int AS clicks, sum("impressions")::int AS impressions,
             sum(coalesce("position", 0) * "impressions")::float8 AS weighted
      FROM "Metric"
      WHERE "connectionId" = ${connectionId} AND "source" = ${SEARCH_CONSOLE_SOURCE} AND "query" = ''
        AND "pageUrl" = ANY(${pages}::text[]) AND "date" BETWEEN ${from}::date AND ${to}::date
      GROUP BY "date"`);
    return new Map(rows.map((r) => [r.day, { clicks: r.clicks, impressions: r.impressions, weightedPosition: r.weighted }]));
  }

  /** Fixes of the site that carry a measurement, newest first (a bounded read: the overview summarises, it does not page). */
  findMeasuredFixes(connectionId: string): Promise<Pick<Fix, 'id' | 'type' | 'pageUrl' | 'status' | 'appliedAt' | 'impactMetrics'>[]> {
    return this.prisma.fix.findMany({
      where: { connectionId, impactMetrics: { not: Prisma.AnyNull } },
      select: { id: true, type: true, pageUrl: true, status: true, appliedAt: true, impactMetrics: true },
      orderBy: [{ appliedAt: 'desc' }, { id: 'asc' }],
      take: 1000,
    });
  }

  saveFixImpact(fixId: string, impact: Prisma.InputJsonValue): Promise<unknown> {
    return this.prisma.fix.update({ where: { id: fixId }, data: { impactMetrics: impact } });
  }

  findSiteIssues(connectionId: string): Promise<{ id: string; type: string; pageUrl: string }[]> {
    return this.prisma.issue.findMany({ where: { connectionId }, select: { id: true, type: true, pageUrl: true } });
  }

  async updateIssuePriorities(connectionId: string, updates: { id: string; estimatedTraffic: number; searchClicks: number; impactScore: number }[]): Promise<void> {
    for (let i = 0; i < updates.length; i += 5000) {
      const batch = updates.slice(i, i + 5000);
      await this.prisma.$executeRaw`
        UPDATE "Issue" AS i SET "estimatedTraffic" = u.traffic, "searchClicks" = u.clicks, "impactScore" = u.score, "updatedAt" = now()
        FROM unnest(${batch.map((u) => u.id)}::text[], ${batch.map((u) => u.estimatedTraffic)}::int[], ${batch.map((u) => u.searchClicks)}::int[], ${batch.map((u) => u.impactScore)}::float8[])
          AS u(id, traffic, clicks, score)
        WHERE i."id" = u.id AND i."connectionId" = ${connectionId}
          AND (i."estimatedTraffic" IS DISTINCT FROM u.traffic OR i."searchClicks" IS DISTINCT FROM u.clicks OR i."impactScore" IS DISTINCT FROM u.score)`;
    }
  }
}
