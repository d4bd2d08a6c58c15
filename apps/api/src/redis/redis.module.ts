import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
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

/**
 * Commands fail at once while the connection is down (no offline queue) and after 1 s when Redis
 * hangs: a request must not wait for Redis to come back (ioredis would otherwise retry each command
 * for seconds). Boot waits up to 3 s for the first connection so early commands find it ready.
 */
export const SHARED_REDIS_OPTIONS = { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 } as const;

async function connectShared(url: string): Promise<Redis> {
  const redis = new Redis(url, SHARED_REDIS_OPTIONS);
  redis.on('error', () => undefined); // reported by the commands that fail; reconnection is automatic
  // Not events.once: it rejects on the first 'error', and a Redis that is down must not stop the boot.
  await new Promise<void>((ready) => {
    redis.once('ready', ready);
    setTimeout(ready, 3000).unref();
  });
  return redis;
}

/** One shared connection for rate limits, pub/sub publishing and health checks (BullMQ has its own). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (config: AppConfig) => connectShared(config.REDIS_URL),
      inject: [AppConfig],
    },
    RedisCloser,
    RedisLocks,
  ],
  exports: [REDIS, RedisLocks],
})
export class RedisModule {}
