import { Injectable } from '@nestjs/common';
import type { Fix } from '@prisma/client';
import { ApiError } from '../common/filters/http-error.filter';
import { UsageService } from '../usage/usage.service';
import { FixesRepository } from './fixes.repository';

/**
 * The month's "fixes applied" quota, as the fix path uses it: a fix reserves one unit when it is
 * approved (so an approval over the limit answers 402 before anything is queued), keeps it when it
 * goes live, and releases it when it does not (failed, reverted, gave up).
 */
@Injectable()
export class FixQuota {
  constructor(
    private readonly usage: UsageService,
    private readonly fixes: FixesRepository,
  ) {}

  /** Reserves `count` fixes for the user, or throws 402 with the limit and what is used. */
  async reserve(userId: string, count = 1): Promise<void> {
    await this.usage.consume(userId, 'fixesApplied', count);
  }

  /** Reserves one fix; false when the month's quota is used up (automatic approval stops there). */
  async tryReserve(userId: string): Promise<boolean> {
    try {
      await this.reserve(userId);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 402) return false;
      throw error;
    }
  }

  release(userId: string, count = 1): Promise<void> {
    return this.usage.release(userId, 'fixesApplied', count);
  }

  /** Gives back the unit a fix reserved: its approver's, or the site owner's for an automatic approval. */
  async releaseFor(fix: Pick<Fix, 'approvedById' | 'connectionId'>): Promise<void> {
    const userId = fix.approvedById ?? (await this.fixes.ownerOfConnection(fix.connectionId));
    if (userId) await this.release(userId);
  }

  /** Fixes the user may still reserve this month. */
  async remaining(userId: string): Promise<number> {
    return Math.max(0, (await this.usage.limitOf(userId, 'fixesApplied')) - (await this.usage.used(userId, 'fixesApplied')));
  }
}
