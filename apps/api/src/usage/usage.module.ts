import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiCallMeterInterceptor } from './api-call-meter.interceptor';
import { UsageOverviewService } from './usage-overview.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

@Global()
@Module({
  controllers: [UsageController],
  providers: [UsageService, UsageOverviewService, { provide: APP_INTERCEPTOR, useClass: ApiCallMeterInterceptor }],
  exports: [UsageService],
})
export class UsageModule {}
