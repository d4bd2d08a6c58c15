import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotificationsStream } from './notifications.stream';

/** Global so any feature module (crawls, fixes, plans, billing, teams, webhooks) can inject NotificationsService. */
@Global()
@Module({
  imports: [
    // Verifies access tokens on the event stream, with the same secret and algorithm as sign-in.
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationsStream],
  exports: [NotificationsService],
})
export class NotificationsModule {}
