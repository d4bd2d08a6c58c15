import { Injectable } from '@nestjs/common';
import { PLAN_LIMITS } from '@seology/contracts';
import type { Actor } from '../common/decorators/auth.decorators';
import { PrismaService } from '../prisma/prisma.service';
import type { UsageOverviewDto } from './dto/usage.dto';
import { UsageService } from './usage.service';

/** What GET /api/usage shows: every meter of the current month against the plan's limits. */
@Injectable()
export class UsageOverviewService {
  constructor(
    private readonly usage: UsageService,
    private readonly prisma: PrismaService,
  ) {}

  async overview(actor: Actor, now = new Date()): Promise<UsageOverviewDto> {
    const plan = await this.usage.planOf(actor.userId, now);
    const limits = PLAN_LIMITS[plan];
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() + 1;
    const [record, sites, seats] = await Promise.all([
      this.prisma.usageRecord.findUnique({ where: { userId_month_year: { userId: actor.userId, month, year } } }),
      this.usage.sitesUsed(actor.userId),
      this.largestOwnedTeamSeats(actor.userId, now),
    ]);
    return {
      plan,
      year,
      month,
      meters: {
        fixesApplied: { used: record?.fixesApplied ?? 0, limit: limits.fixesPerMonth },
        apiCalls: { used: record?.apiCalls ?? 0, limit: limits.apiCallsPerMonth },
        aiTokens: { used: record?.aiTokens ?? 0, limit: limits.aiTokensPerMonth },
        sites: { used: sites, limit: limits.sites },
        teamSeats: { used: seats, limit: limits.teamSeats },
      },
    };
  }

  /** Seats (members + open invitations) of the user's fullest owned team; 1 (the user) without a team. */
  private async largestOwnedTeamSeats(userId: string, now: Date): Promise<number> {
    const teams = await this.prisma.team.findMany({
      where: { ownerId: userId },
      select: { _count: { select: { members: true, invitations: { where: { status: 'PENDING', expiresAt: { gt: now } } } } } },
    });
    return teams.reduce((max, t) => Math.max(max, t._count.members + t._count.invitations), 1);
  }
}
