import { Injectable } from '@nestjs/common';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';
import { COMPLETED_JOB_RETENTION_DAYS, METRIC_RETENTION_DAYS } from '../reports/report-retention';
import { SearchConsoleRepository } from '../search-console/search-console.repository';
import { SearchConsoleSyncService, type SyncOutcome } from '../search-console/search-console-sync.service';
import { MaintenanceRepository } from './maintenance.repository';

/** Housekeeping jobs enqueued by the worker's cron (see maintenance.scheduler.ts). */
@Injectable()
export class MaintenanceJobHandlers {
  constructor(
    private readonly repository: MaintenanceRepository,
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
    const opened = await this.repository.openMonthlyUsageRecords(year, month);
    return { year, month, opened };
  }

  /** Drops the before-state of fixes whose 90-day rollback window has closed. */
  @JobHandler('CLEANUP_ROLLBACKS')
  async cleanupRollbacks(): Promise<{ cleared: number }> {
    const cleared = await this.repository.clearExpiredRollbackData();
    return { cleared };
  }

  /**
   * Records each site's health score for the day (the series behind the dashboard's trend charts) and
   * copies Search Console's numbers. Without a site id (the daily cron) it fans out one job per site with
   * Search Console, so each site's sync retries, backs off and resumes on its own.
   */
  @JobHandler('SYNC_METRICS')
  async syncMetrics(ctx: JobContext<'SYNC_METRICS'>): Promise<{ sites: number; searchConsole?: SyncOutcome; enqueued?: number }> {
    const connections = await this.repository.findSitesWithHealthScore(ctx.payload.connectionId);
    const today = new Date().toISOString().slice(0, 10);
    const date = new Date(today);
    for (const connection of connections) {
      await this.repository.recordDailyHealthScore(connection.id, date, connection.healthScore);
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

  /** Completed jobs are kept a week for the jobs page; failed and cancelled ones stay until someone looks. */
  @JobHandler('PURGE_COMPLETED_JOBS')
  async purgeCompletedJobs(): Promise<{ deleted: number }> {
    const cutoff = new Date(Date.now() - COMPLETED_JOB_RETENTION_DAYS * 86_400_000);
    return { deleted: await this.deleteInBatches(() => this.repository.deleteCompletedJobsBatch(cutoff)) };
  }

  /** Health-score and Search Console rows older than two years (Search Console itself keeps 16 months). */
  @JobHandler('PURGE_OLD_METRICS')
  async purgeOldMetrics(): Promise<{ deleted: number }> {
    const now = new Date();
    const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - METRIC_RETENTION_DAYS * 86_400_000);
    return { deleted: await this.deleteInBatches(() => this.repository.deleteMetricsBatch(cutoff)) };
  }

  /** Short statements, so a large backlog never holds one long lock on a busy table. */
  private async deleteInBatches(batch: () => Promise<number>): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await batch();
      deleted += n;
      if (n === 0) return deleted;
    }
  }
}
