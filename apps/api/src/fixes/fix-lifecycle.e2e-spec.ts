import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers are not part of the libraries' public entry points
import { startWordPressContractServer, type WordPressContractServer } from '../../../../libs/connectors/src/testing';
import { DEMO_MEDIA, DEMO_PAGES, DEMO_POSTS, DEMO_SITE_CREDENTIALS } from '../../../../scripts/demo-site-content';
import { createTestApp, signUpUser, type TestApp, until } from '../testing/test-app';

interface FixBody {
  id: string;
  type: string;
  status: string;
  risk: string;
  pageUrl: string;
  failureReason: string | null;
  planId: string | null;
}

function startDemoSite(): Promise<WordPressContractServer> {
  return startWordPressContractServer({
    siteName: 'The Corner Bakery', plugins: ['yoast'], users: [{ ...DEMO_SITE_CREDENTIALS, role: 'editor' }],
    pages: DEMO_PAGES, posts: DEMO_POSTS, media: DEMO_MEDIA, frontPageId: 2,
  });
}

/** A fix's state follows its job to the end: a job that fails for good never leaves a fix in progress. */
describe('fix lifecycle (e2e: API + worker + WordPress contract server)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    // eslint-disable-next-line @nx/enforce-module-boundaries -- the worker runs in this process, as in crawls.e2e-spec.ts
    const { WorkerModule } = await import('../../../worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  type Mode = 'APPROVE' | 'AUTOMATIC' | 'PLAN';
  async function connectAndCrawl(site: WordPressContractServer, executionMode: Mode, plan: 'FREE' | 'PRO' = 'PRO') {
    const user = await signUpUser(t);
    await t.prisma.user.update({ where: { id: user.id }, data: { plan } });
    const { body: connection } = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${site.url}/`, platform: 'WORDPRESS', executionMode, displayName: 'Demo bakery', wordpress: DEMO_SITE_CREDENTIALS }).expect(201);
    const started = await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth).expect(201);
    const job = await until(
      () => t.prisma.job.findFirst({ where: { type: 'ANALYZE_SITE', payload: { path: ['crawlId'], equals: started.body.id } } }),
      (j) => j?.status === 'COMPLETED' || j?.status === 'FAILED',
    );
    expect(job?.error ?? null).toBeNull();
    return { user, connection: connection as { id: string } };
  }

  const listFixes = async (auth: Record<string, string>, connectionId: string) =>
    (await t.http().get(`/api/connections/${connectionId}/fixes?pageSize=100`).set(auth).expect(200)).body.items as FixBody[];
  const fixOf = async (auth: Record<string, string>, id: string) => (await t.http().get(`/api/fixes/${id}`).set(auth).expect(200)).body as FixBody;
  const fixesUsed = async (userId: string) => (await t.prisma.usageRecord.findFirst({ where: { userId } }))?.fixesApplied ?? 0;

  it('APPLY_FIX that gives up (the site stopped answering) leaves the fix FAILED with the reason and gives the quota back', async () => {
    const site = await startDemoSite();
    const { user, connection } = await connectAndCrawl(site, 'APPROVE');
    const fix = (await listFixes(user.auth, connection.id)).find((f) => f.status === 'PROPOSED' && f.risk !== 'HIGH')!;
    await site.close();
    await t.http().post(`/api/fixes/${fix.id}/approve`).set(user.auth).expect(200);
    expect(await fixesUsed(user.id)).toBe(1);
    const job = await until(() => t.prisma.job.findFirst({ where: { type: 'APPLY_FIX', payload: { path: ['fixId'], equals: fix.id } } }), (j) => j?.status === 'FAILED');
    expect(job!.attempts).toBe(job!.maxAttempts);
    const failed = await until(() => fixOf(user.auth, fix.id), (f) => f.status !== 'APPROVED' && f.status !== 'APPLYING', 10_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/gave up applying this fix after its last attempt/);
    expect(await fixesUsed(user.id)).toBe(0);
    const issue = await t.prisma.fix.findUnique({ where: { id: fix.id }, select: { issue: { select: { status: true } } } });
    expect(issue?.issue?.status).toBe('OPEN');
  });

  it('APPLY_PLAN that gives up fails the plan and each fix still on its way, and gives their quota back', async () => {
    const site = await startDemoSite();
    const { user, connection } = await connectAndCrawl(site, 'PLAN');
    const plans = (await t.http().get(`/api/connections/${connection.id}/plans`).set(user.auth).expect(200)).body.items as Array<{ id: string }>;
    expect(plans).toHaveLength(1);
    await site.close();
    const approved = (await t.http().post(`/api/plans/${plans[0]!.id}/approve`).set(user.auth).expect(200)).body as { fixes: FixBody[] };
    const count = approved.fixes.filter((f) => f.status === 'APPROVED').length;
    expect(count).toBeGreaterThan(0);
    expect(await fixesUsed(user.id)).toBe(count);
    const plan = await until(async () => (await t.http().get(`/api/plans/${plans[0]!.id}`).set(user.auth).expect(200)).body as { status: string; fixes: FixBody[] }, (p) => p.status === 'FAILED');
    expect(plan.fixes.filter((f) => f.status === 'APPROVED' || f.status === 'APPLYING')).toEqual([]);
    expect(plan.fixes.filter((f) => f.status === 'FAILED').length).toBe(count);
    expect(plan.fixes.every((f) => f.status !== 'FAILED' || /gave up/.test(f.failureReason ?? ''))).toBe(true);
    expect(await fixesUsed(user.id)).toBe(0);
  });

  it('ROLLBACK_FIX that gives up puts the fix back to APPLIED with the reason (the change is still live)', async () => {
    const site = await startDemoSite();
    const { user, connection } = await connectAndCrawl(site, 'APPROVE');
    const fix = (await listFixes(user.auth, connection.id)).find((f) => f.type === 'metaDescription')!;
    await t.http().post(`/api/fixes/${fix.id}/approve`).set(user.auth).expect(200);
    await until(() => fixOf(user.auth, fix.id), (f) => f.status === 'APPLIED');
    await site.close();
    await t.http().post(`/api/fixes/${fix.id}/rollback`).set(user.auth).send({}).expect(200);
    await until(() => t.prisma.job.findFirst({ where: { type: 'ROLLBACK_FIX', payload: { path: ['fixId'], equals: fix.id } } }), (j) => j?.status === 'FAILED');
    const back = await until(() => fixOf(user.auth, fix.id), (f) => f.status !== 'ROLLING_BACK', 10_000);
    expect(back.status).toBe('APPLIED');
    expect(back.failureReason).toMatch(/Rollback failed after its last attempt.*still live/);
  });
});
