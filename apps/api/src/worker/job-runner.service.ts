import { Injectable, Logger } from '@nestjs/common';
import type { Job } from '@prisma/client';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { withLogContext } from '../common/logging/logging';
import { PermanentJobError, type JobContext } from '../jobs/job-handler.decorator';
import { JobFinalFailureHooks } from '../jobs/job-final-failure-hooks';
import { JobsRepository, LIVE_JOB_STATUSES, type RunMark } from '../jobs/jobs.repository';
import { jobDuration, jobsTotal, type JobOutcome } from '../metrics/metrics';
import { JobHandlerRegistry } from './job-handler.registry';

const CANCEL_POLL_MS = 1_000;
/**
 * A run that lasts longer is marked RUNNING in its row; a shorter one is written once, by its completion
 * or failure (one commit instead of two: the disk flush of a commit is most of a short job's cost).
 */
const MARK_RUNNING_AFTER_MS = 25;
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
    const row = await this.jobs.findLive(id);
    if (!row) {
      const existing = await this.jobs.findById(id);
      if (!existing) this.logger.warn(`job ${id} has no row (deleted?); dropping it`);
      // A duplicate delivery of a job that already ended: do nothing twice.
      return existing && TERMINAL.has(existing.status) ? existing.result : null;
    }
    // The attempt: BullMQ's counts (failed attempts, and starts, which include a run that died with its
    // worker), or one more than a row still marked RUNNING by a run that died.
    const attempt = Math.max(bullJob.attemptsMade + 1, bullJob.attemptsStarted, row.status === 'RUNNING' ? row.attempts + 1 : 1);
    return withLogContext({ connectionId: row.connectionId, attempt }, () => this.runHandler(bullJob, row, { attempt, startedAt: new Date() }));
  }

  private async runHandler(bullJob: BullJob, row: Job, run: RunMark): Promise<unknown> {
    const id = row.id;
    const attempt = run.attempt;
    const type = row.type;
    const stopTimer = jobDuration.startTimer({ type });
    const ended = (outcome: JobOutcome): number => {
      jobsTotal.inc({ type, outcome });
      return Math.round(stopTimer() * 1000);
    };

    // A mark that lands after the completion or failure changes nothing (see JobsRepository.markRunning).
    const mark = setTimeout(() => {
      this.jobs.markRunning(id, run).catch((error: unknown) => this.logger.warn(`could not mark job ${id} running: ${(error as Error).message}`));
    }, MARK_RUNNING_AFTER_MS);
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
      clearTimeout(mark);
      if (controller.signal.aborted) {
        this.logger.log({ msg: `job ${id} (${type}) cancelled`, durationMs: ended('cancelled') });
        return null;
      }
      await this.jobs.complete(id, result, run);
      this.logger.log({ msg: `job ${id} (${type}) completed`, durationMs: ended('completed') });
      return result ?? null;
    } catch (error) {
      clearTimeout(mark);
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
      const ran = { attempts: attempt, startedAt: run.startedAt };
      const moved = await this.jobs.transition(id, LIVE_JOB_STATUSES, final ? { ...ran, status: 'FAILED', failedAt: new Date(), error: stored } : { ...ran, status: 'RETRYING', error: stored });
      // The record the job worked on (a fix, a plan) must not stay in progress once no attempt is left.
      if (final && moved) await this.finalFailure.run(row, stored);
      if (permanent && !(error instanceof UnrecoverableError)) throw new UnrecoverableError(message);
      throw error;
    } finally {
      clearInterval(poll);
    }
  }
}
