import { SetMetadata } from '@nestjs/common';
import type { JobPayloads, JobTypeName } from '@seology/contracts';

export const JOB_HANDLER = 'seology:job-handler';

/** Marks a provider method as THE handler of a job type. The worker refuses to boot with zero or two per type. */
export const JobHandler = (type: JobTypeName) => SetMetadata(JOB_HANDLER, type);

/** Thrown by a handler for failures a retry cannot fix (bad payload, deleted resource): no further attempts. */
export class PermanentJobError extends Error {}

export interface JobContext<T extends JobTypeName = JobTypeName> {
  jobId: string;
  type: T;
  payload: JobPayloads[T];
  /** 1 on the first run. */
  attempt: number;
  userId: string | null;
  connectionId: string | null;
  /** Aborted when the job is cancelled; long handlers pass it down and check it between steps. */
  signal: AbortSignal;
  reportProgress(percent: number): Promise<void>;
}

export type JobHandlerFn<T extends JobTypeName = JobTypeName> = (ctx: JobContext<T>) => Promise<unknown>;

export const JOB_FINAL_FAILURE = 'seology:job-final-failure';

/**
 * Marks a provider method as what to do when a job of this type has failed for good (a permanent
 * error, or its last attempt used, or found failed by the reconciler): the place where the record the
 * job was working on is moved out of its in-progress state. At most one per type.
 */
export const OnFinalFailure = (type: JobTypeName) => SetMetadata(JOB_FINAL_FAILURE, type);

export interface FinalFailure<T extends JobTypeName = JobTypeName> {
  jobId: string;
  type: T;
  payload: JobPayloads[T];
  /** The last error, as stored on the Job row. */
  error: string;
}

export type FinalFailureFn<T extends JobTypeName = JobTypeName> = (failure: FinalFailure<T>) => Promise<unknown>;
