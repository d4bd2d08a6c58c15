import type { INestApplicationContext } from '@nestjs/common';
import { createTestApp, signUpUser, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';
import { connectAndCrawlSite, startDemoSite, type FixBody, type FixPageBody, type Mode, type PlanPageBody } from './testing/fixes-e2e';

/** A fix's state follows its job to the end: a job that fails for good never leaves a fix in progress. */
describe('fix lifecycle (e2e: API + worker + WordPress contract server)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    worker = await startTestWorker();
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
    ((await t.http().get(`/api/connections/${connectionId}/fixes?pageSize=100`).set(auth).expect(200)).body as FixPageBody).items;
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
    // The quota is given back right after the state changes.
    expect(await until(() => fixesUsed(user.id), (n) => n === 0, 10_000)).toBe(0);
    const issue = await t.prisma.fix.findUnique({ where: { id: fix.id }, select: { issue: { select: { status: true } } } });
    expect(issue?.issue?.status).toBe('OPEN');
  });

  it('APPLY_PLAN that gives up fails the plan and each fix still on its way, and gives their quota back', async () => {
    const site = await startDemoSite();
    const { user, connection } = await connectAndCrawl(site, 'PLAN');
    const plans = ((await t.http().get(`/api/connections/${connection.id}/plans`).set(user.auth).expect(200)).body as PlanPageBody).items;
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

  /** Sets the month's used fixes so that `left` remain on the FREE plan (10 a month). */
  async function leaveFixes(userId: string, left: number) {
    const now = new Date();
    const period = { userId, month: now.getUTCMonth() + 1, year: now.getUTCFullYear() };
    await t.prisma.usageRecord.upsert({ where: { userId_month_year: period }, create: { ...period, fixesApplied: 10 - left }, update: { fixesApplied: 10 - left } });
  }
  const impactOf = async (fixes: FixBody[]) => {
    const issues = await t.prisma.issue.findMany({ where: { id: { in: fixes.map((f) => f.issueId!).filter(Boolean) } }, select: { id: true, impactScore: true } });
    return (f: FixBody) => issues.find((i) => i.id === f.issueId)?.impactScore ?? -1;
  };

  it('FREE plan, AUTOMATIC, 2 fixes left: the 2 most impactful applicable fixes go first, the rest wait', async () => {
    const site = await startDemoSite();
    const user = await signUpUser(t);
    await leaveFixes(user.id, 2);
    const { connection } = await connectAndCrawlSite(t, user, site, 'AUTOMATIC');
    const fixes = await until(() => listFixes(user.auth, connection.id), (items) => items.length > 0 && items.every((f) => !['APPROVED', 'APPLYING'].includes(f.status)));
    await site.close();
    const went = fixes.filter((f) => f.status === 'APPLIED' || f.status === 'FAILED');
    expect(went).toHaveLength(2);
    const waiting = fixes.filter((f) => f.status === 'PROPOSED' && f.risk !== 'HIGH');
    expect(waiting.length).toBeGreaterThan(0);
    const impact = await impactOf(fixes);
    expect(Math.min(...went.map(impact))).toBeGreaterThanOrEqual(Math.max(...waiting.map(impact)));
    // A failed fix gave its quota back.
    expect((await t.prisma.usageRecord.findFirst({ where: { userId: user.id } }))?.fixesApplied).toBe(8 + went.filter((f) => f.status === 'APPLIED').length);
  });

  it('FREE plan, a plan larger than the fixes left: approval takes the most impactful it can cover, the others leave the plan PROPOSED', async () => {
    const site = await startDemoSite();
    const user = await signUpUser(t);
    await leaveFixes(user.id, 2);
    const { connection } = await connectAndCrawlSite(t, user, site, 'PLAN');
    const plan = ((await t.http().get(`/api/connections/${connection.id}/plans`).set(user.auth).expect(200)).body as PlanPageBody).items[0]!;
    const before = (await t.http().get(`/api/plans/${plan.id}`).set(user.auth).expect(200)).body as { title: string; fixes: FixBody[] };
    expect(before.fixes.length).toBeGreaterThan(2);
    const { domain } = (await t.http().get(`/api/connections/${connection.id}`).set(user.auth).expect(200)).body as { domain: string };
    expect(before.title).toBe(`${before.fixes.length} fixes for ${domain}`);
    const approved = (await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).expect(200)).body as { title: string; estimatedImpact: { fixes: number }; fixes: FixBody[] };
    expect(approved.fixes).toHaveLength(2);
    // The plan now says what it holds.
    expect([approved.title, approved.estimatedImpact.fixes]).toEqual([`2 fixes for ${domain}`, 2]);
    const impact = await impactOf(before.fixes);
    const rest = (await listFixes(user.auth, connection.id)).filter((f) => before.fixes.some((b) => b.id === f.id) && !approved.fixes.some((a) => a.id === f.id));
    expect(rest.every((f) => f.status === 'PROPOSED' && f.planId === null)).toBe(true);
    expect(Math.min(...approved.fixes.map(impact))).toBeGreaterThanOrEqual(Math.max(...rest.map(impact)));
    await until(async () => (await t.http().get(`/api/plans/${plan.id}`).set(user.auth).expect(200)).body as { status: string }, (p) => p.status === 'COMPLETED' || p.status === 'FAILED');
    await site.close();
    // No quota left: the next plan approval answers 402 and leaves everything pending.
    await leaveFixes(user.id, 0);
    const other = await t.prisma.pendingPlan.create({ data: { userId: user.id, connectionId: connection.id, title: 'More', description: 'x', estimatedImpact: {} } });
    await t.prisma.fix.update({ where: { id: rest[0]!.id }, data: { planId: other.id } });
    await t.http().post(`/api/plans/${other.id}/approve`).set(user.auth).expect(402);
    expect((await fixOf(user.auth, rest[0]!.id)).status).toBe('PROPOSED');
  });
});
