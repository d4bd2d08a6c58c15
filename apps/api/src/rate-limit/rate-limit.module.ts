import { Module } from '@nestjs/common';
import { RateLimiterService } from './rate-limiter.service';
import { RedisModule } from '../redis/redis.module';

@Module({ imports: [RedisModule], providers: [RateLimiterService], exports: [RateLimiterService] })
export class RateLimitModule {}
