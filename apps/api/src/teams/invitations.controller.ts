import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipAudit } from '../audit/audit.decorators';
import { Actor, CurrentActor } from '../common/decorators/auth.decorators';
import { InvitationDto, InvitationPreviewDto, InvitationTokenDto, TeamDto } from './dto/team.dto';
import { InvitationsService } from './invitations.service';

/** Answering an invitation: the signed-in user's email must be the invited one. */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  // POST so the token travels in the body, like accept and decline, and stays out of access logs.
  @Post('preview')
  @HttpCode(200)
  @SkipAudit()
  @ApiOkResponse({ type: InvitationPreviewDto, description: 'The team, role and sender of an invitation link; 404 for an unknown or replaced link.' })
  preview(@CurrentActor() actor: Actor, @Body() dto: InvitationTokenDto): Promise<InvitationPreviewDto> {
    return this.invitations.preview(actor, dto);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamDto, description: '410 INVITATION_EXPIRED when the link is older than 7 days.' })
  accept(@CurrentActor() actor: Actor, @Body() dto: InvitationTokenDto): Promise<TeamDto> {
    return this.invitations.accept(actor, dto);
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto })
  decline(@CurrentActor() actor: Actor, @Body() dto: InvitationTokenDto): Promise<InvitationDto> {
    return this.invitations.decline(actor, dto);
  }
}
