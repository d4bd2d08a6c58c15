import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { BillingRepository } from './billing.repository';

/**
 * Grace periods after failed payments end lazily (UsageService.planOf moves a user to FREE on the
 * first limit check after graceUntil). This hourly sweep brings everyone else's stored plan in line,
 * so screens that only show User.plan are right too. It is one idempotent UPDATE, so it runs inline
 * rather than as a job (there is no job type for it), and several workers running it at once is harmless.
 */
@Injectable()
export class BillingScheduler {
  private readonly logger = new Logger(BillingScheduler.name);

  constructor(private readonly billing: BillingRepository) {}

  @Cron(CronExpression.EVERY_HOUR, { timeZone: 'UTC' })
  async endLapsedGracePeriods(now = new Date()): Promise<number> {
    const downgraded = await this.billing.downgradeLapsedGracePeriods(now);
    if (downgraded > 0) this.logger.log(`${downgraded} account(s) fell back to FREE after their payment grace period`);
    return downgraded;
  }
}
