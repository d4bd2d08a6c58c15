import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { withLogContext } from '../common/logging/logging';
import { PermanentJobError, type JobContext } from '../jobs/job-handler.decorator';
import { JobFinalFailureHooks } from '../jobs/job-final-failure-hooks';
import { JobsRepository } from '../jobs/jobs.repository';
import { jobDuration, jobsTotal, type JobOutcome } from '../metrics/metrics';
import { JobHandlerRegistry } from './job-handler.registry';

const CANCEL_POLL_MS = 1_000;
const TERMINAL = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/**
 * Runs one BullMQ job: keeps the Job row in step (RUNNING, progress, RETRYING, COMPLETED, FAILED),
 * aborts the handler when the row is cancelled, and rethrows failures so BullMQ retries with backoff.
 * Every line logged while it runs carries jobId, type and connectionId; each run is counted by
 * outcome and timed (seology_jobs_total, seology_job_duration_seconds).
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly registry: JobHandlerRegistry,
    private readonly finalFailure: JobFinalFailureHooks,
  ) {}

  run(bullJob: BullJob): Promise<unknown> {
    return withLogContext({ jobId: bullJob.id, type: bullJob.name, queue: bullJob.queueName }, () => this.runInContext(bullJob));
  }

  private async runInContext(bullJob: BullJob): Promise<unknown> {
    const id = bullJob.id!;
    // One conditional update moves a live row to RUNNING and returns it. A row still RUNNING means an
    // earlier run of this job died with its worker (BullMQ took the stalled job back without counting a
    // failed attempt): that run counts, so the row says how often it ran.
    const row = await this.jobs.start(id, bullJob.attemptsMade + 1);
    if (!row) {
      const existing = await this.jobs.findById(id);
      if (!existing) this.logger.warn(`job ${id} has no row (deleted?); dropping it`);
      // A duplicate delivery of a job that already ended: do nothing twice.
      return existing && TERMINAL.has(existing.status) ? existing.result : null;
    }
    return withLogContext({ connectionId: row.connectionId, attempt: row.attempts }, () => this.runHandler(bullJob, row));
  }

  private async runHandler(bullJob: BullJob, row: NonNullable<Awaited<ReturnType<JobsRepository['start']>>>): Promise<unknown> {
    const id = row.id;
    const attempt = row.attempts;
    const type = row.type;
    const stopTimer = jobDuration.startTimer({ type });
    const ended = (outcome: JobOutcome): number => {
      jobsTotal.inc({ type, outcome });
      return Math.round(stopTimer() * 1000);
    };

    const controller = new AbortController();
    const poll = setInterval(() => {
      this.jobs.isCancelled(id).then(
        (cancelled) => cancelled && controller.abort(new Error('cancelled')),
        () => undefined,
      );
    }, CANCEL_POLL_MS);
    let lastProgress = -1;
    const ctx: JobContext = {
      jobId: id,
      type: row.type,
      payload: row.payload as never,
      attempt,
      userId: row.userId,
      connectionId: row.connectionId,
      signal: controller.signal,
      reportProgress: async (percent: number) => {
        const value = Math.max(0, Math.min(100, Math.round(percent)));
        if (value === lastProgress) return;
        lastProgress = value;
        await Promise.all([this.jobs.setProgress(id, value), bullJob.updateProgress(value)]);
      },
    };

    try {
      const result = await this.registry.get(type)(ctx);
      if (controller.signal.aborted) {
        this.logger.log({ msg: `job ${id} (${type}) cancelled`, durationMs: ended('cancelled') });
        return null;
      }
      await this.jobs.complete(id, result);
      this.logger.log({ msg: `job ${id} (${type}) completed`, durationMs: ended('completed') });
      return result ?? null;
    } catch (error) {
      if (controller.signal.aborted) {
        // cancelled: the row already says so
        this.logger.log({ msg: `job ${id} (${type}) cancelled`, durationMs: ended('cancelled') });
        return null;
      }
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError || error instanceof UnrecoverableError;
      const final = permanent || attempt >= (bullJob.opts.attempts ?? 1);
      const durationMs = ended(final ? 'failed' : 'retried');
      if (final) this.logger.error({ msg: `job ${id} (${type}) failed for good: ${message}`, err: error, durationMs });
      else this.logger.warn({ msg: `job ${id} (${type}) attempt ${attempt} failed, will retry: ${message}`, err: error, durationMs });
      const stored = message.slice(0, 2000);
      const moved = await this.jobs.transition(id, ['RUNNING'], final ? { status: 'FAILED', failedAt: new Date(), error: stored } : { status: 'RETRYING', error: stored });
      // The record the job worked on (a fix, a plan) must not stay in progress once no attempt is left.
      if (final && moved) await this.finalFailure.run(row, stored);
      if (permanent && !(error instanceof UnrecoverableError)) throw new UnrecoverableError(message);
      throw error;
    } finally {
      clearInterval(poll);
    }
  }
}
