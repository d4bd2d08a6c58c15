import { Module } from '@nestjs/common';
import { UsageOverviewService } from './usage-overview.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [AuditModule, NotificationsModule, PrismaModule],
  controllers: [UsageController],
  providers: [UsageService, UsageOverviewService],
  // The API-call meter (ApiCallMeterGuard) is registered by AuthModule, after its guards: global guards run in registration order.
  exports: [UsageService],
})
export class UsageModule {}
