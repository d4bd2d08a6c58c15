import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { JobTypeName } from '@seology/contracts';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { PermanentJobError, type JobContext } from '../../api/src/jobs/job-handler.decorator';
import { JobFinalFailureHooks } from '../../api/src/jobs/job-final-failure-hooks';
import { JobsRepository } from '../../api/src/jobs/jobs.repository';
import { JobHandlerRegistry } from './job-handler.registry';

const CANCEL_POLL_MS = 1_000;

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
    const row = await this.jobs.findById(id);
    if (!row) {
      this.logger.warn(`job ${id} has no row (deleted?); dropping it`);
      return null;
    }
    if (row.status === 'COMPLETED' || row.status === 'CANCELLED' || row.status === 'FAILED') {
      // A duplicate delivery of a job that already ended: do nothing twice.
      return row.result;
    }
    // A row still RUNNING means an earlier run of this job died with its worker (BullMQ took the stalled
    // job back without counting a failed attempt): that run counts, so the row says how often it ran.
    const attempt = Math.max(bullJob.attemptsMade + 1, row.status === 'RUNNING' ? row.attempts + 1 : 1);
    const started = await this.jobs.transition(id, ['PENDING', 'RETRYING', 'RUNNING'], {
      status: 'RUNNING', attempts: attempt, startedAt: new Date(), error: null,
    });
    if (!started) return null;

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
      await this.jobs.transition(id, ['RUNNING'], {
        status: 'COMPLETED', progress: 100, completedAt: new Date(), result: (result ?? Prisma.JsonNull) as Prisma.InputJsonValue,
      });
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
