import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../common/filters/http-error.filter';
import { REDIS } from '../redis/redis.module';

/**
 * Fixed-window counters in Redis, so the limit holds across every API process rather than per process.
 */
@Injectable()
export class RateLimiterService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async consume(bucket: string, limit: number, windowSeconds: number): Promise<void> {
    const key = `${this.config.QUEUE_PREFIX}:rl:${bucket}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.redis.expire(key, windowSeconds);
    if (count > limit) {
      const retryAfter = ttl > 0 ? ttl : windowSeconds;
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        'RATE_LIMITED',
        { retryAfterSeconds: retryAfter },
      );
    }
  }
}
