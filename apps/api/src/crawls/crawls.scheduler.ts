import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { PLAN_LIMITS } from '@seology/contracts';
import { UsageService } from '../usage/usage.service';
import { CrawlsRepository } from './crawls.repository';
import { CrawlsService } from './crawls.service';

/**
 * Scheduled re-crawls. Only enqueues: each due site is claimed with a conditional update of its
 * nextCrawlAt, so when several workers run this cron, exactly one starts the crawl. The owner's plan
 * sets the shortest interval between two scheduled crawls.
 */
@Injectable()
export class CrawlsScheduler {
  private readonly logger = new Logger(CrawlsScheduler.name);

  constructor(
    private readonly repository: CrawlsRepository,
    private readonly crawls: CrawlsService,
    private readonly usage: UsageService,
  ) {}

  @Cron(CronExpression.EVERY_5_MINUTES)
  async enqueueDueCrawls(now = new Date()): Promise<number> {
    const due = await this.repository.findSitesDueForCrawl(now, 100);
    let started = 0;
    for (const connection of due) {
      // A schedule set on a plan that has since been downgraded runs no more often than the plan allows now.
      const floor = PLAN_LIMITS[await this.usage.planOf(connection.userId, now)].minCrawlFrequencyHours;
      const next = new Date(now.getTime() + Math.max(connection.crawlFrequencyHours!, floor) * 3_600_000);
      if (!(await this.repository.claimScheduledCrawl(connection, next))) continue; // another worker claimed it
      try {
        await this.crawls.startFor(connection, connection.userId, 3, `scheduled-crawl:${connection.id}:${connection.nextCrawlAt!.toISOString()}`);
        started += 1;
      } catch (error) {
        this.logger.warn(`scheduled crawl of ${connection.domain} not started: ${(error as Error).message}`);
      }
    }
    return started;
  }
}
