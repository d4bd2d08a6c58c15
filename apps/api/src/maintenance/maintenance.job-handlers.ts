import { Injectable } from '@nestjs/common';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';
import { PrismaService } from '../prisma/prisma.service';
import { SearchConsoleRepository } from '../search-console/search-console.repository';
import { SearchConsoleSyncService, type SyncOutcome } from '../search-console/search-console-sync.service';

/** Housekeeping jobs enqueued by the worker's cron (see maintenance.scheduler.ts). */
@Injectable()
export class MaintenanceJobHandlers {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobsService,
    private readonly searchConsole: SearchConsoleSyncService,
    private readonly searchConsoleLinks: SearchConsoleRepository,
  ) {}

  /**
   * Opens the month's usage records for every user. Counters of a new month start at zero because
   * they live in a new row; running it twice finds the rows already there and changes nothing.
   */
  @JobHandler('RESET_USAGE')
  async resetUsage(ctx: JobContext<'RESET_USAGE'>): Promise<{ year: number; month: number; opened: number }> {
    const now = new Date();
    const year = ctx.payload.year ?? now.getUTCFullYear();
    const month = ctx.payload.month ?? now.getUTCMonth() + 1;
    const opened = await this.prisma.$executeRaw`
      INSERT INTO "UsageRecord" ("id", "userId", "month", "year", "sitesActive", "updatedAt")
      SELECT 'ur_' || md5(u."id" || ${year}::text || ${month}::text), u."id", ${month}, ${year},
             (SELECT count(*) FROM "Connection" c WHERE c."userId" = u."id" AND c."status" <> 'DISCONNECTED'), now()
      FROM "User" u
      ON CONFLICT ("userId", "month", "year") DO NOTHING`;
    return { year, month, opened };
  }

  /** Drops the before-state of fixes whose 90-day rollback window has closed. */
  @JobHandler('CLEANUP_ROLLBACKS')
  async cleanupRollbacks(): Promise<{ cleared: number }> {
    const cleared = await this.prisma.$executeRaw`
      UPDATE "Fix" SET "rollbackData" = NULL, "updatedAt" = now()
      WHERE "rollbackDeadline" < now() AND "rollbackData" IS NOT NULL`;
    return { cleared };
  }

  /**
   * Records each site's health score for the day (the series behind the dashboard's trend charts) and
   * copies Search Console's numbers. Without a site id (the daily cron) it fans out one job per site with
   * Search Console, so each site's sync retries, backs off and resumes on its own.
   */
  @JobHandler('SYNC_METRICS')
  async syncMetrics(ctx: JobContext<'SYNC_METRICS'>): Promise<{ sites: number; searchConsole?: SyncOutcome; enqueued?: number }> {
    const connections = await this.prisma.connection.findMany({
      where: { healthScore: { not: null }, ...(ctx.payload.connectionId ? { id: ctx.payload.connectionId } : {}) },
      select: { id: true, healthScore: true },
    });
    const today = new Date().toISOString().slice(0, 10);
    const date = new Date(today);
    for (const connection of connections) {
      await this.prisma.metric.upsert({
        where: { connectionId_date_pageUrl_query_source: { connectionId: connection.id, date, pageUrl: '', query: '', source: 'crawl' } },
        create: { connectionId: connection.id, date, healthScore: connection.healthScore },
        update: { healthScore: connection.healthScore },
      });
    }
    if (ctx.payload.connectionId) {
      return { sites: connections.length, searchConsole: await this.searchConsole.sync(ctx.payload.connectionId, ctx.signal) };
    }
    const linked = await this.searchConsoleLinks.findSyncableConnectionIds();
    for (const connectionId of linked) {
      await this.jobs.enqueue('SYNC_METRICS', { connectionId }, { connectionId, dedupeKey: `SYNC_METRICS:${connectionId}:${today}`, maxAttempts: 6 });
    }
    return { sites: connections.length, enqueued: linked.length };
  }

  /** A site's report for a period: issues by severity and status, fixes applied and rolled back. */
  @JobHandler('GENERATE_REPORT')
  async generateReport(ctx: JobContext<'GENERATE_REPORT'>): Promise<unknown> {
    const from = ctx.payload.from ? new Date(ctx.payload.from) : new Date(Date.now() - 30 * 86_400_000);
    const to = ctx.payload.to ? new Date(ctx.payload.to) : new Date();
    const connectionId = ctx.payload.connectionId;
    const [bySeverity, byStatus, applied, rolledBack, metrics] = await Promise.all([
      this.prisma.issue.groupBy({ by: ['severity'], where: { connectionId, status: 'OPEN' }, _count: true }),
      this.prisma.issue.groupBy({ by: ['status'], where: { connectionId }, _count: true }),
      this.prisma.fix.count({ where: { connectionId, appliedAt: { gte: from, lte: to } } }),
      this.prisma.fix.count({ where: { connectionId, rolledBackAt: { gte: from, lte: to } } }),
      this.prisma.metric.findMany({ where: { connectionId, date: { gte: from, lte: to }, pageUrl: '' }, orderBy: { date: 'asc' } }),
    ]);
    return {
      connectionId,
      from: from.toISOString(),
      to: to.toISOString(),
      openIssuesBySeverity: Object.fromEntries(bySeverity.map((g) => [g.severity, g._count])),
      issuesByStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count])),
      fixesApplied: applied,
      fixesRolledBack: rolledBack,
      healthScoreSeries: metrics.map((m) => ({ date: m.date.toISOString().slice(0, 10), healthScore: m.healthScore })),
    };
  }
}
