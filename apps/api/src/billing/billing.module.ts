import { Module } from '@nestjs/common';
import { AdminPlansController, BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingScheduler } from './billing.scheduler';
import { BillingService } from './billing.service';
import { StripeWebhookService } from './stripe-webhook.service';
import { stripeClientProvider } from './stripe.client';

@Module({
  controllers: [BillingController, AdminPlansController],
  providers: [stripeClientProvider, BillingRepository, BillingService, StripeWebhookService, BillingScheduler],
  exports: [BillingService],
})
export class BillingModule {}
