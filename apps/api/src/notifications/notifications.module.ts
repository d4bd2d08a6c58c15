import { Global, Module } from '@nestjs/common';
import { AccessTokensModule } from '../auth/access-tokens/access-tokens.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotificationsStream } from './notifications.stream';

/** Global so any feature module (crawls, fixes, plans, billing, teams, webhooks) can inject NotificationsService. */
@Global()
@Module({
  imports: [
    // Checks access tokens on the event stream exactly as the auth guard does.
    AccessTokensModule,
  ],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationsStream],
  exports: [NotificationsService],
})
export class NotificationsModule {}
