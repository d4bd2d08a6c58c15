import { Injectable } from '@nestjs/common';
import { JobHandler, OnFinalFailure, type FinalFailure, type JobContext } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';
import { ReportGenerationService } from './report-generation.service';
import { reportExpiry } from './report-retention';
import { nextReportRun, scheduledReportPeriod } from './report-schedule';
import { ReportsRepository } from './reports.repository';

@Injectable()
export class ReportsJobHandlers {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly generation: ReportGenerationService,
    private readonly jobs: JobsService,
  ) {}

  @JobHandler('GENERATE_REPORT')
  generateReport(ctx: JobContext<'GENERATE_REPORT'>): ReturnType<ReportGenerationService['generate']> {
    return this.generation.generate(ctx.payload.reportId, ctx.payload.emailTo);
  }

  /** The report row leaves PENDING with the reason, so the dashboard shows why instead of waiting forever. */
  @OnFinalFailure('GENERATE_REPORT')
  async reportFailed(failure: FinalFailure<'GENERATE_REPORT'>): Promise<void> {
    await this.reports.markFailed(failure.payload.reportId, failure.error);
  }

  /**
   * One report per due schedule, for the period that just ended. The schedule moves on first (only one
   * worker wins it), and the job's dedupe key keeps a retried run from sending the same period twice.
   */
  @JobHandler('SEND_SCHEDULED_REPORTS')
  async sendScheduledReports(): Promise<{ due: number; enqueued: number }> {
    const now = new Date();
    const due = await this.reports.findDueSchedules(now);
    let enqueued = 0;
    for (const schedule of due) {
      if (!(await this.reports.advanceSchedule(schedule.id, schedule.nextRunAt, nextReportRun(schedule.frequency, now)))) continue;
      const site = await this.reports.siteContext(schedule.connectionId);
      if (!site) continue;
      const period = scheduledReportPeriod(schedule.frequency, schedule.nextRunAt);
      const to = schedule.recipients.length ? schedule.recipients : [site.ownerEmail];
      const report = await this.reports.create({ connectionId: site.connectionId, requestedById: null, scheduled: true, periodFrom: period.from, periodTo: period.to, expiresAt: reportExpiry(site.ownerPlan, now) });
      const job = await this.jobs.enqueue(
        'GENERATE_REPORT',
        { connectionId: site.connectionId, reportId: report.id, emailTo: to },
        { connectionId: site.connectionId, userId: site.ownerId, dedupeKey: `GENERATE_REPORT:${schedule.id}:${schedule.nextRunAt.toISOString()}`, maxAttempts: 5 },
      );
      await this.reports.attachJob(report.id, job.id);
      enqueued += 1;
    }
    return { due: due.length, enqueued };
  }

  @JobHandler('PURGE_EXPIRED_REPORTS')
  async purgeExpiredReports(): Promise<{ deleted: number }> {
    return { deleted: await this.reports.deleteExpired(new Date()) };
  }
}
