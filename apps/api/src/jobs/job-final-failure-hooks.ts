import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Job } from '@prisma/client';
import type { JobTypeName } from '@seology/contracts';
import { discoverJobMethods } from './discover-job-methods';
import { JOB_FINAL_FAILURE, type FinalFailureFn } from './job-handler.decorator';

export class FinalFailureHookError extends Error {}

/**
 * The @OnFinalFailure methods, found at start-up. Both places that can end a job as FAILED (the job
 * runner and the reconciler) call `run`, so a record never stays in an in-progress state because its
 * job gave up somewhere else.
 */
@Injectable()
export class JobFinalFailureHooks implements OnModuleInit {
  private readonly logger = new Logger(JobFinalFailureHooks.name);
  private readonly hooks = new Map<JobTypeName, FinalFailureFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const twice: string[] = [];
    for (const [type, methods] of discoverJobMethods<FinalFailureFn>(this.discovery, this.scanner, JOB_FINAL_FAILURE)) {
      if (methods.length > 1) twice.push(`${type} has ${methods.length} final-failure hooks: ${methods.map((m) => m.name).join(', ')}`);
      this.hooks.set(type, methods[0]!.fn);
    }
    if (twice.length) throw new FinalFailureHookError(`Final-failure hooks are invalid: ${twice.join('; ')}`);
  }

  /**
   * Runs the hook of the job's type, if any. A hook that throws is logged, not rethrown: the job has
   * ended, and rethrowing would only make BullMQ count another failure of it.
   */
  async run(job: Pick<Job, 'id' | 'type' | 'payload'>, error: string): Promise<void> {
    const hook = this.hooks.get(job.type);
    if (!hook) return;
    try {
      await hook({ jobId: job.id, type: job.type, payload: job.payload as never, error });
    } catch (hookError) {
      this.logger.error(`final-failure hook of ${job.type} job ${job.id} failed: ${(hookError as Error).message}`);
    }
  }
}
