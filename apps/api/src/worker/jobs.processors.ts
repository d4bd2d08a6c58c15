import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobRunner } from './job-runner.service';

// One WorkerHost per queue; concurrency per queue reflects the kind of work (see QUEUE_OF).

/**
 * How long a job's lock lives without renewal, and how often stalled jobs (lock expired: the worker
 * died) are taken back. BullMQ's defaults (30 s each) suit production; tests that kill a worker set
 * JOB_LOCK_DURATION_MS / JOB_STALLED_INTERVAL_MS lower. Read when the decorators run, before the config.
 */
function lockSettings(): { lockDuration?: number; stalledInterval?: number } {
  const read = (name: string) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 500) throw new Error(`${name} must be a whole number of milliseconds, at least 500`);
    return value;
  };
  const lockDuration = read('JOB_LOCK_DURATION_MS');
  const stalledInterval = read('JOB_STALLED_INTERVAL_MS');
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
