import { ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import type { Fix } from '@prisma/client';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page } from '../common/dto/pagination.dto';
import { ConnectionsService } from '../connections/connections.service';
import { JobsService } from '../jobs/jobs.service';
import { toFixImpactDto } from '../search-console/dto/fix-impact.dto';
import { ConnectionCheckDto, FixDto, FixListQueryDto, GeneratorStatusDto } from './dto/fix.dto';
import { rollbackExpiredMessage, type RollbackOrigin, type StoredRollbackData } from './fix-executor.service';
import { FixQuota } from './fix-quota';
import { FixStateMachine } from './fix-state-machine';
import { FixesRepository } from './fixes.repository';
import { PlatformConnectors } from './platform-connectors';
import { ProposalGenerators } from './proposal-generators';

@Injectable()
export class FixesService {
  constructor(
    private readonly fixes: FixesRepository,
    private readonly states: FixStateMachine,
    private readonly quota: FixQuota,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
    private readonly generators: ProposalGenerators,
    private readonly platformConnectors: PlatformConnectors,
  ) {}

  generatorStatus(): GeneratorStatusDto {
    const { generator, model } = this.generators.current();
    return generator.name === 'claude'
      ? { generator: 'claude', model, message: `Proposals are written by Claude (${model}) and checked by the guardrails.` }
      : { generator: 'rules', model: null, message: 'No ANTHROPIC_API_KEY is configured: proposals come from the deterministic rules.' };
  }

  /** Whether fixes can reach the site as it is connected (credentials, or the snippet installed). */
  async checkConnection(actor: Actor, connectionId: string): Promise<ConnectionCheckDto> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const { result, capabilities } = await this.platformConnectors.verify(connection);
    const found = {
      writable: Object.entries(capabilities?.byKind ?? {}).map(([kind, fields]) => ({ kind, fields: fields ?? [] })),
      wordpress: capabilities?.wordpress ?? null,
      unsupported: { ...(capabilities?.unsupported ?? {}) } as Record<string, string>,
    };
    return result.ok
      ? { ok: true, siteName: result.siteName ?? null, reason: null, ...found }
      : { ok: false, siteName: null, reason: result.reason, ...found };
  }

  async list(actor: Actor, connectionId: string, query: FixListQueryDto): Promise<Page<FixDto>> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const [items, total] = await this.fixes.findPage(connection.id, { status: query.status, risk: query.risk }, query.skip, query.pageSize);
    return toPage(items.map(toFixDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<FixDto> {
    return toFixDto(await this.getAccessible(actor, id));
  }

  /**
   * Approves PROPOSED fixes and queues them. The month's quota is taken here, one per fix, so an
   * approval over the limit answers 402 and that fix (and the ones after it) stay PROPOSED.
   */
  async approve(actor: Actor, ids: string[]): Promise<FixDto[]> {
    const found = await this.fixes.findManyAccessible([...new Set(ids)], actor.userId);
    if (found.length !== new Set(ids).size) throw new NotFoundException('No fix with one of these ids.');
    for (const fix of found) {
      await this.connections.getAccessible(actor, fix.connectionId, 'fix:approve');
      if (fix.status === 'MANUAL') throw new ConflictException(`Fix ${fix.id} is a manual recommendation Seology cannot apply on this site: ${fix.manualReason ?? 'make this change by hand'}`);
      if (fix.status !== 'PROPOSED') throw new ConflictException(`Fix ${fix.id} is ${fix.status}; only proposed fixes can be approved.`);
    }
    const out: FixDto[] = [];
    for (const fix of found) {
      await this.quota.reserve(actor.userId);
      const now = new Date();
      if (!(await this.states.transition(fix.id, ['PROPOSED'], 'APPROVED', { approvedAt: now, approvedById: actor.userId }, { actor }))) {
        await this.quota.release(actor.userId);
        throw new ConflictException(`Fix ${fix.id} changed state meanwhile; reload and try again.`);
      }
      await this.jobs.enqueue('APPLY_FIX', { fixId: fix.id }, { userId: actor.userId, connectionId: fix.connectionId, priority: 6, dedupeKey: `apply:${fix.id}:${now.getTime()}` });
      out.push(toFixDto((await this.fixes.findById(fix.id))!));
    }
    return out;
  }

  async reject(actor: Actor, id: string, reason: string): Promise<FixDto> {
    const fix = await this.getAccessible(actor, id, 'fix:approve');
    if (!(await this.states.transition(fix.id, ['PROPOSED'], 'REJECTED', { rejectedAt: new Date(), rejectionReason: reason }, { actor }))) {
      throw new ConflictException(`This fix is ${fix.status}; only proposed fixes can be rejected.`);
    }
    return toFixDto((await this.fixes.findById(fix.id))!);
  }

  /**
   * Queues the rollback of any fix whose before-state is stored and not yet restored: APPLIED, and
   * also REVERT_PENDING or FAILED when the change may still be live. Refused after the rollback deadline (410).
   */
  async rollback(actor: Actor, id: string, force: boolean): Promise<FixDto> {
    const fix = await this.getAccessible(actor, id, 'fix:approve');
    if (!canRollBack(fix)) {
      throw new ConflictException(`This fix is ${fix.status}${fix.status === 'FAILED' ? ' and its change is not live (it never reached the site, or was reverted)' : ''}; only fixes whose change may be live can be rolled back.`);
    }
    const expired = rollbackExpiredMessage(fix);
    if (expired) throw new GoneException(expired);
    const from = fix.status as RollbackOrigin;
    if (!(await this.states.transition(fix.id, [from], 'ROLLING_BACK', { revertRetryUntil: null }, { actor }))) throw new ConflictException('The fix changed state meanwhile; reload and try again.');
    await this.jobs.enqueue('ROLLBACK_FIX', { fixId: fix.id, force, from }, { userId: actor.userId, connectionId: fix.connectionId, priority: 8, dedupeKey: `rollback:${fix.id}:${Date.now()}` });
    return toFixDto((await this.fixes.findById(fix.id))!);
  }

  private async getAccessible(actor: Actor, id: string, action?: 'fix:approve'): Promise<Fix> {
    const fix = await this.fixes.findAccessible(id, actor.userId);
    if (!fix) throw new NotFoundException('No fix with this id.');
    if (action) await this.connections.getAccessible(actor, fix.connectionId, action);
    return fix;
  }
}

/** A rollback can restore something: the before-state was read from the platform and has not been written back. */
export function canRollBack(fix: Pick<Fix, 'status' | 'rollbackData' | 'rolledBackAt'>): boolean {
  if (fix.status === 'APPLIED') return true;
  if (fix.status !== 'FAILED' && fix.status !== 'REVERT_PENDING') return false;
  const stored = fix.rollbackData as { pendingWrite?: boolean; before?: unknown } | null;
  return !!stored && stored.pendingWrite !== true && fix.rolledBackAt === null;
}

export function toFixDto(fix: Fix): FixDto {
  const conflict = (fix.rollbackData as StoredRollbackData | null)?.rollbackConflict ?? null;
  return {
    id: fix.id,
    connectionId: fix.connectionId,
    issueId: fix.issueId,
    planId: fix.planId,
    type: fix.type,
    method: fix.method,
    status: fix.status,
    risk: fix.risk,
    pageUrl: fix.pageUrl,
    target: fix.target,
    beforeValue: fix.beforeValue,
    afterValue: fix.afterValue,
    rationale: fix.rationale,
    appliedAt: fix.appliedAt,
    verifiedAt: fix.verifiedAt,
    verificationDetail: fix.verificationDetail,
    failureReason: fix.failureReason,
    manualReason: fix.manualReason,
    revertRetryUntil: fix.revertRetryUntil,
    rollbackDeadline: fix.rollbackDeadline,
    rollbackPossible: canRollBack(fix),
    rolledBackAt: fix.rolledBackAt,
    rollbackConflict: fix.status === 'APPLIED' || fix.status === 'FAILED' ? conflict : null,
    approvedAt: fix.approvedAt,
    rejectedAt: fix.rejectedAt,
    rejectionReason: fix.rejectionReason,
    impact: toFixImpactDto(fix.impactMetrics),
    createdAt: fix.createdAt,
  };
}
