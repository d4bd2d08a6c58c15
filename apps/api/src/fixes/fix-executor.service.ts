import { Injectable, Logger } from '@nestjs/common';
import { SiteEventsService } from '../events/site-events.service';
import type { Fix, Prisma } from '@prisma/client';
import type { JobPayloads } from '@seology/contracts';
import { ConflictError, isConnectorError, type AppliedChange, type SeoField } from '@seology/connectors';
import { AppConfig } from '../config/app-config';
import { PermanentJobError } from '../jobs/job-handler.decorator';
import { JobsService } from '../jobs/jobs.service';
import { fixOutcomesTotal, fixVerificationFailuresTotal } from '../metrics/metrics';
import { ANCHOR_TEXT_MANUAL, fixApplicability } from './fix-applicability';
import { FixQuota } from './fix-quota';
import { FixStateMachine } from './fix-state-machine';
import { FixesRepository } from './fixes.repository';
import { FixVerifier } from './fix-verifier';
import { PlatformConnectors } from './platform-connectors';

export const ROLLBACK_WINDOW_DAYS = 90;

/** The state a person's rollback started from (carried by its ROLLBACK_FIX job). */
export type RollbackOrigin = NonNullable<JobPayloads['ROLLBACK_FIX']['from']>;

/**
 * Where a fix goes when its rollback does not happen (conflict, permanent error, gave up, window
 * closed): APPLIED only if it was APPLIED. A FAILED or REVERT_PENDING fix was never confirmed live;
 * it becomes FAILED with the reason, so the automatic retries do not overwrite a person's edit.
 */
export function stateAfterUndoneRollback(from: RollbackOrigin): 'APPLIED' | 'FAILED' {
  return from === 'APPLIED' ? 'APPLIED' : 'FAILED';
}
const DAY_MS = 86_400_000;

/** The AppliedChange as stored in Fix.rollbackData, plus the last rollback conflict, if any. */
export type StoredRollbackData = AppliedChange & { rollbackConflict?: { expected: string | null; actual: string | null; detectedAt: string } };

/**
 * Written to Fix.rollbackData right before the platform write: the value about to be replaced. A
 * re-run that finds it compares it with the live value to learn whether the write happened.
 */
interface PendingWrite {
  pendingWrite: true;
  ref: AppliedChange['ref'];
  before: string | null;
  startedAt: string;
}

function isPendingWrite(data: StoredRollbackData | PendingWrite): data is PendingWrite {
  return (data as PendingWrite).pendingWrite === true;
}

export type RollbackOutcome = { status: 'ROLLED_BACK' | 'CONFLICT' | 'SKIPPED' | 'RETRY_SCHEDULED'; detail?: string };
export type ApplyOutcome = { status: 'APPLIED'; skipped?: boolean } | { status: 'FAILED'; error: string } | { status: 'SKIPPED'; reason: string };

/** Connector failures a retry cannot fix: the fix fails at once with the connector's message. */
const PERMANENT_CODES = new Set(['auth', 'permission', 'not-found', 'validation', 'unsupported', 'invalid-input', 'conflict']);

/**
 * Applies and reverts fixes on the site's platform (WordPress, Shopify, or the snippet of any other
 * site, all through their connector). It orchestrates: every status change goes through the
 * FixStateMachine, the live check through the FixVerifier, the month's quota through FixQuota. The
 * AppliedChange is stored right after the write, so a job that is re-run (retry, killed worker)
 * never writes twice: it resumes at verification.
 */
@Injectable()
export class FixExecutor {
  private readonly logger = new Logger(FixExecutor.name);

  constructor(
    private readonly fixes: FixesRepository,
    private readonly states: FixStateMachine,
    private readonly quota: FixQuota,
    private readonly connectors: PlatformConnectors,
    private readonly events: SiteEventsService,
    private readonly verifier: FixVerifier,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  /** Applies a fix and counts its outcome (seology_fix_outcomes_total). */
  async apply(fixId: string): Promise<ApplyOutcome> {
    const outcome = await this.applyOnce(fixId);
    fixOutcomesTotal.inc({ outcome: outcome.status === 'APPLIED' && outcome.skipped ? 'skipped' : outcome.status.toLowerCase() });
    return outcome;
  }

  private async applyOnce(fixId: string): Promise<ApplyOutcome> {
    const fix = await this.fixes.findById(fixId);
    if (!fix) throw new PermanentJobError(`fix ${fixId} no longer exists`);
    if (fix.status === 'APPLIED') return { status: 'APPLIED', skipped: true };
    if (fix.status !== 'APPROVED' && fix.status !== 'APPLYING') return { status: 'SKIPPED', reason: `fix is ${fix.status}` };
    // APPLYING means an earlier run stopped half way: continue it (the stored rollbackData says whether the write happened).
    if (fix.status === 'APPROVED' && !(await this.states.transition(fix.id, ['APPROVED'], 'APPLYING', { failureReason: null }, { issue: 'FIXING' }))) {
      return { status: 'SKIPPED', reason: 'another run took this fix' };
    }
    // A run resuming a half-done one: the issue is FIXING again (as the first run left it, unless it was reopened meanwhile).
    if (fix.status === 'APPLYING') await this.fixes.setIssueStatus(fix.issueId, 'FIXING');
    const connection = await this.fixes.connectionOf(fix);
    const connector = this.connectors.forFix(connection, fix);
    if (connector.platform === 'snippet') {
      // The snippet would skip a field it cannot change: say what to do instead of claiming it applied.
      const verdict = fixApplicability(fix.type, { platform: 'CUSTOM', capabilities: null, resourceKind: undefined });
      if (!verdict.applicable) return this.fail(fix, verdict.reason);
    }

    const stored = fix.rollbackData as StoredRollbackData | PendingWrite | null;
    let applied = stored && !isPendingWrite(stored) ? stored : null;
    if (!applied) {
      try {
        if (fix.type === 'anchorText') throw new PermanentJobError(ANCHOR_TEXT_MANUAL);
        const pending = stored && isPendingWrite(stored) ? stored : null;
        // A redirect is not a field of the page that links the broken URL: it is filed under the page it leads to.
        const resourceUrl = fix.type === 'redirect' ? new URL(fix.afterValue, fix.pageUrl).href : fix.pageUrl;
        const ref = pending?.ref ?? (await connector.findResourceByUrl(resourceUrl));
        if (!ref) return this.fail(fix, `No ${connection.platform.toLowerCase()} resource has the URL ${resourceUrl}.`);
        const change = { field: fix.type as SeoField, target: fix.target ?? undefined, value: fix.afterValue };
        if (pending && connector.readStoredValue) {
          // An earlier run recorded what it was about to replace and then stopped (worker killed, lost
          // response). If the platform no longer holds that value, the write landed: record it, do not repeat it.
          const now = await connector.readStoredValue(ref, change);
          if (now !== pending.before) {
            applied = { platform: ref.platform, ref, field: change.field, ...(change.target !== undefined ? { target: change.target } : {}), value: change.value, before: pending.before, after: now, appliedAt: pending.startedAt };
          }
        }
        if (!applied) {
          if (!pending && connector.readStoredValue) {
            const before = await connector.readStoredValue(ref, change);
            const intent: PendingWrite = { pendingWrite: true, ref, before, startedAt: new Date().toISOString() };
            await this.fixes.update(fix.id, { rollbackData: intent as unknown as Prisma.InputJsonValue });
          }
          applied = await connector.applyChange(ref, change);
        }
      } catch (error) {
        if (error instanceof PermanentJobError || (isConnectorError(error) && PERMANENT_CODES.has(error.code))) return this.fail(fix, error.message);
        throw error; // rate limits, timeouts, 5xx: BullMQ retries, and the fix stays APPLYING until then
      }
      const appliedAt = new Date(applied.appliedAt);
      await this.fixes.update(fix.id, {
        rollbackData: applied as unknown as Prisma.InputJsonValue,
        appliedAt,
        rollbackDeadline: new Date(appliedAt.getTime() + ROLLBACK_WINDOW_DAYS * DAY_MS),
        platform: JSON.stringify({ platform: applied.platform, kind: applied.ref.kind, id: applied.ref.id }),
      });
    }

    const check = await this.verifier.verifyLive(fix, applied);
    if (!check.ok) {
      fixVerificationFailuresTotal.inc();
      try {
        await connector.revertChange(applied.ref, applied, { force: true });
      } catch (error) {
        this.logger.warn(`automatic revert of fix ${fix.id} failed: ${(error as Error).message}`);
        return this.revertPending(fix, `${check.reason} The automatic revert failed too (${(error as Error).message}).`);
      }
      await this.fixes.update(fix.id, { rolledBackAt: new Date() });
      return this.fail(fix, `${check.reason} The change was reverted automatically.`);
    }
    await this.states.transition(fix.id, ['APPLYING'], 'APPLIED', { verifiedAt: new Date(), verificationDetail: check.detail }, { issue: 'FIXED' });
    await this.events.fixChanged(fix.id, 'fix.applied', applied.platform === 'snippet' ? 'served by the snippet' : check.detail);
    return { status: 'APPLIED' };
  }

  /**
   * Reverts an applied fix. Conflicts are recorded on the fix (expected vs actual) unless forced.
   * `automatic`: a scheduled retry of the revert of a REVERT_PENDING fix, which schedules the next
   * one itself while the retry window lasts (BullMQ's own attempts are not used: the delays are longer).
   */
  async rollback(fixId: string, force: boolean, automatic = false, from: RollbackOrigin = 'APPLIED'): Promise<RollbackOutcome> {
    const outcome = await this.rollbackOnce(fixId, force, automatic, from);
    fixOutcomesTotal.inc({ outcome: outcome.status.toLowerCase() });
    return outcome;
  }

  private async rollbackOnce(fixId: string, force: boolean, automatic: boolean, from: RollbackOrigin): Promise<RollbackOutcome> {
    const fix = await this.fixes.findById(fixId);
    if (!fix) throw new PermanentJobError(`fix ${fixId} no longer exists`);
    if (fix.status === 'ROLLED_BACK') return { status: 'SKIPPED', detail: 'already rolled back' };
    // A person who rolls a REVERT_PENDING fix back takes it over (ROLLING_BACK): the scheduled retry stands down.
    if (automatic && fix.status !== 'REVERT_PENDING') return { status: 'SKIPPED', detail: `fix is ${fix.status}` };
    if (fix.status !== 'ROLLING_BACK' && fix.status !== 'APPLIED' && fix.status !== 'REVERT_PENDING') return { status: 'SKIPPED', detail: `fix is ${fix.status}` };
    const expired = rollbackExpiredMessage(fix);
    // A rollback that does not happen returns the fix to where it came from; never to APPLIED for a change that was not confirmed live.
    const back = stateAfterUndoneRollback(from);
    if (expired) {
      await this.states.transition(fix.id, ['ROLLING_BACK'], back, {}, { reason: 'rollback window closed' });
      throw new PermanentJobError(expired);
    }
    const storedData = fix.rollbackData as StoredRollbackData | PendingWrite | null;
    const applied = storedData && !isPendingWrite(storedData) ? storedData : null;
    // A snippet fix applied before snippet sites went through their connector has no AppliedChange: it only stops being served.
    if (applied) {
      const connector = this.connectors.forFix(await this.fixes.connectionOf(fix), fix);
      const { rollbackConflict: _previous, ...change } = applied;
      try {
        await connector.revertChange(change.ref, change, { force });
      } catch (error) {
        if (fix.status === 'REVERT_PENDING') return this.revertFailedAgain(fix, (error as Error).message, isConnectorError(error) && PERMANENT_CODES.has(error.code) && error.code !== 'conflict');
        if (error instanceof ConflictError) {
          const rollbackConflict = { expected: error.expected, actual: error.actual, detectedAt: new Date().toISOString() };
          await this.states.transition(fix.id, ['ROLLING_BACK'], back, {
            rollbackData: { ...change, rollbackConflict } as unknown as Prisma.InputJsonValue,
            failureReason: `Rollback needs confirmation: ${error.message}${back === 'FAILED' ? ' Someone changed the value on the site after Seology wrote it; roll back with force to put the old value back, or keep the value as it is.' : ''}`.slice(0, 2000),
          }, { reason: 'rollback conflict' });
          return { status: 'CONFLICT', detail: error.message };
        }
        if (isConnectorError(error) && PERMANENT_CODES.has(error.code)) {
          await this.states.transition(fix.id, ['ROLLING_BACK'], back, { failureReason: `Rollback failed: ${error.message}`.slice(0, 2000) }, { reason: 'rollback failed' });
          throw new PermanentJobError(error.message);
        }
        throw error;
      }
    }
    if (!(await this.states.transition(fix.id, ['ROLLING_BACK', 'APPLIED', 'REVERT_PENDING'], 'ROLLED_BACK', { rolledBackAt: new Date(), failureReason: null, revertRetryUntil: null }, { issue: 'OPEN' }))) {
      return { status: 'SKIPPED', detail: 'the fix changed state meanwhile' };
    }
    await this.events.fixChanged(fix.id, 'fix.rolled_back');
    return { status: 'ROLLED_BACK' };
  }

  /**
   * The APPLY_FIX job (or the plan that carried the fix) failed for good: a fix still on its way
   * leaves APPLYING for FAILED with the reason, and gives its quota back.
   */
  async applyGaveUp(fixId: string, error: string): Promise<void> {
    const fix = await this.fixes.findById(fixId);
    if (!fix || (fix.status !== 'APPROVED' && fix.status !== 'APPLYING')) return;
    const reason = `Seology gave up applying this fix after its last attempt: ${error}.`;
    const stored = fix.rollbackData as StoredRollbackData | PendingWrite | null;
    if (!stored || fix.status !== 'APPLYING') {
      await this.fail(fix, reason);
      return;
    }
    // The write may have reached the site before it stopped answering: put the recorded before-value back.
    const applied: AppliedChange = isPendingWrite(stored)
      ? { platform: stored.ref.platform, ref: stored.ref, field: fix.type as SeoField, ...(fix.target !== null ? { target: fix.target } : {}), value: fix.afterValue, before: stored.before, after: fix.afterValue, appliedAt: stored.startedAt }
      : stored;
    await this.fixes.update(fix.id, { rollbackData: applied as unknown as Prisma.InputJsonValue });
    await this.revertPending({ ...fix, rollbackData: applied as unknown as Prisma.JsonValue }, `${reason} The change may have reached the site.`);
  }

  /**
   * The ROLLBACK_FIX job failed for good: the change is still live (or may be), so the fix returns to
   * the state it was rolled back from, with the reason; a REVERT_PENDING fix gets its next retry instead.
   */
  async rollbackGaveUp(fixId: string, error: string, from: RollbackOrigin = 'APPLIED'): Promise<void> {
    const fix = await this.fixes.findById(fixId);
    if (fix?.status === 'REVERT_PENDING') {
      await this.revertFailedAgain(fix, error, false);
      return;
    }
    const back = stateAfterUndoneRollback(from);
    const live = back === 'APPLIED' ? 'the change is still live' : 'the change may still be live';
    await this.states.transition(fixId, ['ROLLING_BACK'], back, { failureReason: `Rollback failed after its last attempt (${error}); ${live}. Roll back again once the site answers.`.slice(0, 2000) }, { reason: 'rollback gave up' });
  }

  /**
   * Verification and the automatic revert both failed (the site went down right after the write):
   * the change may be live. The fix waits in REVERT_PENDING while delayed ROLLBACK_FIX jobs retry the
   * revert; its quota is given back, as for any fix that did not go live as intended.
   */
  private async revertPending(fix: Fix, reason: string): Promise<ApplyOutcome> {
    const until = new Date(Date.now() + this.config.REVERT_RETRY_WINDOW_MS);
    const message = `${reason} Seology keeps trying to revert it until ${until.toISOString()}; you can also roll it back yourself.`;
    if (!(await this.states.transition(fix.id, ['APPLYING'], 'REVERT_PENDING', { failureReason: message.slice(0, 2000), revertRetryUntil: until, revertAttempts: 0 }, { reason: 'neither verified nor reverted' }))) {
      return { status: 'SKIPPED', reason: 'another run took this fix' };
    }
    await this.quota.releaseFor(fix);
    await this.scheduleRevert(fix, 0);
    await this.events.fixChanged(fix.id, 'fix.revert_pending', message);
    return { status: 'FAILED', error: message };
  }

  /** Delay before automatic revert attempt `attempt` (0-based): doubles from the base, capped. */
  private revertDelay(attempt: number): number {
    return Math.min(this.config.REVERT_RETRY_BASE_MS * 2 ** Math.min(attempt, 40), this.config.REVERT_RETRY_MAX_DELAY_MS);
  }

  private async scheduleRevert(fix: Fix, attempt: number): Promise<void> {
    await this.jobs.enqueue('ROLLBACK_FIX', { fixId: fix.id, force: true, automatic: true }, {
      userId: fix.approvedById ?? fix.userId, connectionId: fix.connectionId, priority: 8, maxAttempts: 1,
      delayMs: this.revertDelay(attempt), dedupeKey: `revert:${fix.id}:${attempt}`,
    });
  }

  /** An automatic revert failed again: the next one is scheduled while the window lasts, else the fix is FAILED for a person. */
  private async revertFailedAgain(fix: Fix, error: string, permanent: boolean): Promise<{ status: 'RETRY_SCHEDULED' | 'SKIPPED'; detail: string }> {
    const attempt = fix.revertAttempts + 1;
    const next = Date.now() + this.revertDelay(attempt);
    if (permanent || !fix.revertRetryUntil || next > fix.revertRetryUntil.getTime()) {
      const reason = `Seology could not revert this change (last error: ${error}); it may still be live. Roll it back yourself once the site answers, or change the value by hand.`;
      await this.states.transition(fix.id, ['REVERT_PENDING'], 'FAILED', { failureReason: reason.slice(0, 2000), revertRetryUntil: null, revertAttempts: attempt }, { reason: 'automatic revert gave up', issue: 'OPEN' });
      await this.events.fixChanged(fix.id, 'fix.failed', reason);
      return { status: 'SKIPPED', detail: reason };
    }
    if (!(await this.fixes.updateWhile(fix.id, 'REVERT_PENDING', { revertAttempts: attempt }))) return { status: 'SKIPPED', detail: 'the fix changed state meanwhile' };
    await this.scheduleRevert(fix, attempt);
    return { status: 'RETRY_SCHEDULED', detail: `revert attempt ${attempt} failed (${error}); next at ${new Date(next).toISOString()}` };
  }

  private async fail(fix: Fix, reason: string): Promise<ApplyOutcome> {
    await this.states.transition(fix.id, ['APPLYING', 'APPROVED'], 'FAILED', { failureReason: reason.slice(0, 2000) });
    await this.fixes.setIssueStatus(fix.issueId, 'OPEN');
    await this.quota.releaseFor(fix);
    await this.events.fixChanged(fix.id, 'fix.failed', reason);
    return { status: 'FAILED', error: reason };
  }
}

/** A message when the rollback window of a fix has closed, else null. */
export function rollbackExpiredMessage(fix: Pick<Fix, 'rollbackDeadline'>, now = new Date()): string | null {
  if (!fix.rollbackDeadline || fix.rollbackDeadline > now) return null;
  return `The rollback window of this fix closed on ${fix.rollbackDeadline.toISOString().slice(0, 10)} (${ROLLBACK_WINDOW_DAYS} days after it was applied); the old value is no longer kept. Change the value by hand instead.`;
}
