import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiCallMeterInterceptor } from './api-call-meter.interceptor';
import { UsageOverviewService } from './usage-overview.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [AuditModule, NotificationsModule, PrismaModule],
  controllers: [UsageController],
  providers: [UsageService, UsageOverviewService, { provide: APP_INTERCEPTOR, useClass: ApiCallMeterInterceptor }],
  exports: [UsageService],
})
export class UsageModule {}
