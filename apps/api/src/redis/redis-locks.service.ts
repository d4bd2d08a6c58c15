import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { REDIS } from './redis.token';

/** Deletes the key only while it still holds this holder's token (a lock that expired is not someone else's to free). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Short-lived exclusive locks in Redis, so they hold across every API process. A holder that dies
 * keeps the lock until `ttlMs` runs out.
 */
@Injectable()
export class RedisLocks {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** The release function when the lock was free, null when someone holds it. */
  async tryAcquire(name: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = `${this.config.QUEUE_PREFIX}:lock:${name}`;
    const token = randomUUID();
    const taken = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return null;
    return async () => {
      await this.redis.eval(RELEASE, 1, key, token);
    };
  }
}
