import { Injectable } from '@nestjs/common';
import type { FixStatus, Prisma } from '@prisma/client';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/decorators/auth.decorators';
import { FixesRepository, type FixStatusRow, type IssueProgress } from './fixes.repository';

/**
 * Every status change a fix may make, and nothing else. A change not listed here is a bug in the
 * caller, so it throws instead of being written.
 */
export const FIX_TRANSITIONS: Readonly<Record<FixStatus, readonly FixStatus[]>> = {
  // Approved by a person (or automatically), turned down, or found not applicable on this connection.
  PROPOSED: ['APPROVED', 'REJECTED', 'MANUAL'],
  // Unlocked once the site can make the change (a plugin installed since).
  MANUAL: ['PROPOSED'],
  // A job takes it; or the job gave up before it started.
  APPROVED: ['APPLYING', 'FAILED'],
  // Verified live; failed (the change is not live); or neither verified nor reverted.
  APPLYING: ['APPLIED', 'FAILED', 'REVERT_PENDING'],
  // A person rolls it back (ROLLING_BACK), or a rollback job finishes it directly.
  APPLIED: ['ROLLING_BACK', 'ROLLED_BACK'],
  // The automatic revert succeeded, a person took it over, or the retry window closed.
  REVERT_PENDING: ['ROLLED_BACK', 'ROLLING_BACK', 'FAILED'],
  // A failed fix whose change may still be live can be rolled back by a person.
  FAILED: ['ROLLING_BACK'],
  // Rolled back; or the rollback did not happen and the fix returns to where it came from.
  ROLLING_BACK: ['ROLLED_BACK', 'APPLIED', 'FAILED'],
  REJECTED: [],
  ROLLED_BACK: [],
};

export function isAllowedFixTransition(from: FixStatus, to: FixStatus): boolean {
  return FIX_TRANSITIONS[from].includes(to);
}

export class IllegalFixTransitionError extends Error {
  constructor(from: readonly FixStatus[], to: FixStatus) {
    super(`A fix cannot go from ${from.filter((f) => !isAllowedFixTransition(f, to)).join('/')} to ${to}.`);
  }
}

/** Fields written together with a status change (the status itself is the transition's `to`). */
export type FixTransitionData = Omit<Prisma.FixUncheckedUpdateInput, 'status'>;

/** Who caused a change: a person (their request) or Seology itself (a job, the analysis). */
export interface FixTransitionCause {
  actor?: Actor | null;
  /** Why, for the audit trail ("plan approved", "verification failed"). */
  reason?: string;
  /** Where the fix's issue stands after the change, written in the same transaction (FIXED once APPLIED). */
  issue?: IssueProgress;
}

/**
 * The only way a fix changes status: checks the change against FIX_TRANSITIONS, then, in one
 * transaction, moves the fix only if it is still in one of `from` (so of two concurrent callers
 * exactly one wins), appends the audit entry that describes the change and, when asked, moves the
 * fix's issue along (FIXING, FIXED, OPEN again).
 */
@Injectable()
export class FixStateMachine {
  constructor(
    private readonly fixes: FixesRepository,
    private readonly audit: AuditService,
  ) {}

  /** True only for the caller that moved the fix out of `from`; false when it was no longer there. */
  async transition(fixId: string, from: readonly FixStatus[], to: FixStatus, data: FixTransitionData = {}, cause: FixTransitionCause = {}): Promise<boolean> {
    assertAllowed(from, to);
    const moved = await this.fixes.changeStatus({ id: fixId }, from, to, data, (tx, changed) => this.recordAll(tx, changed, to, cause));
    return moved.length === 1;
  }

  /** Moves every fix of a plan that is in one of `from`; returns how many moved. */
  async transitionPlanFixes(planId: string, from: readonly FixStatus[], to: FixStatus, data: FixTransitionData = {}, cause: FixTransitionCause = {}): Promise<number> {
    assertAllowed(from, to);
    const moved = await this.fixes.changeStatus({ planId }, from, to, data, (tx, changed) => this.recordAll(tx, changed, to, cause));
    return moved.length;
  }

  private async recordAll(tx: Prisma.TransactionClient, changed: FixStatusRow[], to: FixStatus, cause: FixTransitionCause): Promise<void> {
    for (const fix of changed) {
      if (cause.issue) await this.fixes.setIssueStatus(fix.issueId, cause.issue, tx);
      await this.audit.recordInTx(tx, {
        ...(cause.actor ? { actor: cause.actor } : { system: true, userId: fix.userId }),
        action: 'fix.status',
        resourceType: 'fix',
        resourceId: fix.id,
        connectionId: fix.connectionId,
        // Read in this transaction: looking it up again would need a second connection while this one holds the lock.
        teamId: fix.teamId,
        before: { status: fix.status },
        after: { status: to },
        metadata: cause.reason ? { reason: cause.reason } : null,
      });
    }
  }
}

function assertAllowed(from: readonly FixStatus[], to: FixStatus): void {
  if (!from.length || from.some((f) => !isAllowedFixTransition(f, to))) throw new IllegalFixTransitionError(from, to);
}
