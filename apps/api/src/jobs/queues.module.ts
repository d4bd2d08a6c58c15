import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Module } from '@nestjs/common';
import { QUEUES, type QueueName } from '@seology/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** Every BullMQ queue by name, so the jobs service can route a job type to its queue. */
@Injectable()
export class JobQueues {
  private readonly byName: Record<QueueName, Queue>;

  constructor(
    @Inject(getQueueToken('crawl')) crawl: Queue,
    @Inject(getQueueToken('fixes')) fixes: Queue,
    @Inject(getQueueToken('maintenance')) maintenance: Queue,
    @Inject(getQueueToken('delivery')) delivery: Queue,
  ) {
    this.byName = { crawl, fixes, maintenance, delivery };
  }

  get(name: QueueName): Queue {
    return this.byName[name];
  }

  all(): Queue[] {
    return Object.values(this.byName);
  }
}

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const url = new URL(config.REDIS_URL);
        return {
          prefix: `${config.QUEUE_PREFIX}:bull`,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password || undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
        };
      },
    }),
    BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobQueues],
  exports: [JobQueues, BullModule],
})
export class QueuesModule {}
