import { Module } from '@nestjs/common';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { TeamAccessService } from './team-access.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  controllers: [TeamsController, InvitationsController],
  providers: [TeamsService, InvitationsService, TeamsRepository, TeamAccessService],
  exports: [TeamAccessService, TeamsRepository],
})
export class TeamsModule {}
