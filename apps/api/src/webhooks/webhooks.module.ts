import { Global, Module } from '@nestjs/common';
import { WebhookDeliveryJobHandlers } from './webhook-delivery.job-handlers';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Global so feature modules (crawls, fixes, plans) can inject WebhooksService and emit events. */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository, WebhookDeliveryJobHandlers],
  exports: [WebhooksService],
})
export class WebhooksModule {}
