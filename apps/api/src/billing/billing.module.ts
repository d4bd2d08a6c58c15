import { Module } from '@nestjs/common';
import { AdminPlansController, BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingScheduler } from './billing.scheduler';
import { BillingService } from './billing.service';
import { StripeWebhookService } from './stripe-webhook.service';
import { stripeClientProvider } from './stripe.client';
import { AuditModule } from '../audit/audit.module';
import { EmailModule } from '../email/email.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';
import { UsageModule } from '../usage/usage.module';

@Module({
  imports: [AuditModule, EmailModule, NotificationsModule, PrismaModule, UsageModule],
  controllers: [BillingController, AdminPlansController],
  providers: [stripeClientProvider, BillingRepository, BillingService, StripeWebhookService, BillingScheduler],
  exports: [BillingService],
})
export class BillingModule {}
