import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { PendingPlan } from '@prisma/client';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page } from '../common/dto/pagination.dto';
import { ConnectionsService } from '../connections/connections.service';
import { toFixDto } from '../fixes/fixes.service';
import { JobsService } from '../jobs/jobs.service';
import { FixQuota } from '../fixes/fix-quota';
import { FixStateMachine } from '../fixes/fix-state-machine';
import { ApprovePlanDto, PlanDetailDto, PlanDto, PlanListQueryDto } from './dto/plan.dto';
import { describePlan } from './plan-summary';
import { PlansRepository } from './plans.repository';

@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
    private readonly quota: FixQuota,
    private readonly states: FixStateMachine,
  ) {}

  async list(actor: Actor, connectionId: string, query: PlanListQueryDto): Promise<Page<PlanDto>> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const [items, total] = await this.plans.findPage(connection.id, query.status, query.skip, query.pageSize);
    return toPage(items.map(toPlanDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<PlanDetailDto> {
    return this.detail(await this.getAccessible(actor, id));
  }

  /**
   * Approves the plan's proposed fixes (or the chosen `fixIds` of them), takes their quota at once and
   * starts APPLY_PLAN. When the month's quota cannot cover them all, the most impactful ones it covers
   * are approved and the others leave the plan, PROPOSED, for next month or an upgrade; with no quota
   * left at all, 402 leaves everything pending.
   */
  async approve(actor: Actor, id: string, dto: ApprovePlanDto = {}): Promise<PlanDetailDto> {
    const plan = await this.getAccessible(actor, id, true);
    if (plan.status !== 'PENDING') throw new ConflictException(`This plan is ${plan.status}; only pending plans can be approved.`);
    const proposed = (await this.plans.fixesOf(plan.id)).filter((f) => f.status === 'PROPOSED');
    const chosen = dto.fixIds ? new Set(dto.fixIds) : null;
    if (chosen) {
      const unknown = [...chosen].filter((fixId) => !proposed.some((f) => f.id === fixId));
      if (unknown.length) throw new BadRequestException(`fixIds: ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a proposed fix of this plan.`);
    }
    const wanted = chosen ? proposed.filter((f) => chosen.has(f.id)) : proposed;
    const left = await this.quota.remaining(actor.userId);
    // At least one, so that with nothing left the quota check answers 402 with its message.
    const pending = wanted.slice(0, Math.max(1, left));
    const leftOut = proposed.filter((f) => !pending.includes(f)).map((f) => f.id);
    if (pending.length) await this.quota.reserve(actor.userId, pending.length);
    const now = new Date();
    if (!(await this.plans.transition(plan.id, ['PENDING'], { status: 'APPROVED', approvedAt: now }))) {
      if (pending.length) await this.quota.release(actor.userId, pending.length);
      throw new ConflictException('The plan changed state meanwhile; reload and try again.');
    }
    if (leftOut.length) {
      await this.plans.detachFixes(plan.id, leftOut);
      const { domain, fixes, health } = await this.plans.summaryInputs(plan.id);
      await this.plans.update(plan.id, describePlan(domain, fixes, leftOut.length, health));
    }
    await this.states.transitionPlanFixes(plan.id, ['PROPOSED'], 'APPROVED', { approvedAt: now, approvedById: actor.userId }, { actor, reason: 'plan approved' });
    await this.jobs.enqueue('APPLY_PLAN', { planId: plan.id }, { userId: actor.userId, connectionId: plan.connectionId, priority: 6, dedupeKey: `plan:${plan.id}` });
    return this.detail((await this.plans.findById(plan.id))!);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<PlanDetailDto> {
    const plan = await this.getAccessible(actor, id, true);
    if (!(await this.plans.transition(plan.id, ['PENDING'], { status: 'REJECTED', rejectedAt: new Date(), rejectionReason: reason }))) {
      throw new ConflictException(`This plan is ${plan.status}; only pending plans can be rejected.`);
    }
    await this.states.transitionPlanFixes(plan.id, ['PROPOSED'], 'REJECTED', { rejectedAt: new Date(), rejectionReason: `Plan rejected: ${reason}` }, { actor, reason: 'plan rejected' });
    return this.detail((await this.plans.findById(plan.id))!);
  }

  private async detail(plan: PendingPlan): Promise<PlanDetailDto> {
    return { ...toPlanDto(plan), fixes: (await this.plans.fixesOf(plan.id)).map(toFixDto) };
  }

  private async getAccessible(actor: Actor, id: string, approve = false): Promise<PendingPlan> {
    const plan = await this.plans.findAccessible(id, actor.userId);
    if (!plan) throw new NotFoundException('No plan with this id.');
    if (approve) await this.connections.getAccessible(actor, plan.connectionId, 'fix:approve');
    return plan;
  }
}

export function toPlanDto(plan: PendingPlan): PlanDto {
  return {
    id: plan.id,
    connectionId: plan.connectionId,
    title: plan.title,
    description: plan.description,
    estimatedImpact: plan.estimatedImpact,
    status: plan.status,
    results: plan.results,
    approvedAt: plan.approvedAt,
    rejectedAt: plan.rejectedAt,
    rejectionReason: plan.rejectionReason,
    executedAt: plan.executedAt,
    completedAt: plan.completedAt,
    createdAt: plan.createdAt,
  };
}
