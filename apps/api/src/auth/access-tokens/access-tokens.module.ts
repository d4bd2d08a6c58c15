import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AccessTokens } from './access-tokens.service';
import { SessionsRepository } from './sessions.repository';
import { PrismaModule } from '../../prisma/prisma.module';
import { RedisModule } from '../../redis/redis.module';

/** Imported by the auth guard's module and the notification stream: one check for every way a token is presented. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, not the string: jsonwebtoken would otherwise build a new key on every verify (~40x slower).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    PrismaModule,
    RedisModule,
  ],
  providers: [AccessTokens, SessionsRepository],
  exports: [AccessTokens],
})
export class AccessTokensModule {}
