import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { PlanJobHandlers } from './plan.job-handlers';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';
import { FixesModule } from '../fixes/fixes.module';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';
import { UsageModule } from '../usage/usage.module';

/** Needs FixesModule (global) for the FixExecutor, FixStateMachine and FixQuota. */
@Module({
  imports: [ConnectionsModule, FixesModule, JobsModule, PrismaModule, UsageModule],
  controllers: [PlansController],
  providers: [PlansService, PlansRepository, PlanJobHandlers],
})
export class PlansModule {}
