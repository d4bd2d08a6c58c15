import { Injectable } from '@nestjs/common';
import type { Prisma, Team, TeamInvitation, TeamMember, TeamRole, User } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

export type MemberWithUser = TeamMember & { user: Pick<User, 'id' | 'email' | 'name'> };

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The team and the user's membership in it, or null when the user is not a member (or the team does not exist). */
  async findMembership(teamId: string, userId: string): Promise<{ team: Team; role: TeamRole } | null> {
    const member = await this.prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { team: true } });
    return member ? { team: member.team, role: member.role } : null;
  }

  createWithOwner(data: { name: string; slug: string; ownerId: string }): Promise<Team> {
    return this.prisma.team.create({ data: { ...data, members: { create: { userId: data.ownerId, role: 'OWNER' } } } });
  }

  listOfMember(userId: string): Promise<(TeamMember & { team: Team })[]> {
    return this.prisma.teamMember.findMany({ where: { userId }, include: { team: true }, orderBy: { createdAt: 'asc' } });
  }

  listMembers(teamId: string): Promise<MemberWithUser[]> {
    return this.prisma.teamMember.findMany({
      where: { teamId },
      include: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  findMember(teamId: string, userId: string): Promise<TeamMember | null> {
    return this.prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  }

  setMemberRole(teamId: string, userId: string, role: TeamRole): Promise<TeamMember> {
    return this.prisma.teamMember.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.prisma.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
  }

  /** Swaps OWNER in one transaction so a team never has zero or two owners. */
  async transferOwnership(teamId: string, fromUserId: string, toUserId: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.team.update({ where: { id: teamId }, data: { ownerId: toUserId } }),
      this.prisma.teamMember.update({ where: { teamId_userId: { teamId, userId: toUserId } }, data: { role: 'OWNER' } }),
      this.prisma.teamMember.update({ where: { teamId_userId: { teamId, userId: fromUserId } }, data: { role: 'ADMIN' } }),
    ]);
  }

  /** Members plus invitations still open: both hold a seat. */
  async seatsTaken(teamId: string, now = new Date()): Promise<number> {
    const [members, pending] = await this.prisma.$transaction([
      this.prisma.teamMember.count({ where: { teamId } }),
      this.prisma.teamInvitation.count({ where: { teamId, status: 'PENDING', expiresAt: { gt: now } } }),
    ]);
    return members + pending;
  }

  listInvitations(teamId: string): Promise<TeamInvitation[]> {
    return this.prisma.teamInvitation.findMany({ where: { teamId }, orderBy: { createdAt: 'desc' } });
  }

  findInvitationOfTeam(teamId: string, id: string): Promise<TeamInvitation | null> {
    return this.prisma.teamInvitation.findFirst({ where: { id, teamId } });
  }

  findPendingInvitationForEmail(teamId: string, email: string): Promise<TeamInvitation | null> {
    return this.prisma.teamInvitation.findFirst({ where: { teamId, email, status: 'PENDING', expiresAt: { gt: new Date() } } });
  }

  /** The invitation behind a link, with its team and the sender's email. */
  findInvitationByTokenHash(tokenHash: string): Promise<(TeamInvitation & { team: Team; invitedBy: { email: string } }) | null> {
    return this.prisma.teamInvitation.findUnique({ where: { tokenHash }, include: { team: true, invitedBy: { select: { email: true } } } });
  }

  findMemberByEmail(teamId: string, email: string): Promise<TeamMember | null> {
    return this.prisma.teamMember.findFirst({ where: { teamId, user: { email } } });
  }

  createInvitation(data: Prisma.TeamInvitationUncheckedCreateInput): Promise<TeamInvitation> {
    return this.prisma.teamInvitation.create({ data });
  }

  /** Changes an invitation only if it is still in `from` (so two concurrent answers cannot both win). */
  async moveInvitation(id: string, from: 'PENDING', data: Prisma.TeamInvitationUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.prisma.teamInvitation.updateMany({ where: { id, status: from }, data });
    return count === 1;
  }

  /** Marks the invitation accepted and adds the member atomically. */
  async acceptInvitation(invitation: TeamInvitation, userId: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.teamInvitation.updateMany({
        where: { id: invitation.id, status: 'PENDING' },
        data: { status: 'ACCEPTED', respondedAt: new Date() },
      });
      if (count !== 1) return false;
      await tx.teamMember.upsert({
        where: { teamId_userId: { teamId: invitation.teamId, userId } },
        create: { teamId: invitation.teamId, userId, role: invitation.role },
        update: {},
      });
      return true;
    });
  }

  async findUserIdByEmail(email: string): Promise<string | null> {
    return (await this.prisma.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
  }
}
