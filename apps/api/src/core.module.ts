import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { EmailModule } from './email/email.module';
import { JobsModule } from './jobs/jobs.module';
import { PrismaModule } from './prisma/prisma.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { UsageModule } from './usage/usage.module';

/** Infrastructure shared by the API and the worker. */
@Module({
  imports: [ConfigModule, PrismaModule, RedisModule, CryptoModule, RateLimitModule, JobsModule, EmailModule, UsageModule],
  exports: [ConfigModule, PrismaModule, RedisModule, CryptoModule, RateLimitModule, JobsModule, EmailModule, UsageModule],
})
export class CoreModule {}
