import { Injectable, Logger } from '@nestjs/common';
import { SiteEventsService } from '../events/site-events.service';
import type { Connection, FixRisk, Issue } from '@prisma/client';
import { CHECKS, decodeHtmlEntities } from '@seology/audit';
import { extractPageData, selfCheck, siteNameOf, titleSeparatorOf, type FixableFinding, type FixKind, type GenerateResult, type PageData, type Proposal, type SiteContext } from '@seology/fixes';
import { decodeHtml } from '@seology/crawler';
import { safeRequest } from '@seology/net';
import { gunzipSync } from 'node:zlib';
import { AppConfig } from '../config/app-config';
import { ConnectionsService } from '../connections/connections.service';
import { JobsService } from '../jobs/jobs.service';
import { describePlan } from '../plans/plan-summary';
import { UsageService } from '../usage/usage.service';
import { FixApplicabilityService } from './fix-applicability.service';
import { FixProposalsRepository, type NewProposal } from './fix-proposals.repository';
import { FixQuota } from './fix-quota';
import { FixStateMachine } from './fix-state-machine';
import { FixesRepository } from './fixes.repository';
import { ProposalGenerators } from './proposal-generators';

const FIX_KIND_OF = new Map(CHECKS.filter((c) => c.fixKind).map((c) => [c.id, c.fixKind as FixKind]));
const MAX_ISSUES_PER_RUN = 300;
const MAX_PAGES_PER_RUN = 100;
/** A page's HTML stored by the crawl serves the proposals while it is this young and no fix has changed the page since. */
const STORED_HTML_MAX_AGE_MS = 24 * 3_600_000;

export interface ProposalRunResult {
  generator: 'rules' | 'claude';
  created: number;
  rejected: number;
  autoApproved: number;
  planId: string | null;
  generatorError?: string;
}

/** Turns open fixable issues into Fix proposals after each analysis and routes them by execution mode. */
@Injectable()
export class FixProposalsService {
  private readonly logger = new Logger(FixProposalsService.name);

  constructor(
    private readonly proposals: FixProposalsRepository,
    private readonly fixes: FixesRepository,
    private readonly states: FixStateMachine,
    private readonly quota: FixQuota,
    private readonly generators: ProposalGenerators,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
    private readonly usage: UsageService,
    private readonly config: AppConfig,
    private readonly events: SiteEventsService,
    private readonly applicability: FixApplicabilityService,
  ) {}

  async generateForConnection(connectionId: string): Promise<ProposalRunResult> {
    const connection = await this.proposals.findConnection(connectionId);
    // No new proposal for an issue that has one in progress, or whose proposal a person turned down;
    // nor a change to a page's field that is in progress or was turned down for another issue (a
    // rejected plan only turns down that batch: its changes are proposed again later).
    const blocking = await this.fixes.findBlocking(connectionId);
    const issues = (await this.proposals.findOpenIssuesWithoutBlockingFix(connectionId, MAX_ISSUES_PER_RUN * 2)).filter((i) => FIX_KIND_OF.has(i.type)).slice(0, MAX_ISSUES_PER_RUN);
    let { generator, model } = this.generators.current();
    const empty: ProposalRunResult = { generator: generator.name, created: 0, rejected: 0, autoApproved: 0, planId: null };
    if (!issues.length) return empty;

    const pages = await this.fetchPages(connection, [...new Set(issues.map((i) => i.pageUrl))].slice(0, MAX_PAGES_PER_RUN));
    const findings: FixableFinding[] = issues
      .filter((i) => pages.has(i.pageUrl))
      .map((i) => ({ issueId: i.id, checkId: i.type, fixKind: FIX_KIND_OF.get(i.type)!, selector: i.elementSelector, evidence: i.evidence, page: pages.get(i.pageUrl)! }));
    const site = await this.siteContext(connection, findings);

    let result: GenerateResult;
    let generatorError: string | undefined;
    try {
      result = await generator.generate(site, findings);
    } catch (error) {
      // The model being down or the key revoked must not stop the site from getting fixes.
      generatorError = `${generator.name} generator failed (${(error as Error).message}); used the rules instead`;
      this.logger.warn(generatorError);
      generator = this.generators.rules;
      model = null;
      result = await generator.generate(site, findings);
    }
    result = this.offerOnlySelfChecked(result, findings);
    if (result.usage) {
      const tokens = result.usage.inputTokens + result.usage.outputTokens + result.usage.cacheCreationInputTokens;
      await this.usage.consume(connection.userId, 'aiTokens', tokens).catch((error: unknown) => this.logger.warn(`AI tokens not metered: ${(error as Error).message}`));
    }

    // A proposal must not duplicate a live or turned-down fix of the same page, field and target.
    const taken = new Set(blocking.map((f) => `${f.pageUrl}|${f.type}|${f.target ?? ''}`));
    const pageOf = new Map(issues.map((i) => [i.id, i.pageUrl]));
    const proposals = result.proposals.filter((p) => {
      const key = `${pageOf.get(p.issueId)}|${p.field}|${p.target ?? ''}`;
      if (taken.has(key)) return false;
      taken.add(key);
      return true;
    });
    const created = await this.proposals.createProposals(proposals.map((p) => this.fixData(connection, p, pageOf.get(p.issueId)!, model)));
    const run: ProposalRunResult = { ...empty, generator: generator.name, created: created.length, rejected: result.rejected.length, generatorError };
    if (!created.length) return run;

    // Changes the connection cannot make on that URL become MANUAL recommendations: out of automatic runs, plans and the quota.
    const automatable = await this.applicability.keepApplicable(connection, created);
    switch (connection.executionMode) {
      case 'AUTOMATIC':
        run.autoApproved = await this.autoApprove(connection, automatable.filter((f) => f.risk !== 'HIGH'));
        break;
      case 'PLAN':
        run.planId = automatable.length ? await this.createPlan(connection, automatable) : null;
        break;
      case 'APPROVE':
        break;
    }
    return run;
  }

  private fixData(connection: Connection, p: Proposal, pageUrl: string, model: string | null): NewProposal {
    return {
      connectionId: connection.id,
      issueId: p.issueId,
      userId: connection.userId,
      type: p.field,
      method: p.method,
      // A change that cannot clear its issue by itself (two h1 headings) is a recommendation for a person from the start.
      status: p.manualReason ? 'MANUAL' as const : 'PROPOSED' as const,
      manualReason: p.manualReason?.slice(0, 2000) ?? null,
      manualByPage: p.manualReason !== undefined,
      risk: p.risk,
      pageUrl,
      target: p.target ?? null,
      beforeValue: p.before,
      afterValue: p.after,
      rationale: p.method === 'AI' && model ? `${p.rationale} (${model})` : p.rationale,
    };
  }

  /** LOW and MEDIUM fixes go live at once, as far as the month's quota reaches; HIGH always waits for a person. */
  private async autoApprove(connection: Connection, fixes: { id: string; risk: FixRisk }[]): Promise<number> {
    let approved = 0;
    for (const fix of fixes) {
      if (fix.risk === 'HIGH') continue;
      if (!(await this.quota.tryReserve(connection.userId))) break; // the rest stay PROPOSED for next month or an upgrade
      const now = new Date();
      if (!(await this.states.transition(fix.id, ['PROPOSED'], 'APPROVED', { approvedAt: now }, { reason: 'automatic execution mode' }))) {
        await this.quota.release(connection.userId);
        continue;
      }
      await this.jobs.enqueue('APPLY_FIX', { fixId: fix.id }, { userId: connection.userId, connectionId: connection.id, priority: 5, dedupeKey: `apply:${fix.id}:${now.getTime()}` });
      approved++;
    }
    return approved;
  }

  private async createPlan(connection: Connection, fixes: { id: string; risk: FixRisk; type: string; issueId: string | null }[]): Promise<string> {
    const issues = await this.proposals.findIssuesForPlanSummary(fixes.flatMap((f) => (f.issueId ? [f.issueId] : [])));
    const byId = new Map(issues.map((i) => [i.id, i]));
    const summaryFixes = fixes.map((f) => {
      const issue = f.issueId ? byId.get(f.issueId) : undefined;
      return { risk: f.risk, type: f.type, impactScore: issue?.impactScore ?? 0, checkId: issue?.type, pageUrl: issue?.pageUrl };
    });
    const description = describePlan(connection.domain, summaryFixes, 0, await this.proposals.latestHealthInput(connection.id));
    const planId = await this.proposals.createPlanWithFixes(connection, description, fixes.map((f) => f.id));
    await this.events.planAwaitingApproval(planId);
    return planId;
  }

  /**
   * The pages the proposals build on: as the latest crawl stored them where that copy is fresh (not
   * older than a day, and no fix applied or rolled back on the page since), else fetched again.
   */
  private async fetchPages(connection: Connection, urls: string[]): Promise<Map<string, PageData>> {
    const pages = await this.storedPages(connection.id, urls);
    const headers = this.connections.decryptCrawlHeaders(connection);
    const queue = urls.filter((url) => !pages.has(url));
    const worker = async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        try {
          const res = await safeRequest(url, { policy: { allowHosts: this.config.ssrfAllowHosts }, headers, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024 });
          if (res.status === 200 && /html/i.test(res.headers['content-type'] ?? 'text/html')) pages.set(url, extractPageData(res.body.toString('utf8'), url));
        } catch (error) {
          this.logger.warn(`page ${url} not fetched for proposals: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    return pages;
  }

  private async storedPages(connectionId: string, urls: string[]): Promise<Map<string, PageData>> {
    const pages = new Map<string, PageData>();
    if (!urls.length) return pages;
    const rows = await this.proposals.findStoredHtmlSince(connectionId, urls, new Date(Date.now() - STORED_HTML_MAX_AGE_MS));
    const changedAt = await this.proposals.lastFixChangeOfPages(connectionId, urls);
    for (const row of rows) {
      if (pages.has(row.url) || row.createdAt.getTime() < (changedAt.get(row.url) ?? 0)) continue;
      try {
        pages.set(row.url, extractPageData(decodeHtml(gunzipSync(row.bodyGzip), row.contentType).text, row.url));
      } catch (error) {
        this.logger.warn(`stored HTML of ${row.url} not read: ${(error as Error).message}`);
      }
    }
    return pages;
  }

  /**
   * Self-check before offering: each proposal is applied to a copy of its page and re-audited by the
   * audit engine. One that leaves its finding or causes a new one is not offered; why is kept with
   * the rejected proposals and logged.
   */
  private offerOnlySelfChecked(result: GenerateResult, findings: FixableFinding[]): GenerateResult {
    const findingOf = new Map(findings.map((f) => [f.issueId, f]));
    const proposals: Proposal[] = [];
    const rejected = [...result.rejected];
    for (const proposal of result.proposals) {
      const finding = findingOf.get(proposal.issueId);
      const problem = finding ? selfCheck(proposal, finding.page, finding.checkId) : null;
      if (!problem) {
        proposals.push(proposal);
        continue;
      }
      this.logger.log(`not offering ${proposal.field} for ${finding!.page.url}: ${problem}`);
      rejected.push({ issueId: proposal.issueId, field: proposal.field, reason: `self-check: ${problem}` });
    }
    return { ...result, proposals, rejected };
  }

  /** The site title WordPress announces at its public REST root (`name`), or null. */
  private async wordpressSiteName(connection: Connection): Promise<string | null> {
    if (connection.platform !== 'WORDPRESS') return null;
    const origin = new URL(connection.siteUrl).origin;
    for (const root of [connection.wordpressApiRoot, `${origin}/wp-json/`, `${origin}/?rest_route=/`]) {
      if (!root) continue;
      try {
        const res = await safeRequest(root, { policy: { allowHosts: this.config.ssrfAllowHosts }, timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024 });
        if (res.status !== 200) continue;
        const name = (JSON.parse(res.body.toString('utf8')) as { name?: unknown }).name;
        return typeof name === 'string' && name.trim() ? decodeHtmlEntities(name).trim() : null;
      } catch {
        // not the REST root (HTML, moved, down): try the next address
      }
    }
    return null;
  }

  private async siteContext(connection: Connection, findings: FixableFinding[]): Promise<SiteContext> {
    const rows = await this.proposals.findLatestCrawlPages(connection.id, 5000);
    const retitled = new Set(findings.filter((f) => f.fixKind === 'title').map((f) => f.page.url));
    const redescribed = new Set(findings.filter((f) => f.fixKind === 'meta-description').map((f) => f.page.url));
    // The brand is the site's own name, never the connection's label or its address.
    const titles = rows.map((r) => r.title);
    const siteName = siteNameOf({ platformName: await this.wordpressSiteName(connection), pages: findings.map((f) => f.page), titles });
    return {
      siteName,
      titleSeparator: titleSeparatorOf(titles, siteName),
      notBrands: [connection.displayName, connection.domain, new URL(connection.siteUrl).host].filter((n): n is string => !!n),
      siteUrl: connection.siteUrl,
      existingTitles: rows.filter((r) => r.title && !retitled.has(r.url)).map((r) => r.title!),
      existingDescriptions: rows.filter((r) => r.description && !redescribed.has(r.url)).map((r) => r.description!),
      // Only addresses that answer 200 themselves: a redirect must not lead to another redirect.
      livePages: rows.filter((r) => r.url === r.finalUrl).map((r) => ({ url: r.url, title: r.title })),
    };
  }
}

export type { Issue };
