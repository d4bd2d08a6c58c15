import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { BrowserSessionsService } from './browser-sessions.service';
import { CsrfGuard } from './csrf.guard';
import { CsrfTokensRepository } from './csrf-tokens.repository';
import { AuthorizationGuard } from './authorization.guard';
import { JwtStrategy } from './jwt.strategy';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SignInThrottle } from './sign-in-throttle.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [
    PassportModule,
    ApiKeysModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    UsersRepository,
    RefreshTokensRepository,
    CsrfTokensRepository,
    BrowserSessionsService,
    SignInThrottle,
    JwtStrategy,
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
  exports: [UsersRepository],
})
export class AuthModule {}
