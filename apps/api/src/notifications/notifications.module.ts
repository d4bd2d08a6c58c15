import { Module } from '@nestjs/common';
import { AccessTokensModule } from '../auth/access-tokens/access-tokens.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotificationsStream } from './notifications.stream';
import { PrismaModule } from '../prisma/prisma.module';
import { RedisModule } from '../redis/redis.module';

/** Imported by the modules that notify users (billing, events, teams, usage, webhooks). */
@Module({
  imports: [
    // Checks access tokens on the event stream exactly as the auth guard does.
    AccessTokensModule,
    PrismaModule,
    RedisModule,
  ],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationsStream],
  exports: [NotificationsService],
})
export class NotificationsModule {}
