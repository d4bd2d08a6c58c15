import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/decorators/auth.decorators';
import {
  ChangeMemberRoleDto, CreateTeamDto, InvitationDto, InviteMemberDto, TeamDetailDto, TeamDto, TeamMemberDto, TransferOwnershipDto,
} from './dto/team.dto';
import { InvitationsService } from './invitations.service';
import { TeamsService } from './teams.service';

/** Signed-in users only (no @Permission: API keys cannot manage teams). Roles are checked by TeamAccessService. */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: TeamDto, description: 'The creator becomes the OWNER.' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: TeamDto, isArray: true })
  list(@CurrentActor() actor: Actor): Promise<TeamDto[]> {
    return this.teams.list(actor);
  }

  @Get(':teamId')
  @ApiOkResponse({ type: TeamDetailDto })
  get(@CurrentActor() actor: Actor, @Param('teamId') teamId: string): Promise<TeamDetailDto> {
    return this.teams.get(actor, teamId);
  }

  @Post(':teamId/invitations')
  @ApiCreatedResponse({ type: InvitationDto, description: '402 QUOTA_EXCEEDED when the owner\'s plan has no free seat.' })
  invite(@CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Body() dto: InviteMemberDto): Promise<InvitationDto> {
    return this.invitations.invite(actor, teamId, dto);
  }

  @Get(':teamId/invitations')
  @ApiOkResponse({ type: InvitationDto, isArray: true })
  listInvitations(@CurrentActor() actor: Actor, @Param('teamId') teamId: string): Promise<InvitationDto[]> {
    return this.invitations.list(actor, teamId);
  }

  @Post(':teamId/invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto })
  revoke(@CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Param('invitationId') invitationId: string): Promise<InvitationDto> {
    return this.invitations.revoke(actor, teamId, invitationId);
  }

  @Post(':teamId/invitations/:invitationId/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto, description: 'A new link and a new 7-day expiry; the old link stops working.' })
  resend(@CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Param('invitationId') invitationId: string): Promise<InvitationDto> {
    return this.invitations.resend(actor, teamId, invitationId);
  }

  @Patch(':teamId/members/:userId')
  @ApiOkResponse({ type: TeamMemberDto })
  changeRole(
    @CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Param('userId') userId: string, @Body() dto: ChangeMemberRoleDto,
  ): Promise<TeamMemberDto> {
    return this.teams.changeRole(actor, teamId, userId, dto);
  }

  @Delete(':teamId/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeMember(@CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Param('userId') userId: string): Promise<void> {
    return this.teams.removeMember(actor, teamId, userId);
  }

  @Post(':teamId/leave')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '409 for the owner, who must transfer ownership first.' })
  leave(@CurrentActor() actor: Actor, @Param('teamId') teamId: string): Promise<void> {
    return this.teams.leave(actor, teamId);
  }

  @Post(':teamId/transfer')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDetailDto })
  transfer(@CurrentActor() actor: Actor, @Param('teamId') teamId: string, @Body() dto: TransferOwnershipDto): Promise<TeamDetailDto> {
    return this.teams.transferOwnership(actor, teamId, dto);
  }
}
