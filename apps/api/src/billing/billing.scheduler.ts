import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { UsageService } from '../usage/usage.service';

/**
 * Grace periods after failed payments end lazily (UsageService.planOf moves a user to FREE on the
 * first limit check after graceUntil). This hourly sweep brings everyone else's stored plan in line,
 * so screens that only show User.plan are right too, and audits each change. It is one transaction
 * of locked rows, so it runs inline rather than as a job, and several workers running it at once change
 * (and audit) each plan once.
 */
@Injectable()
export class BillingScheduler {
  private readonly logger = new Logger(BillingScheduler.name);

  constructor(private readonly usage: UsageService) {}

  @Cron(CronExpression.EVERY_HOUR, { timeZone: 'UTC' })
  async endLapsedGracePeriods(now = new Date()): Promise<number> {
    const downgraded = await this.usage.endLapsedGracePeriods(now);
    if (downgraded > 0) this.logger.log(`${downgraded} account(s) fell back to FREE after their payment grace period`);
    return downgraded;
  }
}
