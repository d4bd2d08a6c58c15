import type { WordPressContractServer } from '@seology/connectors/testing';
import { DEMO_SITE_CREDENTIALS } from '@seology/scripts/demo-site-content';
import { ConnectionsService } from '../connections/connections.service';
import { startDemoSite } from '../fixes/testing/fixes-e2e';
import { createServiceContext, jobContext, type ServiceContext } from '../testing/service-context';
import { CrawlJobHandlers } from './crawl.job-handlers';

/**
 * The analysis on a real database, without HTTP or a worker: the crawl handler audits the demo
 * WordPress site and stores pages and issues, the analysis handler counts them, scores the site and
 * turns the fixable issues into proposals (a plan in PLAN mode). Each step is run by the test.
 */
describe('site analysis (services on a real database)', () => {
  let ctx: ServiceContext;
  let site: WordPressContractServer;

  beforeAll(async () => {
    ctx = await createServiceContext({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site?.close();
    await ctx?.close();
  });

  async function connect(executionMode: 'APPROVE' | 'PLAN') {
    const actor = await ctx.createUser('PRO');
    const connection = await ctx.get(ConnectionsService).create(actor, { siteUrl: `${site.url}/`, platform: 'WORDPRESS', executionMode, wordpress: DEMO_SITE_CREDENTIALS });
    return { actor, connectionId: connection.id };
  }

  async function crawlAndAnalyse(connectionId: string, userId: string) {
    const handlers = ctx.get(CrawlJobHandlers);
    const crawl = await ctx.prisma.crawl.create({ data: { connectionId, status: 'QUEUED' } });
    await handlers.crawl(jobContext('CRAWL_SITE', { connectionId, crawlId: crawl.id }, { userId, connectionId }));
    const analysis = (await handlers.analyze(jobContext('ANALYZE_SITE', { connectionId, crawlId: crawl.id }, { userId, connectionId }))) as {
      crawlId: string;
      openIssues: number;
      newIssues: number;
      resolvedIssues: number;
      pages: number;
      healthScore: number | null;
      proposals: { created: number; planId: string | null };
    };
    return { crawlId: crawl.id, analysis };
  }

  it('stores the crawl’s pages and issues, scores the site and queues the analysis once', async () => {
    const { actor, connectionId } = await connect('APPROVE');
    const { crawlId, analysis } = await crawlAndAnalyse(connectionId, actor.userId);

    const crawl = await ctx.prisma.crawl.findUniqueOrThrow({ where: { id: crawlId } });
    expect(crawl.status).toBe('COMPLETED');
    expect(crawl.healthScore).not.toBeNull();
    // The demo site has missing descriptions, a duplicate title, images without alt text and a broken link.
    expect(crawl.healthScore!).toBeLessThan(100);
    const pages = await ctx.prisma.crawledPage.findMany({ where: { crawlId }, select: { url: true } });
    expect(pages.map((p) => p.url)).toContain(`${site.url}/2026/03/sourdough-basics/`);
    const types = new Set((await ctx.prisma.issue.findMany({ where: { connectionId }, select: { type: true } })).map((i) => i.type));
    for (const expected of ['meta-description-missing', 'image-alt-missing']) expect([...types]).toContain(expected);

    // The crawl handler enqueued exactly one analysis for this crawl (it is de-duplicated by crawl).
    const analyses = await ctx.prisma.job.findMany({ where: { type: 'ANALYZE_SITE', connectionId } });
    expect(analyses).toHaveLength(1);
    expect(analyses[0]!.payload).toMatchObject({ crawlId });

    // The analysis's counts are the database's.
    const open = await ctx.prisma.issue.count({ where: { connectionId, status: 'OPEN' } });
    expect(analysis).toMatchObject({ crawlId, openIssues: open, newIssues: open, resolvedIssues: 0, pages: pages.length, healthScore: crawl.healthScore });
    const connection = await ctx.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(connection).toMatchObject({ issueCount: open, pageCount: pages.length, healthScore: crawl.healthScore, status: 'CONNECTED' });
    expect(connection.lastCrawlAt?.getTime()).toBe(crawl.completedAt?.getTime());
  });

  it('proposes a fix for each fixable open issue, awaiting approval in APPROVE mode, and none twice', async () => {
    const { actor, connectionId } = await connect('APPROVE');
    const { analysis } = await crawlAndAnalyse(connectionId, actor.userId);
    const fixes = await ctx.prisma.fix.findMany({ where: { connectionId }, include: { issue: { select: { status: true, fixable: true } } } });
    expect(analysis.proposals.created).toBe(fixes.length);
    expect(analysis.proposals.planId).toBeNull();
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.every((f) => (f.status === 'PROPOSED' || f.status === 'MANUAL') && f.issue?.fixable === true && f.issue.status === 'OPEN')).toBe(true);
    expect(fixes.map((f) => `${f.type} ${f.pageUrl}`)).toContain(`metaDescription ${site.url}/2026/03/sourdough-basics/`);

    // The next crawl finds the same issues: the proposals already there are not made again.
    const again = await crawlAndAnalyse(connectionId, actor.userId);
    expect(again.analysis.proposals.created).toBe(0);
    expect(await ctx.prisma.fix.count({ where: { connectionId } })).toBe(fixes.length);
  });

  it('in PLAN mode gathers the proposals in one plan that promises the score they give back', async () => {
    const { actor, connectionId } = await connect('PLAN');
    const { crawlId, analysis } = await crawlAndAnalyse(connectionId, actor.userId);
    expect(analysis.proposals.planId).not.toBeNull();
    const plan = await ctx.prisma.pendingPlan.findUniqueOrThrow({ where: { id: analysis.proposals.planId! }, include: { fixes: true } });
    expect(plan).toMatchObject({ status: 'PENDING', connectionId, userId: actor.userId });
    expect(plan.fixes.length).toBeGreaterThan(0);
    expect(plan.fixes.every((f) => f.status === 'PROPOSED')).toBe(true);
    const crawl = await ctx.prisma.crawl.findUniqueOrThrow({ where: { id: crawlId } });
    const gain = (plan.estimatedImpact as { expectedScoreGain?: number }).expectedScoreGain;
    expect(gain).toBeGreaterThan(0);
    // Fixing everything cannot promise more than the points the site is missing.
    expect(gain!).toBeLessThanOrEqual(100 - crawl.healthScore!);
  });

  it('a re-crawl after an edit on the site resolves what is gone and nothing else; a retried analysis counts the same', async () => {
    const { actor, connectionId } = await connect('APPROVE');
    const first = await crawlAndAnalyse(connectionId, actor.userId);
    const sourdough = `${site.url}/2026/03/sourdough-basics/`;
    const before = await ctx.prisma.issue.findFirstOrThrow({ where: { connectionId, type: 'meta-description-missing', pageUrl: sourdough } });
    expect(before.status).toBe('OPEN');

    // Someone writes the description in wp-admin (Yoast's field).
    site.editItem(10, { meta: { _yoast_wpseo_metadesc: 'Flour, water, salt and time: how we bake our sourdough, from starter to crust.' } });
    try {
      const second = await crawlAndAnalyse(connectionId, actor.userId);
      const after = await ctx.prisma.issue.findUniqueOrThrow({ where: { id: before.id } });
      expect(after).toMatchObject({ status: 'RESOLVED', resolvedByCrawlId: second.crawlId });
      expect(second.analysis.resolvedIssues).toBeGreaterThanOrEqual(1);
      expect(second.analysis.openIssues).toBe(first.analysis.openIssues - second.analysis.resolvedIssues + second.analysis.newIssues);
      // Other pages still lack their description.
      expect(await ctx.prisma.issue.count({ where: { connectionId, type: 'meta-description-missing', status: 'OPEN' } })).toBeGreaterThan(0);

      // The same analysis run again (a retried job) resolves nothing more and reports the same counts.
      const retried = await ctx.get(CrawlJobHandlers).analyze(jobContext('ANALYZE_SITE', { connectionId, crawlId: second.crawlId }, { userId: actor.userId, connectionId }));
      expect(retried).toMatchObject({ openIssues: second.analysis.openIssues, newIssues: second.analysis.newIssues, resolvedIssues: second.analysis.resolvedIssues });
    } finally {
      site.editItem(10, { meta: { _yoast_wpseo_metadesc: '' } });
    }
  });
});
