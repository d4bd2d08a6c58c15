import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { FEATURE_MODULES } from '../../api/src/app.module';
import { CoreModule } from '../../api/src/core.module';
import { MaintenanceModule } from '../../api/src/maintenance/maintenance.module';
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
