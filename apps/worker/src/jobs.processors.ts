import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobRunner } from './job-runner.service';

// One WorkerHost per queue; concurrency per queue reflects the kind of work (see QUEUE_OF).

@Processor('crawl', { concurrency: 2 })
export class CrawlQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('fixes', { concurrency: 4 })
export class FixesQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('maintenance', { concurrency: 1 })
export class MaintenanceQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}

@Processor('delivery', { concurrency: 8 })
export class DeliveryQueueProcessor extends WorkerHost {
  constructor(private readonly runner: JobRunner) {
    super();
  }
  process(job: Job): Promise<unknown> {
    return this.runner.run(job);
  }
}
