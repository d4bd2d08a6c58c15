import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Team, TeamRole } from '@prisma/client';
import { can, type SiteAction } from '@seology/contracts';
import type { Actor } from '../common/decorators/auth.decorators';
import { TeamsRepository } from './teams.repository';

export interface TeamAccess {
  team: Team;
  role: TeamRole;
}

/**
 * The one place a team permission is decided, from the shared matrix in @seology/contracts.
 * Non-members get 404 (a team id reveals nothing); members whose role lacks the action get 403.
 */
@Injectable()
export class TeamAccessService {
  constructor(private readonly teams: TeamsRepository) {}

  async require(actor: Pick<Actor, 'userId'>, teamId: string, action: SiteAction): Promise<TeamAccess> {
    const membership = await this.teams.findMembership(teamId, actor.userId);
    if (!membership) throw new NotFoundException('No team with this id.');
    if (!can(membership.role, action)) {
      throw new ForbiddenException(`Your role in this team (${membership.role}) does not allow ${action}.`);
    }
    return membership;
  }
}
