import { Injectable } from '@nestjs/common';
import { recordDailyHealthScore } from '../prisma/daily-health-score';
import { PrismaService } from '../prisma/prisma.service';

/** The housekeeping jobs' statements: usage months, expired rollbacks, the daily health series, retention. */
@Injectable()
export class MaintenanceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Opens the month's usage record of every user (counters start at zero in the new row). Idempotent:
   * rows already there are left alone. Returns how many were opened.
   */
  openMonthlyUsageRecords(year: number, month: number): Promise<number> {
    return this.prisma.$executeRaw`
      INSERT INTO "UsageRecord" ("id", "userId", "month", "year", "sitesActive", "updatedAt")
      SELECT 'ur_' || md5(u."id" || ${year}::text || ${month}::text), u."id", ${month}, ${year},
             (SELECT count(*) FROM "Connection" c WHERE c."userId" = u."id" AND c."status" <> 'DISCONNECTED'), now()
      FROM "User" u
      ON CONFLICT ("userId", "month", "year") DO NOTHING`;
  }

  /** Drops the before-state of fixes whose rollback window has closed; returns how many. */
  clearExpiredRollbackData(): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE "Fix" SET "rollbackData" = NULL, "updatedAt" = now()
      WHERE "rollbackDeadline" < now() AND "rollbackData" IS NOT NULL`;
  }

  /** Sites with a health score (one site when an id is given). */
  findSitesWithHealthScore(connectionId?: string): Promise<Array<{ id: string; healthScore: number | null }>> {
    return this.prisma.connection.findMany({
      where: { healthScore: { not: null }, ...(connectionId ? { id: connectionId } : {}) },
      select: { id: true, healthScore: true },
    });
  }

  /** The day's health score on the site's metrics (the same row the crawl analysis writes). */
  recordDailyHealthScore(connectionId: string, date: Date, healthScore: number | null): Promise<void> {
    return recordDailyHealthScore(this.prisma, connectionId, date, healthScore);
  }

  /** Deletes up to 5000 completed jobs finished before the cutoff; returns how many. */
  deleteCompletedJobsBatch(cutoff: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "Job" WHERE "id" IN (SELECT "id" FROM "Job" WHERE "status" = 'COMPLETED' AND "completedAt" < ${cutoff} LIMIT 5000)`;
  }

  /** Deletes up to 5000 metric rows dated before the cutoff; returns how many. */
  deleteMetricsBatch(cutoff: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "Metric" WHERE "id" IN (SELECT "id" FROM "Metric" WHERE "date" < ${cutoff}::date LIMIT 5000)`;
  }
}
