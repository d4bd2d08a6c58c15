import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { PlanJobHandlers } from './plan.job-handlers';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** Needs FixesModule (global) for the FixExecutor, FixStateMachine and FixQuota. */
@Module({
  imports: [ConnectionsModule],
  controllers: [PlansController],
  providers: [PlansService, PlansRepository, PlanJobHandlers],
})
export class PlansModule {}
