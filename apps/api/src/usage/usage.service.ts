import { HttpStatus, Injectable, Logger, Optional } from '@nestjs/common';
import type { Plan, Prisma } from '@prisma/client';
import { PLAN_LIMITS, USAGE_METERS, type PlanLimits, type UsageMeter } from '@seology/contracts';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/filters/http-error.filter';
import { NotificationsService } from '../notifications/notifications.service';
import { PrismaService } from '../prisma/prisma.service';

export interface MeterUsage {
  meter: UsageMeter;
  used: number;
  limit: number;
}

const METER_NOUNS: Record<UsageMeter, string> = { fixesApplied: 'applied fixes', apiCalls: 'API calls', aiTokens: 'AI tokens' };

function currentPeriod(now = new Date()): { year: number; month: number } {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
}

/**
 * Monthly quotas. `consume` checks and increments in ONE statement, so concurrent requests (from any
 * number of API and worker processes) can never push a meter past its limit.
 */
@Injectable()
export class UsageService {
  private readonly logger = new Logger(UsageService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    // Optional: processes built without the notifications module still meter, they just do not notify.
    @Optional() private readonly notifications?: NotificationsService,
  ) {}

  async limitOf(userId: string, meter: UsageMeter): Promise<number> {
    return (await this.limitsOf(userId))[USAGE_METERS[meter]];
  }

  async limitsOf(userId: string): Promise<PlanLimits> {
    return PLAN_LIMITS[await this.planOf(userId)];
  }

  /**
   * The plan whose limits apply now. After a failed payment the paid plan is kept until the grace
   * period ends; the first read after that moves the user to FREE (lazily, so no cron has to run
   * exactly on time, and every process sees the same answer).
   */
  async planOf(userId: string, now = new Date()): Promise<Plan> {
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { plan: true, subscription: { select: { status: true, graceUntil: true } } },
    });
    const grace = user.subscription;
    if (user.plan !== 'FREE' && grace?.status === 'PAST_DUE' && grace.graceUntil && grace.graceUntil <= now) {
      await this.endLapsedGracePeriods(now, userId);
      return 'FREE';
    }
    return user.plan;
  }

  /**
   * Moves users whose grace period after a failed payment has ended to FREE (one user, or everyone
   * for the hourly sweep), with one audit entry per plan that changed, in the same transaction.
   * The rows are locked and re-checked, so of several sweeps and reads at once exactly one changes
   * (and audits) each plan.
   */
  async endLapsedGracePeriods(now: Date, userId?: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const changed = await tx.$queryRaw<{ userId: string; previous: Plan; graceUntil: Date }[]>`
        WITH lapsed AS (
          SELECT u."id", u."plan", s."graceUntil" FROM "User" u JOIN "Subscription" s ON s."userId" = u."id"
          WHERE s."status" = 'PAST_DUE' AND s."graceUntil" <= ${now} AND u."plan" <> 'FREE'
            AND (${userId ?? null}::text IS NULL OR u."id" = ${userId ?? null}::text)
          FOR UPDATE OF u
        )
        UPDATE "User" u SET "plan" = 'FREE', "updatedAt" = now() FROM lapsed WHERE u."id" = lapsed."id"
        RETURNING u."id" AS "userId", lapsed."plan" AS "previous", lapsed."graceUntil" AS "graceUntil"`;
      for (const row of changed) {
        await this.audit.recordInTx(tx, {
          system: true,
          userId: row.userId,
          teamId: null,
          action: 'user.plan.change',
          resourceType: 'user',
          resourceId: row.userId,
          before: { plan: row.previous },
          after: { plan: 'FREE' },
          metadata: { source: 'grace-period-ended', graceUntil: row.graceUntil },
        });
      }
      return changed.length;
    }, { maxWait: 20_000, timeout: 60_000 });
  }

  /** Adds `amount` to the meter, or throws 402 with the limit and the current usage. */
  async consume(userId: string, meter: UsageMeter, amount = 1): Promise<MeterUsage> {
    const limit = await this.limitOf(userId, meter);
    const { year, month } = currentPeriod();
    const column = `"${meter}"`;
    const rows = await this.prisma.$queryRawUnsafe<{ used: number }[]>(
      `INSERT INTO "UsageRecord" ("id", "userId", "month", "year", ${column}, "updatedAt")
       SELECT $1, $2, $3::int, $4::int, $5::int, now() WHERE $5::int <= $6::int
       ON CONFLICT ("userId", "month", "year") DO UPDATE SET ${column} = "UsageRecord".${column} + EXCLUDED.${column}, "updatedAt" = now()
       WHERE "UsageRecord".${column} + EXCLUDED.${column} <= $6::int
       RETURNING ${column} AS used`,
      randomUUID(), userId, month, year, amount, limit,
    );
    if (rows.length === 0) {
      const used = await this.used(userId, meter);
      throw new ApiError(
        HttpStatus.PAYMENT_REQUIRED,
        `Your plan allows ${limit} ${METER_NOUNS[meter]} a month and ${used} are used. Upgrade your plan or wait for next month.`,
        'QUOTA_EXCEEDED',
        { meter, limit, used },
      );
    }
    const used = Number(rows[0]!.used);
    await this.notifyOnThreshold(userId, meter, used - amount, used, limit);
    return { meter, used, limit };
  }

  /**
   * One notification when a meter crosses 80% and one when it reaches 100%. Each consume sees its
   * own before/after values, so exactly one concurrent consumer crosses a threshold.
   */
  private async notifyOnThreshold(userId: string, meter: UsageMeter, before: number, after: number, limit: number): Promise<void> {
    if (!this.notifications || limit <= 0) return;
    const warning = Math.ceil(limit * 0.8);
    const noun = METER_NOUNS[meter];
    const crossed =
      before < limit && after >= limit
        ? ({ type: 'quota.exceeded', title: `All ${noun} of this month used`, message: `You used all ${limit} ${noun} your plan includes this month. Upgrade your plan to continue before the month ends.` } as const)
        : before < warning && after >= warning
          ? ({ type: 'quota.warning', title: `80% of this month's ${noun} used`, message: `You used ${after} of the ${limit} ${noun} your plan includes this month.` } as const)
          : null;
    if (!crossed) return;
    // The quota itself is already enforced; a notification that cannot be stored must not fail the action.
    await this.notifications.notify(userId, { ...crossed, link: '/billing' }).catch((error: unknown) => {
      this.logger.warn(`quota notification for ${userId} not stored: ${(error as Error).message}`);
    });
  }

  /** Gives back what a failed action consumed (never below zero). */
  async release(userId: string, meter: UsageMeter, amount = 1): Promise<void> {
    const { year, month } = currentPeriod();
    const column = `"${meter}"`;
    await this.prisma.$executeRawUnsafe(
      `UPDATE "UsageRecord" SET ${column} = GREATEST(0, ${column} - $1::int), "updatedAt" = now() WHERE "userId" = $2 AND "year" = $3::int AND "month" = $4::int`,
      amount, userId, year, month,
    );
  }

  /** Sites the user created (team sites count against their creator's plan). */
  sitesUsed(userId: string): Promise<number> {
    return this.prisma.connection.count({ where: { userId } });
  }

  /**
   * Runs `create` (which inserts one site) only if the plan has room for it, else 402 with limit and
   * usage. The per-user advisory lock makes count-then-insert atomic: simultaneous creates at the
   * limit cannot both pass.
   */
  async withSiteSlot<T>(userId: string, create: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    const limits = await this.limitsOf(userId);
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sites:${userId}`}))`;
      const used = await tx.connection.count({ where: { userId } });
      if (used >= limits.sites) {
        throw new ApiError(
          HttpStatus.PAYMENT_REQUIRED,
          `Your plan allows ${limits.sites} site(s) and ${used} are connected. Upgrade your plan or remove a site.`,
          'QUOTA_EXCEEDED',
          { meter: 'sites', limit: limits.sites, used },
        );
      }
      return create(tx);
    });
  }

  async used(userId: string, meter: UsageMeter): Promise<number> {
    const record = await this.prisma.usageRecord.findUnique({ where: { userId_month_year: { userId, ...currentPeriod() } } });
    return record ? Number(record[meter]) : 0;
  }
}
