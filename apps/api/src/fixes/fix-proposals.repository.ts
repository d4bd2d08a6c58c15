import { Injectable } from '@nestjs/common';
import type { Connection, CrawledPageHtml, Fix, FixMethod, FixRisk, FixStatus, Issue, Prisma } from '@prisma/client';
import type { HealthInput } from '@seology/audit';
import { PrismaService } from '../prisma/prisma.service';
import { latestHealthInput } from '../plans/plan-summary';
import { BLOCKING_FIX } from './fixes.repository';

/** A new proposal as stored: a PROPOSED fix, or a MANUAL recommendation from the start. */
export interface NewProposal {
  connectionId: string;
  issueId: string;
  userId: string;
  type: string;
  method: FixMethod;
  status: Extract<FixStatus, 'PROPOSED' | 'MANUAL'>;
  manualReason: string | null;
  manualByPage: boolean;
  risk: FixRisk;
  pageUrl: string;
  target: string | null;
  beforeValue: string | null;
  afterValue: string;
  rationale: string | null;
}

/** A page of the latest completed crawl, as the proposals see the rest of the site. */
export type CrawledPageSummary = { url: string; finalUrl: string | null; title: string | null; description: string | null };

/** What the proposal generation reads and writes: issues to fix, stored pages, the fixes and plans it creates. */
@Injectable()
export class FixProposalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findConnection(connectionId: string): Promise<Connection> {
    return this.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  }

  /** Open fixable issues with no fix that blocks a new proposal (see BLOCKING_FIX), most impactful first. */
  findOpenIssuesWithoutBlockingFix(connectionId: string, take: number): Promise<Issue[]> {
    return this.prisma.issue.findMany({
      where: { connectionId, status: 'OPEN', fixable: true, fixes: { none: BLOCKING_FIX } },
      orderBy: [{ impactScore: 'desc' }, { id: 'asc' }],
      take,
    });
  }

  /** Stores the proposals of one run together: all or none. */
  createProposals(proposals: NewProposal[]): Promise<Fix[]> {
    return this.prisma.$transaction(proposals.map((data) => this.prisma.fix.create({ data })));
  }

  /** The stored HTML of these pages captured since `since`, newest first. */
  findStoredHtmlSince(connectionId: string, urls: string[], since: Date): Promise<CrawledPageHtml[]> {
    return this.prisma.crawledPageHtml.findMany({ where: { connectionId, url: { in: urls }, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' } });
  }

  /** When a fix last changed each of these pages on the site (applied or rolled back), in ms; pages never changed are absent. */
  async lastFixChangeOfPages(connectionId: string, urls: string[]): Promise<Map<string, number>> {
    const changes = await this.prisma.fix.findMany({
      where: { connectionId, pageUrl: { in: urls }, OR: [{ appliedAt: { not: null } }, { rolledBackAt: { not: null } }] },
      select: { pageUrl: true, appliedAt: true, rolledBackAt: true },
    });
    const changedAt = new Map<string, number>();
    for (const c of changes) {
      const at = Math.max(c.appliedAt?.getTime() ?? 0, c.rolledBackAt?.getTime() ?? 0);
      changedAt.set(c.pageUrl, Math.max(at, changedAt.get(c.pageUrl) ?? 0));
    }
    return changedAt;
  }

  /** The pages that answered 200 in the site's latest completed crawl (none without one). */
  async findLatestCrawlPages(connectionId: string, take: number): Promise<CrawledPageSummary[]> {
    const crawl = await this.prisma.crawl.findFirst({ where: { connectionId, status: 'COMPLETED' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    if (!crawl) return [];
    return this.prisma.crawledPage.findMany({ where: { crawlId: crawl.id, status: 200 }, select: { url: true, finalUrl: true, title: true, description: true }, take });
  }

  /** Impact, check and page of the issues a plan's summary is computed from. */
  findIssuesForPlanSummary(issueIds: string[]): Promise<Pick<Issue, 'id' | 'impactScore' | 'type' | 'pageUrl'>[]> {
    return this.prisma.issue.findMany({ where: { id: { in: issueIds } }, select: { id: true, impactScore: true, type: true, pageUrl: true } });
  }

  latestHealthInput(connectionId: string): Promise<HealthInput | null> {
    return latestHealthInput(this.prisma, connectionId);
  }

  /** A pending plan for the site's owner carrying these fixes. */
  async createPlanWithFixes(connection: Pick<Connection, 'id' | 'userId'>, description: { title: string; description: string; estimatedImpact: Prisma.InputJsonObject }, fixIds: string[]): Promise<string> {
    const plan = await this.prisma.pendingPlan.create({ data: { userId: connection.userId, connectionId: connection.id, ...description } });
    await this.prisma.fix.updateMany({ where: { id: { in: fixIds } }, data: { planId: plan.id } });
    return plan.id;
  }
}
