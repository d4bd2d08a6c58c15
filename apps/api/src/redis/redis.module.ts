import { Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RedisLocks } from './redis-locks.service';
import { REDIS } from './redis.token';

export { REDIS };

@Injectable()
class RedisCloser implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared connection for rate limits, pub/sub publishing and health checks (BullMQ has its own). */
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (config: AppConfig) => new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }),
      inject: [AppConfig],
    },
    RedisCloser,
    RedisLocks,
  ],
  exports: [REDIS, RedisLocks],
})
export class RedisModule {}
