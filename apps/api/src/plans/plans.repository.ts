import { Injectable } from '@nestjs/common';
import type { Fix, PendingPlan, PlanStatus, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { siteAccessibleBy } from '../connections/site-access';
import type { HealthInput } from '@seology/audit';
import { latestHealthInput, type PlanSummaryFix } from './plan-summary';

@Injectable()
export class PlansRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<PendingPlan | null> {
    return this.prisma.pendingPlan.findUnique({ where: { id } });
  }

  /** A plan of a site the user may reach (owner or team member), or null. */
  findAccessible(id: string, userId: string): Promise<PendingPlan | null> {
    return this.prisma.pendingPlan.findFirst({ where: { id, connection: siteAccessibleBy(userId) } });
  }

  async findPage(connectionId: string, status: PlanStatus | undefined, skip: number, take: number): Promise<[PendingPlan[], number]> {
    const where: Prisma.PendingPlanWhereInput = { connectionId, ...(status ? { status } : {}) };
    return this.prisma.$transaction([
      this.prisma.pendingPlan.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.pendingPlan.count({ where }),
    ]);
  }

  /** The plan's fixes in the order they are applied: the most impactful issue first. */
  fixesOf(planId: string): Promise<Fix[]> {
    return this.prisma.fix.findMany({ where: { planId }, orderBy: [{ issue: { impactScore: 'desc' } }, { createdAt: 'asc' }, { id: 'asc' }] });
  }

  async transition(id: string, from: PlanStatus[], data: Prisma.PendingPlanUncheckedUpdateInput): Promise<boolean> {
    const { count } = await this.prisma.pendingPlan.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  update(id: string, data: Prisma.PendingPlanUncheckedUpdateInput): Promise<PendingPlan> {
    return this.prisma.pendingPlan.update({ where: { id }, data });
  }

  /** Takes proposed fixes out of a plan: they stay PROPOSED, to be approved one by one later. */
  /** What the plan's title and estimated impact are computed from: its site's domain and its fixes. */
  async summaryInputs(planId: string): Promise<{ domain: string; fixes: PlanSummaryFix[]; health: HealthInput | null }> {
    const plan = await this.prisma.pendingPlan.findUniqueOrThrow({
      where: { id: planId },
      select: {
        connectionId: true,
        connection: { select: { domain: true } },
        fixes: { select: { risk: true, type: true, issue: { select: { impactScore: true, type: true, pageUrl: true } } } },
      },
    });
    return {
      domain: plan.connection.domain,
      fixes: plan.fixes.map((f) => ({ risk: f.risk, type: f.type, impactScore: f.issue?.impactScore ?? 0, checkId: f.issue?.type, pageUrl: f.issue?.pageUrl })),
      health: await latestHealthInput(this.prisma, plan.connectionId),
    };
  }

  detachFixes(planId: string, ids: string[]): Promise<Prisma.BatchPayload> {
    return this.prisma.fix.updateMany({ where: { planId, id: { in: ids }, status: 'PROPOSED' }, data: { planId: null } });
  }
}
