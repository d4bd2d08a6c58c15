import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { FEATURE_MODULES } from '../app.module';
import { CoreModule } from '../core.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobRunner } from './job-runner.service';
import { CrawlQueueProcessor, DeliveryQueueProcessor, FixesQueueProcessor, MaintenanceQueueProcessor } from './jobs.processors';

/** The same feature modules as the API, plus the queue processors and cron; no HTTP. */
@Module({
  imports: [CoreModule, DiscoveryModule, ScheduleModule.forRoot(), MaintenanceModule, ...FEATURE_MODULES],
  providers: [
    JobHandlerRegistry,
    JobRunner,
    CrawlQueueProcessor,
    FixesQueueProcessor,
    MaintenanceQueueProcessor,
    DeliveryQueueProcessor,
  ],
})
export class WorkerModule {}
