import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { loadJobLockConfig } from '../config/app-config';
import { JobRunner } from './job-runner.service';

// One WorkerHost per queue; concurrency per queue reflects the kind of work (see QUEUE_OF).

/**
 * How long a job's lock lives without renewal, and how often stalled jobs (lock expired: the worker
 * died) are taken back: JOB_LOCK_DURATION_MS / JOB_STALLED_INTERVAL_MS (see JobLockConfig). Read when
 * the decorators run, before the app and its AppConfig exist.
 */
function lockSettings(): { lockDuration?: number; stalledInterval?: number } {
  const { JOB_LOCK_DURATION_MS: lockDuration, JOB_STALLED_INTERVAL_MS: stalledInterval } = loadJobLockConfig();
  return { ...(lockDuration ? { lockDuration } : {}), ...(stalledInterval ? { stalledInterval } : {}) };
}
const LOCK = lockSettings();

@Processor('crawl', { concurrency: 2, ...LOCK })
export class CrawlQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('fixes', { concurrency: 4, ...LOCK })
export class FixesQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('maintenance', { concurrency: 1, ...LOCK })
export class MaintenanceQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('delivery', { concurrency: 8, ...LOCK })
export class DeliveryQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}
