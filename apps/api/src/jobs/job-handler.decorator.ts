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
