import { Module } from '@nestjs/common';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { TeamAccessService } from './team-access.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';
import { EmailModule } from '../email/email.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';
import { UsageModule } from '../usage/usage.module';

@Module({
  imports: [EmailModule, NotificationsModule, PrismaModule, UsageModule],
  controllers: [TeamsController, InvitationsController],
  providers: [TeamsService, InvitationsService, TeamsRepository, TeamAccessService],
  exports: [TeamAccessService, TeamsRepository],
})
export class TeamsModule {}
