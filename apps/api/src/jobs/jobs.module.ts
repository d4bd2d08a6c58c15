import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobFinalFailureHooks } from './job-final-failure-hooks';
import { AdminJobsController, JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { QueuesModule } from './queues.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [QueuesModule, DiscoveryModule, PrismaModule],
  controllers: [JobsController, AdminJobsController],
  providers: [JobsService, JobsRepository, JobFinalFailureHooks],
  exports: [JobsService, JobsRepository, JobFinalFailureHooks],
})
export class JobsModule {}
