import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConnectionsModule } from '../connections/connections.module';
import { FixApplicabilityService } from './fix-applicability.service';
import { FixExecutor } from './fix-executor.service';
import { FixJobHandlers } from './fix.job-handlers';
import { FixVerifier } from './fix-verifier';
import { FixProposalsRepository } from './fix-proposals.repository';
import { FixProposalsService } from './fix-proposals.service';
import { FixQuota } from './fix-quota';
import { FixStateMachine } from './fix-state-machine';
import { FixesController } from './fixes.controller';
import { FixesRepository } from './fixes.repository';
import { FixesService } from './fixes.service';
import { PlatformConnectors } from './platform-connectors';
import { ProposalGenerators } from './proposal-generators';
import { EventsModule } from '../events/events.module';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';
import { UsageModule } from '../usage/usage.module';

/** Imported by crawls (the analysis job hands its results to the proposal generation), plans and the snippet. */
@Module({
  imports: [AuditModule, ConnectionsModule, EventsModule, JobsModule, PrismaModule, UsageModule],
  controllers: [FixesController],
  providers: [FixesService, FixApplicabilityService, FixesRepository, FixProposalsRepository, FixStateMachine, FixQuota, FixExecutor, FixVerifier, FixProposalsService, FixJobHandlers, PlatformConnectors, ProposalGenerators],
  exports: [FixExecutor, FixProposalsService, FixesRepository, FixStateMachine, FixQuota],
})
export class FixesModule {}
