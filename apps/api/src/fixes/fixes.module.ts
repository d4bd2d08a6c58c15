import { Global, Module } from '@nestjs/common';
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

/** Global so the analysis job (crawls module) can hand its results to the proposal generation. */
@Global()
@Module({
  imports: [ConnectionsModule],
  controllers: [FixesController],
  providers: [FixesService, FixApplicabilityService, FixesRepository, FixProposalsRepository, FixStateMachine, FixQuota, FixExecutor, FixVerifier, FixProposalsService, FixJobHandlers, PlatformConnectors, ProposalGenerators],
  exports: [FixExecutor, FixProposalsService, FixesRepository, FixStateMachine, FixQuota],
})
export class FixesModule {}
