import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AccessTokensModule } from './access-tokens/access-tokens.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { BrowserSessionsService } from './browser-sessions.service';
import { CsrfGuard } from './csrf.guard';
import { CsrfTokensRepository } from './csrf-tokens.repository';
import { AuthorizationGuard } from './authorization.guard';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SignInThrottle } from './sign-in-throttle.service';
import { UsersRepository } from './users.repository';
import { PrismaModule } from '../prisma/prisma.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RedisModule } from '../redis/redis.module';
import { ApiCallMeterGuard } from '../usage/api-call-meter.guard';
import { UsageModule } from '../usage/usage.module';

@Module({
  imports: [
    ApiKeysModule,
    AccessTokensModule,
    PrismaModule,
    RateLimitModule,
    RedisModule,
    UsageModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    UsersRepository,
    RefreshTokensRepository,
    CsrfTokensRepository,
    BrowserSessionsService,
    SignInThrottle,
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    // Last: only requests that passed authentication and authorization count against the API-call meter.
    { provide: APP_GUARD, useClass: ApiCallMeterGuard },
  ],
  exports: [UsersRepository],
})
export class AuthModule {}
