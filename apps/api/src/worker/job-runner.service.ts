import { Injectable, Logger } from '@nestjs/common';
import type { JobTypeName } from '@seology/contracts';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { PermanentJobError, type JobContext } from '../jobs/job-handler.decorator';
import { JobFinalFailureHooks } from '../jobs/job-final-failure-hooks';
import { JobsRepository } from '../jobs/jobs.repository';
import { JobHandlerRegistry } from './job-handler.registry';

const CANCEL_POLL_MS = 1_000;
const TERMINAL = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/**
 * Runs one BullMQ job: keeps the Job row in step (RUNNING, progress, RETRYING, COMPLETED, FAILED),
 * aborts the handler when the row is cancelled, and rethrows failures so BullMQ retries with backoff.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly registry: JobHandlerRegistry,
    private readonly finalFailure: JobFinalFailureHooks,
  ) {}

  async run(bullJob: BullJob): Promise<unknown> {
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
    const attempt = row.attempts;

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
      type: row.type as JobTypeName,
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
      const result = await this.registry.get(row.type as JobTypeName)(ctx);
      if (controller.signal.aborted) return null;
      await this.jobs.complete(id, result);
      return result ?? null;
    } catch (error) {
      if (controller.signal.aborted) return null; // cancelled: the row already says so
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError || error instanceof UnrecoverableError;
      const final = permanent || attempt >= (bullJob.opts.attempts ?? 1);
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
