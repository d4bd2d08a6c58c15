import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { withDeadline } from '../common/deadline';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../common/filters/http-error.filter';
import { REDIS } from '../redis/redis.module';

/** A limit check may wait this long for Redis before the request is refused. */
const REDIS_DEADLINE_MS = 1_000;

/**
 * Runs a limit's Redis commands, or refuses the request with 503 and Retry-After when the connection
 * to Redis is lost or Redis does not answer in time. Limits fail closed: counted per process instead, a guesser
 * would get the limit once per API process and a fresh one after every restart.
 */
export async function withLimitStore<T>(redis: Redis, commands: () => Promise<T>): Promise<T> {
  const unavailable = () => new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Sign-in and other rate-limited actions are paused: the rate-limit store (Redis) is not answering. Try again in a minute.',
    'RATE_LIMIT_UNAVAILABLE',
    { retryAfterSeconds: 30 },
  );
  // Lost and not back yet: no need to wait. Still connecting at boot: the deadline decides.
  if (['reconnecting', 'close', 'end'].includes(redis.status)) throw unavailable();
  try {
    return await withDeadline(commands(), REDIS_DEADLINE_MS, unavailable);
  } catch (error) {
    throw error instanceof ApiError ? error : unavailable();
  }
}

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
    const { count, ttl } = await withLimitStore(this.redis, async () => {
      const [[, counted], [, left]] = (await this.redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
      if (left < 0) await this.redis.expire(key, windowSeconds);
      return { count: counted, ttl: left };
    });
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
