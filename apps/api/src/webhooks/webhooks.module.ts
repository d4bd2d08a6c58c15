import { Module } from '@nestjs/common';
import { WebhookDeliveryJobHandlers } from './webhook-delivery.job-handlers';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { CryptoModule } from '../common/crypto/crypto.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';

/** Imported by the events module, which emits site events to webhooks. */
@Module({
  imports: [CryptoModule, JobsModule, NotificationsModule, PrismaModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository, WebhookDeliveryJobHandlers],
  exports: [WebhooksService],
})
export class WebhooksModule {}
