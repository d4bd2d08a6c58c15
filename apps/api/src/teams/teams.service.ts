import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Team, TeamInvitation, TeamRole } from '@prisma/client';
import { can, PLAN_LIMITS } from '@seology/contracts';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../common/decorators/auth.decorators';
import { UsageService } from '../usage/usage.service';
import { ChangeMemberRoleDto, CreateTeamDto, InvitationDto, TeamDetailDto, TeamDto, TeamMemberDto, TransferOwnershipDto } from './dto/team.dto';
import { TeamAccessService } from './team-access.service';
import { TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly access: TeamAccessService,
    private readonly usage: UsageService,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto): Promise<TeamDto> {
    const base = dto.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'team';
    const team = await this.teams.createWithOwner({ name: dto.name, slug: `${base}-${randomBytes(3).toString('hex')}`, ownerId: actor.userId });
    return toTeamDto(team, 'OWNER');
  }

  async list(actor: Actor): Promise<TeamDto[]> {
    return (await this.teams.listOfMember(actor.userId)).map((m) => toTeamDto(m.team, m.role));
  }

  async get(actor: Actor, teamId: string): Promise<TeamDetailDto> {
    const { team, role } = await this.access.require(actor, teamId, 'site:read');
    const [members, invitations, ownerPlan] = await Promise.all([
      this.teams.listMembers(teamId),
      can(role, 'members:manage') ? this.teams.listInvitations(teamId) : Promise.resolve([]),
      this.usage.planOf(team.ownerId),
    ]);
    return {
      ...toTeamDto(team, role),
      members: members.map((m): TeamMemberDto => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt })),
      invitations: invitations.map(toInvitationDto),
      seatLimit: PLAN_LIMITS[ownerPlan].teamSeats,
      ownerPlan,
    };
  }

  async changeRole(actor: Actor, teamId: string, userId: string, dto: ChangeMemberRoleDto): Promise<TeamMemberDto> {
    const { team } = await this.access.require(actor, teamId, 'members:manage');
    const target = await this.teams.findMember(teamId, userId);
    if (!target) throw new NotFoundException('This user is not a member of the team.');
    if (target.role === 'OWNER' || team.ownerId === userId) {
      throw new ForbiddenException('The owner\'s role cannot be changed; the owner can transfer ownership instead.');
    }
    await this.teams.setMemberRole(teamId, userId, dto.role);
    return this.memberDto(teamId, userId);
  }

  async removeMember(actor: Actor, teamId: string, userId: string): Promise<void> {
    const { team } = await this.access.require(actor, teamId, 'members:manage');
    const target = await this.teams.findMember(teamId, userId);
    if (!target) throw new NotFoundException('This user is not a member of the team.');
    if (target.role === 'OWNER' || team.ownerId === userId) {
      throw new ForbiddenException('The owner cannot be removed; transfer ownership first.');
    }
    await this.teams.removeMember(teamId, userId);
  }

  async leave(actor: Actor, teamId: string): Promise<void> {
    const { role } = await this.access.require(actor, teamId, 'site:read');
    if (role === 'OWNER') {
      throw new ConflictException('The owner cannot leave the team; transfer ownership to another member first.');
    }
    await this.teams.removeMember(teamId, actor.userId);
  }

  async transferOwnership(actor: Actor, teamId: string, dto: TransferOwnershipDto): Promise<TeamDetailDto> {
    await this.access.require(actor, teamId, 'ownership:transfer');
    if (dto.userId === actor.userId) throw new ConflictException('You already own this team.');
    const target = await this.teams.findMember(teamId, dto.userId);
    if (!target) throw new NotFoundException('Ownership can only go to a member of the team.');
    await this.teams.transferOwnership(teamId, actor.userId, dto.userId);
    return this.get(actor, teamId);
  }

  private async memberDto(teamId: string, userId: string): Promise<TeamMemberDto> {
    const member = (await this.teams.listMembers(teamId)).find((m) => m.userId === userId)!;
    return { userId: member.userId, email: member.user.email, name: member.user.name, role: member.role, joinedAt: member.createdAt };
  }
}

export function toTeamDto(team: Team, role: TeamRole): TeamDto {
  return { id: team.id, name: team.name, slug: team.slug, ownerId: team.ownerId, role, createdAt: team.createdAt };
}

export function toInvitationDto(invitation: TeamInvitation): InvitationDto {
  // A PENDING row past its expiry is reported as what it is, even before anyone touched it.
  const status = invitation.status === 'PENDING' && invitation.expiresAt <= new Date() ? 'EXPIRED' : invitation.status;
  return {
    id: invitation.id,
    teamId: invitation.teamId,
    email: invitation.email,
    role: invitation.role,
    status,
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
  };
}
