import { Injectable } from '@nestjs/common';
import { FixExecutor } from '../fixes/fix-executor.service';
import { JobHandler, OnFinalFailure, PermanentJobError, type FinalFailure, type JobContext } from '../jobs/job-handler.decorator';
import { PlansRepository } from './plans.repository';

type PlanResults = Record<string, { status: string; error?: string; skipped?: boolean }>;

@Injectable()
export class PlanJobHandlers {
  constructor(private readonly plans: PlansRepository, private readonly executor: FixExecutor) {}

  /**
   * Applies the plan's fixes in order, saving each outcome as it goes. Resumable: a re-run (retry or
   * a worker killed mid-plan) skips fixes already APPLIED, so nothing is written twice.
   */
  @JobHandler('APPLY_PLAN')
  async applyPlan(ctx: JobContext<'APPLY_PLAN'>): Promise<unknown> {
    const plan = await this.plans.findById(ctx.payload.planId);
    if (!plan) throw new PermanentJobError(`plan ${ctx.payload.planId} no longer exists`);
    if (plan.status === 'COMPLETED' || plan.status === 'FAILED') return { skipped: `plan already ${plan.status}` };
    if (plan.status !== 'APPROVED' && plan.status !== 'EXECUTING') throw new PermanentJobError(`plan is ${plan.status}, not approved`);
    if (plan.status === 'APPROVED') await this.plans.transition(plan.id, ['APPROVED'], { status: 'EXECUTING', executedAt: new Date() });
    const results: PlanResults = { ...((plan.results as PlanResults | null) ?? {}) };
    const fixes = await this.plans.fixesOf(plan.id);
    for (const fix of fixes) {
      if (ctx.signal.aborted) throw new Error('cancelled');
      if (fix.status === 'APPLIED') {
        results[fix.id] = { status: 'APPLIED', ...(results[fix.id]?.status === 'APPLIED' ? {} : { skipped: true }) };
        continue;
      }
      if (fix.status !== 'APPROVED' && fix.status !== 'APPLYING') {
        results[fix.id] = { status: fix.status, ...(fix.failureReason ? { error: fix.failureReason } : {}) };
        continue;
      }
      try {
        const outcome = await this.executor.apply(fix.id);
        results[fix.id] = outcome.status === 'FAILED' ? { status: 'FAILED', error: outcome.error } : { status: outcome.status === 'SKIPPED' ? fix.status : 'APPLIED' };
      } catch (error) {
        // Transient: keep what is done and let BullMQ retry the plan, which resumes here.
        await this.plans.update(plan.id, { results });
        throw error;
      }
      await this.plans.update(plan.id, { results });
      await ctx.reportProgress(Math.round((Object.keys(results).length / fixes.length) * 100));
    }
    const failed = Object.values(results).filter((r) => r.status !== 'APPLIED').length;
    await this.plans.update(plan.id, { results, status: failed ? 'FAILED' : 'COMPLETED', completedAt: new Date() });
    return { applied: fixes.length - failed, failed };
  }

  /** The plan's job failed for good: the plan ends FAILED, and its fixes still on their way fail with the reason (their quota given back). */
  @OnFinalFailure('APPLY_PLAN')
  async applyPlanGaveUp(failure: FinalFailure<'APPLY_PLAN'>): Promise<unknown> {
    const plan = await this.plans.findById(failure.payload.planId);
    if (!plan) return;
    const results: PlanResults = { ...((plan.results as PlanResults | null) ?? {}) };
    for (const fix of await this.plans.fixesOf(plan.id)) {
      if (fix.status !== 'APPROVED' && fix.status !== 'APPLYING') continue;
      await this.executor.applyGaveUp(fix.id, failure.error);
      results[fix.id] = { status: 'FAILED', error: failure.error };
    }
    return this.plans.transition(plan.id, ['APPROVED', 'EXECUTING'], { status: 'FAILED', completedAt: new Date(), results });
  }
}
