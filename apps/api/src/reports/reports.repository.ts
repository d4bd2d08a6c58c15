import { Injectable } from '@nestjs/common';
import { Prisma, type Report, type ReportBranding, type ReportSchedule } from '@prisma/client';
import type { PlanName } from '@seology/contracts';
import { PrismaService } from '../prisma/prisma.service';
import { SEARCH_CONSOLE_SOURCE } from '../search-console/search-console.repository';
import type { FixImpact } from '../search-console/fix-impact';
import type { ReportData, ReportFix, ReportImpact, ReportSearchRow } from './report-content';

/** A report row without its files: what lists and status checks read. */
export type ReportRow = Omit<Report, 'pdf' | 'csvZip'>;
const WITHOUT_FILES = { pdf: false, csvZip: false } as const;
const TOP_ROWS = 10;
/** Prisma's Bytes fields take a Uint8Array over a plain ArrayBuffer; a Buffer may sit on a shared pool. */
const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

export interface ReportSiteContext {
  connectionId: string;
  name: string;
  siteUrl: string;
  healthScore: number | null;
  ownerId: string;
  ownerEmail: string;
  ownerPlan: PlanName;
}

/** Callers have checked that the site is the actor's (ConnectionsService.getAccessible) or run as the worker. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { connectionId: string; requestedById: string | null; scheduled: boolean; periodFrom: Date; periodTo: Date; expiresAt: Date; emailedTo?: string[] }): Promise<ReportRow> {
    return this.prisma.report.create({ data, omit: WITHOUT_FILES });
  }

  attachJob(id: string, jobId: string): Promise<ReportRow> {
    return this.prisma.report.update({ where: { id }, data: { jobId }, omit: WITHOUT_FILES });
  }

  findRow(id: string): Promise<ReportRow | null> {
    return this.prisma.report.findUnique({ where: { id }, omit: WITHOUT_FILES });
  }

  findFiles(id: string): Promise<Pick<Report, 'pdf' | 'csvZip'> | null> {
    return this.prisma.report.findUnique({ where: { id }, select: { pdf: true, csvZip: true } });
  }

  listForSite(connectionId: string, take = 50): Promise<ReportRow[]> {
    return this.prisma.report.findMany({ where: { connectionId }, orderBy: { createdAt: 'desc' }, take, omit: WITHOUT_FILES });
  }

  markReady(id: string, files: { pdf: Buffer; csvZip: Buffer; summary: Prisma.InputJsonValue }): Promise<ReportRow> {
    return this.prisma.report.update({
      where: { id },
      data: { status: 'READY', pdf: bytes(files.pdf), csvZip: bytes(files.csvZip), pdfBytes: files.pdf.length, csvBytes: files.csvZip.length, summary: files.summary, error: null, completedAt: new Date() },
      omit: WITHOUT_FILES,
    });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.prisma.report.updateMany({ where: { id, status: { not: 'READY' } }, data: { status: 'FAILED', error: error.slice(0, 2000), completedAt: new Date() } });
  }

  async recordEmailed(id: string, to: string[]): Promise<void> {
    await this.prisma.report.update({ where: { id }, data: { emailedTo: to } });
  }

  /** Reports past their plan's retention, in batches so a large backlog never holds one long transaction. */
  async deleteExpired(now: Date, batch = 500): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = (await this.prisma.report.findMany({ where: { expiresAt: { lt: now } }, select: { id: true }, take: batch })).map((r) => r.id);
      if (ids.length === 0) return deleted;
      deleted += (await this.prisma.report.deleteMany({ where: { id: { in: ids } } })).count;
    }
  }

  async siteContext(connectionId: string): Promise<ReportSiteContext | null> {
    const c = await this.prisma.connection.findUnique({
      where: { id: connectionId },
      select: { id: true, displayName: true, domain: true, siteUrl: true, healthScore: true, user: { select: { id: true, email: true, plan: true } } },
    });
    if (!c) return null;
    return { connectionId: c.id, name: c.displayName ?? c.domain, siteUrl: c.siteUrl, healthScore: c.healthScore, ownerId: c.user.id, ownerEmail: c.user.email, ownerPlan: c.user.plan };
  }

  async planOfUser(userId: string): Promise<PlanName | null> {
    return (await this.prisma.user.findUnique({ where: { id: userId }, select: { plan: true } }))?.plan ?? null;
  }

  // -- branding ---------------------------------------------------------------------------------

  findBranding(userId: string): Promise<ReportBranding | null> {
    return this.prisma.reportBranding.findUnique({ where: { userId } });
  }

  saveBranding(userId: string, data: { agencyName: string; logo?: { bytes: Buffer; type: string } | null }): Promise<ReportBranding> {
    const logo = data.logo === undefined ? {} : { logo: data.logo ? bytes(data.logo.bytes) : null, logoType: data.logo?.type ?? null };
    return this.prisma.reportBranding.upsert({ where: { userId }, create: { userId, agencyName: data.agencyName, ...logo }, update: { agencyName: data.agencyName, ...logo } });
  }

  async deleteBranding(userId: string): Promise<void> {
    await this.prisma.reportBranding.deleteMany({ where: { userId } });
  }

  // -- schedules --------------------------------------------------------------------------------

  findSchedule(connectionId: string): Promise<ReportSchedule | null> {
    return this.prisma.reportSchedule.findUnique({ where: { connectionId } });
  }

  saveSchedule(connectionId: string, data: { frequency: 'WEEKLY' | 'MONTHLY'; recipients: string[]; nextRunAt: Date }): Promise<ReportSchedule> {
    return this.prisma.reportSchedule.upsert({ where: { connectionId }, create: { connectionId, ...data }, update: data });
  }

  async deleteSchedule(connectionId: string): Promise<void> {
    await this.prisma.reportSchedule.deleteMany({ where: { connectionId } });
  }

  findDueSchedules(now: Date): Promise<ReportSchedule[]> {
    return this.prisma.reportSchedule.findMany({ where: { nextRunAt: { lte: now } }, orderBy: { nextRunAt: 'asc' }, take: 1000 });
  }

  /** Moves a schedule on only if nobody else did (two workers running the same due batch). */
  async advanceSchedule(id: string, seenNextRunAt: Date, nextRunAt: Date): Promise<boolean> {
    const { count } = await this.prisma.reportSchedule.updateMany({ where: { id, nextRunAt: seenNextRunAt }, data: { nextRunAt, lastRunAt: new Date() } });
    return count === 1;
  }

  // -- the report's numbers -----------------------------------------------------------------------

  /** Everything but the brand and site header, for [from, to). */
  async collect(connectionId: string, from: Date, to: Date): Promise<Omit<ReportData, 'site' | 'brand' | 'generatedAt' | 'period' | 'healthScore'>> {
    const [trend, bySeverity, byCategory, applied, rolledBack, measured, searchDays] = await Promise.all([
      this.prisma.metric.findMany({ where: { connectionId, source: 'crawl', pageUrl: '', date: { gte: from, lt: to }, healthScore: { not: null } }, orderBy: { date: 'asc' }, select: { date: true, healthScore: true } }),
      this.prisma.issue.groupBy({ by: ['severity'], where: { connectionId, status: 'OPEN' }, _count: true }),
      this.prisma.issue.groupBy({ by: ['category'], where: { connectionId, status: 'OPEN' }, _count: true }),
      this.prisma.fix.findMany({ where: { connectionId, appliedAt: { gte: from, lt: to } }, orderBy: { appliedAt: 'asc' }, take: 500 }),
      this.prisma.fix.findMany({ where: { connectionId, rolledBackAt: { gte: from, lt: to } }, orderBy: { rolledBackAt: 'asc' }, take: 500 }),
      // Fixes measured up to the period's end (rolled-back ones keep their measurement), newest first.
      this.prisma.fix.findMany({ where: { connectionId, impactMetrics: { not: Prisma.DbNull }, appliedAt: { lt: to } }, orderBy: { appliedAt: 'desc' }, take: 100 }),
      this.prisma.metric.count({ where: { connectionId, source: SEARCH_CONSOLE_SOURCE, date: { gte: from, lt: to } } }),
    ]);
    const fix = (f: (typeof applied)[number]): ReportFix => ({
      id: f.id,
      pageUrl: f.pageUrl,
      type: f.type,
      status: f.status,
      beforeValue: f.beforeValue,
      afterValue: f.afterValue,
      appliedAt: f.appliedAt?.toISOString() ?? null,
      rolledBackAt: f.rolledBackAt?.toISOString() ?? null,
    });
    return {
      healthTrend: trend.map((m) => ({ date: m.date.toISOString().slice(0, 10), healthScore: m.healthScore! })),
      openIssuesBySeverity: Object.fromEntries(bySeverity.map((g) => [g.severity, g._count])),
      openIssuesByCategory: Object.fromEntries(byCategory.map((g) => [g.category, g._count])),
      fixesApplied: applied.map(fix),
      fixesRolledBack: rolledBack.map(fix),
      impact: measured.map((f) => impactOf(f.id, f.pageUrl, f.type, f.status === 'ROLLED_BACK' || f.rolledBackAt !== null, f.impactMetrics as unknown as FixImpact)),
      searchConsole: searchDays > 0,
      topPages: searchDays > 0 ? await this.topSearchRows(connectionId, from, to, 'page') : [],
      topQueries: searchDays > 0 ? await this.topSearchRows(connectionId, from, to, 'query') : [],
    };
  }

  /** Per-page rows have a page and no query, per-query rows the reverse (SearchConsoleRepository's layout). */
  private async topSearchRows(connectionId: string, from: Date, to: Date, by: 'page' | 'query'): Promise<ReportSearchRow[]> {
    const key = by === 'page' ? Prisma.sql`"pageUrl"` : Prisma.sql`"query"`;
    const other = by === 'page' ? Prisma.sql`"query"` : Prisma.sql`"pageUrl"`;
    const rows = await this.prisma.$queryRaw<{ key: string; clicks: bigint; impressions: bigint; weighted: number | null }[]>`
      SELECT ${key} AS key, sum("clicks") AS clicks, sum("impressions") AS impressions, sum(coalesce("position", 0) * "impressions") AS weighted
      FROM "Metric"
      WHERE "connectionId" = ${connectionId} AND "source" = ${SEARCH_CONSOLE_SOURCE} AND "date" >= ${from}::date AND "date" < ${to}::date
        AND ${key} <> '' AND ${other} = ''
      GROUP BY ${key}
      ORDER BY sum("clicks") DESC, sum("impressions") DESC, ${key}
      LIMIT ${TOP_ROWS}`;
    return rows.map((r) => {
      const impressions = Number(r.impressions);
      const clicks = Number(r.clicks);
      return { key: r.key, clicks, impressions, ctr: impressions ? clicks / impressions : 0, position: impressions && r.weighted !== null ? Number(r.weighted) / impressions : null };
    });
  }
}

/** The widest window measured so far stands for the fix in the report. */
function impactOf(fixId: string, pageUrl: string, type: string, rolledBack: boolean, impact: FixImpact): ReportImpact {
  const widest = [...(impact.windows ?? [])].sort((a, b) => b.days - a.days)[0];
  return {
    fixId,
    pageUrl,
    type,
    rolledBack,
    expected: impact.expected,
    confidence: impact.confidence,
    summary: impact.summary,
    windowDays: widest?.days ?? null,
    clicksChangePct: widest?.effect.clicksPct ?? null,
    ctrChangePoints: widest?.effect.ctrPoints ?? null,
  };
}
