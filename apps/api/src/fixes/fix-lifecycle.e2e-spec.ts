import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createTestApp, signUpUser, type TestApp, until } from '../testing/test-app';
import { connectAndCrawlSite, startDemoSite, type FixBody, type Mode } from './testing/fixes-e2e';

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

  async function connectAndCrawl(site: { url: string }, executionMode: Mode, plan: 'FREE' | 'PRO' = 'PRO') {
    const user = await signUpUser(t);
    await t.prisma.user.update({ where: { id: user.id }, data: { plan } });
    return connectAndCrawlSite(t, user, site, executionMode);
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
