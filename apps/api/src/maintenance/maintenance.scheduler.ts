import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobsService } from '../jobs/jobs.service';

/**
 * Cron only enqueues. Every worker process runs these schedules; the dedupe key (one per period)
 * makes the extra enqueues return the job that already exists, so each period runs once.
 */
@Injectable()
export class MaintenanceScheduler {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(private readonly jobs: JobsService) {}

  @Cron('5 0 1 * *', { timeZone: 'UTC' })
  async enqueueUsageReset(): Promise<void> {
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${now.getUTCMonth() + 1}`;
    await this.jobs.enqueue('RESET_USAGE', {}, { dedupeKey: `RESET_USAGE:${period}`, priority: 8 });
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { timeZone: 'UTC' })
  async enqueueRollbackCleanup(): Promise<void> {
    await this.jobs.enqueue('CLEANUP_ROLLBACKS', {}, { dedupeKey: `CLEANUP_ROLLBACKS:${new Date().toISOString().slice(0, 10)}` });
  }

  @Cron(CronExpression.EVERY_DAY_AT_4AM, { timeZone: 'UTC' })
  async enqueueMetricsSync(): Promise<void> {
    await this.jobs.enqueue('SYNC_METRICS', {}, { dedupeKey: `SYNC_METRICS:${new Date().toISOString().slice(0, 10)}` });
  }

  /** Retention (README, "Reports and retention"): each runs once a day, one job per kind. */
  @Cron('15 2 * * *', { timeZone: 'UTC' })
  async enqueueRetention(): Promise<void> {
    const day = new Date().toISOString().slice(0, 10);
    for (const type of ['PURGE_COMPLETED_JOBS', 'PURGE_OLD_METRICS', 'PURGE_EXPIRED_REPORTS'] as const) {
      await this.jobs.enqueue(type, {}, { dedupeKey: `${type}:${day}`, priority: 1 });
    }
  }

  /** Due report schedules are looked for every hour (weekly and monthly reports go out at 06:00 UTC). */
  @Cron(CronExpression.EVERY_HOUR, { timeZone: 'UTC' })
  async enqueueScheduledReports(): Promise<void> {
    const hour = new Date().toISOString().slice(0, 13);
    await this.jobs.enqueue('SEND_SCHEDULED_REPORTS', {}, { dedupeKey: `SEND_SCHEDULED_REPORTS:${hour}`, priority: 4 });
  }

  /** Jobs whose queue entry was lost (Redis restarted without persistence) are put back. */
  @Cron(CronExpression.EVERY_MINUTE)
  async reconcileJobs(): Promise<void> {
    const readded = await this.jobs.reconcile();
    if (readded > 0) this.logger.warn(`re-enqueued ${readded} job(s) the queue had lost`);
  }
}
