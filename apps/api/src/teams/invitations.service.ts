import { ConflictException, ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { Team, TeamInvitation } from '@prisma/client';
import { AppConfig } from '../config/app-config';
import type { Actor } from '../common/decorators/auth.decorators';
import { randomToken, sha256 } from '../common/crypto/tokens';
import { ApiError } from '../common/filters/http-error.filter';
import { EmailService } from '../email/email.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsageService } from '../usage/usage.service';
import { InvitationDto, InvitationPreviewDto, InvitationTokenDto, InviteMemberDto, TeamDto } from './dto/team.dto';
import { TeamAccessService } from './team-access.service';
import { TeamsRepository } from './teams.repository';
import { toInvitationDto, toTeamDto } from './teams.service';

export const INVITATION_TTL_MS = 7 * 86_400_000;

/** Invitations: the token exists only in the email; the database keeps its SHA-256. */
const INVALID_LINK = 'This invitation link is not valid (it may have been resent with a new link).';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly access: TeamAccessService,
    private readonly usage: UsageService,
    private readonly email: EmailService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async invite(actor: Actor, teamId: string, dto: InviteMemberDto): Promise<InvitationDto> {
    const { team } = await this.access.require(actor, teamId, 'members:manage');
    const email = dto.email.trim().toLowerCase();
    if (await this.teams.findMemberByEmail(teamId, email)) throw new ConflictException(`${email} is already a member of this team.`);
    if (await this.teams.findPendingInvitationForEmail(teamId, email)) {
      throw new ConflictException(`${email} already has a pending invitation; resend it instead.`);
    }
    await this.requireFreeSeat(team);
    const token = randomToken(32);
    const invitation = await this.teams.createInvitation({
      teamId,
      email,
      role: dto.role,
      tokenHash: sha256(token),
      invitedById: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    await this.sendInvitationEmail(actor, team, invitation, token);
    const invitee = await this.teams.findUserIdByEmail(email);
    if (invitee) {
      await this.notifications.notify(invitee, {
        type: 'invitation.received',
        title: `Invitation to ${team.name}`,
        message: `${actor.email} invited you to join "${team.name}" as ${invitation.role}. Use the link in the email we sent you to answer.`,
      });
    }
    return toInvitationDto(invitation);
  }

  async list(actor: Actor, teamId: string): Promise<InvitationDto[]> {
    await this.access.require(actor, teamId, 'members:manage');
    return (await this.teams.listInvitations(teamId)).map(toInvitationDto);
  }

  async revoke(actor: Actor, teamId: string, invitationId: string): Promise<InvitationDto> {
    await this.access.require(actor, teamId, 'members:manage');
    const invitation = await this.pendingOfTeam(teamId, invitationId);
    await this.teams.moveInvitation(invitation.id, 'PENDING', { status: 'REVOKED', respondedAt: new Date() });
    return toInvitationDto({ ...invitation, status: 'REVOKED' });
  }

  /** A fresh token and a fresh 7 days; the old link stops working. */
  async resend(actor: Actor, teamId: string, invitationId: string): Promise<InvitationDto> {
    const { team } = await this.access.require(actor, teamId, 'members:manage');
    const invitation = await this.teams.findInvitationOfTeam(teamId, invitationId);
    if (!invitation) throw new NotFoundException('No invitation with this id in this team.');
    if (invitation.status !== 'PENDING') {
      throw new ConflictException(`This invitation was ${invitation.status.toLowerCase()}; send a new one instead.`);
    }
    const token = randomToken(32);
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    if (!(await this.teams.moveInvitation(invitation.id, 'PENDING', { tokenHash: sha256(token), expiresAt }))) {
      throw new ConflictException('The invitation was answered meanwhile.');
    }
    await this.sendInvitationEmail(actor, team, invitation, token);
    return toInvitationDto({ ...invitation, expiresAt });
  }

  /**
   * What an invitation link is about, for the page that answers it: any signed-in holder of the link
   * may read it (the token is the secret), and learns whether it is theirs to answer.
   */
  async preview(actor: Actor, dto: InvitationTokenDto): Promise<InvitationPreviewDto> {
    const invitation = await this.teams.findInvitationByTokenHash(sha256(dto.token));
    if (!invitation) throw new NotFoundException(INVALID_LINK);
    return { ...toInvitationDto(invitation), teamName: invitation.team.name, invitedBy: invitation.invitedBy.email, forYou: invitation.email === actor.email.toLowerCase() };
  }

  async accept(actor: Actor, dto: InvitationTokenDto): Promise<TeamDto> {
    const invitation = await this.openInvitationFor(actor, dto.token);
    if (!(await this.teams.acceptInvitation(invitation, actor.userId))) {
      throw new ConflictException('This invitation was answered meanwhile.');
    }
    return toTeamDto(invitation.team, invitation.role);
  }

  async decline(actor: Actor, dto: InvitationTokenDto): Promise<InvitationDto> {
    const invitation = await this.openInvitationFor(actor, dto.token);
    await this.teams.moveInvitation(invitation.id, 'PENDING', { status: 'DECLINED', respondedAt: new Date() });
    return toInvitationDto({ ...invitation, status: 'DECLINED' });
  }

  /** Seats are counted against the OWNER's plan: members plus pending invitations. */
  private async requireFreeSeat(team: Team): Promise<void> {
    const [limits, used] = await Promise.all([this.usage.limitsOf(team.ownerId), this.teams.seatsTaken(team.id)]);
    if (used >= limits.teamSeats) {
      throw new ApiError(
        HttpStatus.PAYMENT_REQUIRED,
        `The team owner's plan allows ${limits.teamSeats} seat(s) and ${used} are taken (members and pending invitations). Upgrade the plan or free a seat.`,
        'QUOTA_EXCEEDED',
        { meter: 'teamSeats', limit: limits.teamSeats, used },
      );
    }
  }

  private async pendingOfTeam(teamId: string, invitationId: string): Promise<TeamInvitation> {
    const invitation = await this.teams.findInvitationOfTeam(teamId, invitationId);
    if (!invitation) throw new NotFoundException('No invitation with this id in this team.');
    if (invitation.status !== 'PENDING') throw new ConflictException(`This invitation is already ${invitation.status.toLowerCase()}.`);
    return invitation;
  }

  /**
   * The invitation behind a token, checked for the signed-in user: unknown token 404, someone else's
   * invitation 403, answered 409, expired 410 (and marked EXPIRED so lists show it).
   */
  private async openInvitationFor(actor: Actor, token: string): Promise<TeamInvitation & { team: Team }> {
    const invitation = await this.teams.findInvitationByTokenHash(sha256(token));
    if (!invitation) throw new NotFoundException(INVALID_LINK);
    if (invitation.email !== actor.email.toLowerCase()) {
      throw new ForbiddenException('This invitation was sent to another email address; sign in with that address to answer it.');
    }
    if (invitation.status === 'PENDING' && invitation.expiresAt <= new Date()) {
      await this.teams.moveInvitation(invitation.id, 'PENDING', { status: 'EXPIRED' });
      throw new ApiError(HttpStatus.GONE, 'This invitation has expired. Ask a team admin to resend it.', 'INVITATION_EXPIRED');
    }
    if (invitation.status === 'EXPIRED') {
      throw new ApiError(HttpStatus.GONE, 'This invitation has expired. Ask a team admin to resend it.', 'INVITATION_EXPIRED');
    }
    if (invitation.status !== 'PENDING') throw new ConflictException(`This invitation was already ${invitation.status.toLowerCase()}.`);
    return invitation;
  }

  private async sendInvitationEmail(actor: Actor, team: Team, invitation: TeamInvitation, token: string): Promise<void> {
    const link = `${this.config.APP_URL.replace(/\/$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`;
    await this.email.queue(
      {
        to: invitation.email,
        subject: `You are invited to join ${team.name} on Seology`,
        text:
          `${actor.email} invited you to join the team "${team.name}" on Seology as ${invitation.role}.\n\n` +
          `Accept the invitation (sign in with ${invitation.email}):\n${link}\n\n` +
          `The link expires in 7 days. If you did not expect this email, ignore it.`,
      },
      actor.userId,
    );
  }
}
