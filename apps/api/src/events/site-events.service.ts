import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PrismaService } from '../prisma/prisma.service';
import { WebhooksService } from '../webhooks/webhooks.service';

type FixEvent = 'fix.applied' | 'fix.failed' | 'fix.rolled_back' | 'fix.revert_pending';

const FIX_TITLES: Record<FixEvent, string> = {
  'fix.applied': 'Fix applied and verified',
  'fix.failed': 'Fix failed',
  'fix.rolled_back': 'Fix rolled back',
  'fix.revert_pending': 'Fix could not be verified or reverted: Seology keeps trying to revert it',
};

/**
 * What happened on a customer's site, told everywhere it must be told: the owner's notifications,
 * their webhooks, and (for changes to the live site) the audit trail. Called by job handlers after
 * the change itself is stored, so a failure here is logged and never undoes or repeats the change.
 */
@Injectable()
export class SiteEventsService {
  private readonly logger = new Logger(SiteEventsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
    private readonly audit: AuditService,
  ) {}

  async crawlCompleted(connectionId: string, data: { crawlId: string; pages: number; openIssues: number; newIssues: number; resolvedIssues: number; healthScore: number | null }): Promise<void> {
    await this.safely('crawl.completed', async () => {
      const site = await this.site(connectionId);
      if (!site) return;
      await this.notifications.notify(site.userId, {
        type: 'crawl.completed',
        title: `Crawl of ${site.domain} finished`,
        message: `${data.pages} pages, ${data.openIssues} open issues (${data.newIssues} new, ${data.resolvedIssues} resolved), health ${data.healthScore ?? 'n/a'}.`,
        link: `/sites/${connectionId}`,
      });
      await this.webhooks.emit(site.userId, 'crawl.completed', { connectionId, domain: site.domain, ...data }, { teamId: site.teamId });
      if (data.newIssues > 0) {
        await this.webhooks.emit(site.userId, 'issue.created', { connectionId, crawlId: data.crawlId, count: data.newIssues }, { teamId: site.teamId });
      }
    });
  }

  async fixChanged(fixId: string, event: FixEvent, detail?: string): Promise<void> {
    await this.safely(event, async () => {
      const fix = await this.prisma.fix.findUnique({ where: { id: fixId }, include: { connection: { select: { userId: true, teamId: true, domain: true } } } });
      if (!fix) return;
      const data = { fixId, connectionId: fix.connectionId, type: fix.type, pageUrl: fix.pageUrl, before: fix.beforeValue, after: fix.afterValue, detail: detail ?? null };
      await this.audit.record({
        system: true,
        userId: fix.connection.userId,
        action: event,
        resourceType: 'fix',
        resourceId: fixId,
        connectionId: fix.connectionId,
        before: { value: event === 'fix.rolled_back' ? fix.afterValue : fix.beforeValue },
        after: { value: event === 'fix.rolled_back' ? fix.beforeValue : event === 'fix.applied' ? fix.afterValue : null },
        metadata: { pageUrl: fix.pageUrl, field: fix.type, detail: detail ?? null },
      });
      await this.notifications.notify(fix.connection.userId, {
        type: event,
        title: FIX_TITLES[event],
        message: `${fix.type} on ${fix.pageUrl}${detail ? `: ${detail}` : ''}`.slice(0, 500),
        link: `/sites/${fix.connectionId}`,
      });
      await this.webhooks.emit(fix.connection.userId, event, data, { teamId: fix.connection.teamId });
    });
  }

  async planAwaitingApproval(planId: string): Promise<void> {
    await this.safely('plan.awaiting_approval', async () => {
      const plan = await this.prisma.pendingPlan.findUnique({ where: { id: planId }, include: { _count: { select: { fixes: true } }, connection: { select: { teamId: true, domain: true } } } });
      if (!plan) return;
      await this.notifications.notify(plan.userId, {
        type: 'plan.awaiting_approval',
        title: `A plan of ${plan._count.fixes} fixes for ${plan.connection.domain} awaits your approval`,
        message: plan.title,
        link: `/sites/${plan.connectionId}`,
      });
      await this.webhooks.emit(plan.userId, 'plan.awaiting_approval', { planId, connectionId: plan.connectionId, fixes: plan._count.fixes, title: plan.title }, { teamId: plan.connection.teamId });
    });
  }

  private site(connectionId: string) {
    return this.prisma.connection.findUnique({ where: { id: connectionId }, select: { userId: true, teamId: true, domain: true } });
  }

  private async safely(event: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.logger.error(`could not announce ${event}: ${(error as Error).message}`);
    }
  }
}
