import type { WordPressContractServer } from '@seology/connectors/testing';
import { DEMO_SITE_CREDENTIALS } from '@seology/scripts/demo-site-content';
import type { Actor } from '../common/decorators/auth.decorators';
import { ConnectionsService } from '../connections/connections.service';
import { CrawlJobHandlers } from '../crawls/crawl.job-handlers';
import { createServiceContext, jobContext, type ServiceContext } from '../testing/service-context';
import { FixExecutor, type StoredRollbackData } from './fix-executor.service';
import { FixesService } from './fixes.service';
import { startDemoSite } from './testing/fixes-e2e';

const SOURDOUGH_POST = 10;
const metaDescription = (site: WordPressContractServer, id: number) => (site.posts.get(id)?.meta['_yoast_wpseo_metadesc'] as string | undefined) ?? '';
const writes = (site: WordPressContractServer) => site.requests.filter((r) => r.method !== 'GET' && r.method !== 'OPTIONS' && r.method !== 'HEAD').length;

/**
 * The fix executor on a real database, against the WordPress contract server through the real
 * connector, without HTTP or a worker: apply writes the change and verifies it on the live page,
 * rollback puts the old value back, and a value someone changed since is a conflict unless forced.
 */
describe('fix executor (services on a real database)', () => {
  let ctx: ServiceContext;
  let site: WordPressContractServer;
  let executor: FixExecutor;

  beforeAll(async () => {
    ctx = await createServiceContext({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    executor = ctx.get(FixExecutor);
  });
  beforeEach(async () => {
    // A fresh site each time: the tests change its content.
    site = await startDemoSite();
  });
  afterEach(async () => {
    await site?.close();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A connected, crawled and analysed site, and the approved meta description fix of the sourdough post. */
  async function approvedSourdoughFix(): Promise<{ actor: Actor; fixId: string; issueId: string }> {
    const actor = await ctx.createUser('PRO');
    const { id: connectionId } = await ctx.get(ConnectionsService).create(actor, { siteUrl: `${site.url}/`, platform: 'WORDPRESS', executionMode: 'APPROVE', wordpress: DEMO_SITE_CREDENTIALS });
    const handlers = ctx.get(CrawlJobHandlers);
    const crawl = await ctx.prisma.crawl.create({ data: { connectionId, status: 'QUEUED' } });
    const ids = { userId: actor.userId, connectionId };
    await handlers.crawl(jobContext('CRAWL_SITE', { connectionId, crawlId: crawl.id }, ids));
    await handlers.analyze(jobContext('ANALYZE_SITE', { connectionId, crawlId: crawl.id }, ids));
    const fix = await ctx.prisma.fix.findFirstOrThrow({ where: { connectionId, type: 'metaDescription', pageUrl: `${site.url}/2026/03/sourdough-basics/` } });
    expect(fix.status).toBe('PROPOSED');
    const [approved] = await ctx.get(FixesService).approve(actor, [fix.id]);
    expect(approved?.status).toBe('APPROVED');
    return { actor, fixId: fix.id, issueId: fix.issueId! };
  }

  it('applies an approved fix on the site, verifies it on the live page, and a second run writes nothing', async () => {
    const { fixId, issueId } = await approvedSourdoughFix();
    const before = metaDescription(site, SOURDOUGH_POST);
    expect(await executor.apply(fixId)).toEqual({ status: 'APPLIED' });

    const fix = await ctx.prisma.fix.findUniqueOrThrow({ where: { id: fixId } });
    expect(fix.status).toBe('APPLIED');
    expect(fix.verifiedAt).not.toBeNull();
    expect(metaDescription(site, SOURDOUGH_POST)).toBe(fix.afterValue);
    expect(fix.afterValue).not.toBe(before);
    const stored = fix.rollbackData as unknown as StoredRollbackData;
    expect(stored).toMatchObject({ field: 'metaDescription', value: fix.afterValue, before });
    expect(fix.rollbackDeadline!.getTime() - fix.appliedAt!.getTime()).toBe(90 * 86_400_000);
    expect((await ctx.prisma.issue.findUniqueOrThrow({ where: { id: issueId } })).status).toBe('FIXED');

    const writesAfterApply = writes(site);
    expect(await executor.apply(fixId)).toEqual({ status: 'APPLIED', skipped: true });
    expect(writes(site)).toBe(writesAfterApply);
  });

  it('rolls an applied fix back: the old value is live again and the issue is open', async () => {
    const { actor, fixId, issueId } = await approvedSourdoughFix();
    const before = metaDescription(site, SOURDOUGH_POST);
    await executor.apply(fixId);
    expect(metaDescription(site, SOURDOUGH_POST)).not.toBe(before);

    // A person asks for the rollback (the service moves the fix to ROLLING_BACK and queues the job); the job's work:
    await ctx.get(FixesService).rollback(actor, fixId, false);
    expect(await executor.rollback(fixId, false)).toEqual({ status: 'ROLLED_BACK' });
    expect(metaDescription(site, SOURDOUGH_POST)).toBe(before);
    const fix = await ctx.prisma.fix.findUniqueOrThrow({ where: { id: fixId } });
    expect(fix).toMatchObject({ status: 'ROLLED_BACK', failureReason: null });
    expect(fix.rolledBackAt).not.toBeNull();
    expect((await ctx.prisma.issue.findUniqueOrThrow({ where: { id: issueId } })).status).toBe('OPEN');
    // Rolled back is final: another run does nothing.
    expect(await executor.rollback(fixId, false)).toMatchObject({ status: 'SKIPPED' });
  });

  it('does not overwrite a value someone changed after the fix: a conflict, until a forced rollback', async () => {
    const { actor, fixId } = await approvedSourdoughFix();
    const before = metaDescription(site, SOURDOUGH_POST);
    await executor.apply(fixId);
    const written = metaDescription(site, SOURDOUGH_POST);
    site.editItem(SOURDOUGH_POST, { meta: { _yoast_wpseo_metadesc: 'Edited by hand in wp-admin' } });

    await ctx.get(FixesService).rollback(actor, fixId, false);
    expect(await executor.rollback(fixId, false)).toMatchObject({ status: 'CONFLICT' });
    expect(metaDescription(site, SOURDOUGH_POST)).toBe('Edited by hand in wp-admin');
    const conflicted = await ctx.prisma.fix.findUniqueOrThrow({ where: { id: fixId } });
    expect(conflicted.status).toBe('APPLIED');
    expect((conflicted.rollbackData as unknown as StoredRollbackData).rollbackConflict).toMatchObject({ expected: written, actual: 'Edited by hand in wp-admin' });
    expect(conflicted.failureReason).toMatch(/^Rollback needs confirmation/);

    await ctx.get(FixesService).rollback(actor, fixId, true);
    expect(await executor.rollback(fixId, true)).toEqual({ status: 'ROLLED_BACK' });
    expect(metaDescription(site, SOURDOUGH_POST)).toBe(before);
  });

  it('reverts a change the live page shows as a regression (the canonical leaves the site) and fails the fix with the reason', async () => {
    const actor = await ctx.createUser('PRO');
    const { id: connectionId } = await ctx.get(ConnectionsService).create(actor, { siteUrl: `${site.url}/`, platform: 'WORDPRESS', executionMode: 'APPROVE', wordpress: DEMO_SITE_CREDENTIALS });
    // Not something the generators propose (guardrails keep canonicals on the site); written directly to exercise the check.
    const fix = await ctx.prisma.fix.create({
      data: { connectionId, type: 'canonical', risk: 'HIGH', status: 'APPROVED', approvedAt: new Date(), pageUrl: `${site.url}/about/`, afterValue: 'https://elsewhere.example/about/' },
    });
    const writesBefore = writes(site);
    const outcome = await executor.apply(fix.id);
    expect(outcome).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/canonical URL is broken.*reverted automatically/) as unknown });
    expect(writes(site)).toBe(writesBefore + 2); // the write and its revert
    expect(site.posts.get(3)?.meta['_yoast_wpseo_canonical'] ?? '').toBe('');
    const failed = await ctx.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } });
    expect(failed.status).toBe('FAILED');
    expect(failed.rolledBackAt).not.toBeNull();
  });
});
