import type { ApiErrorBody } from '@seology/contracts';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { PlanBody, PlanPageBody } from '../fixes/testing/fixes-e2e';
import { createTestApp, signUpUser, teardown, type TestApp } from '../testing/test-app';

describe('partial plan approval within the fix quota (e2e: API + Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1' });
  }, 180_000);
  afterAll(() => teardown([['app', () => t?.close()]]));

  async function planOf(size: number) {
    const user = await signUpUser(t);
    const site = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', executionMode: 'PLAN' }).expect(201)).body as ConnectionDto;
    const plan = await t.prisma.pendingPlan.create({ data: { userId: user.id, connectionId: site.id, title: `${size} fixes`, estimatedImpact: { fixes: size } } });
    const fixes = [];
    for (let i = 0; i < size; i++) {
      fixes.push(await t.prisma.fix.create({
        data: {
          connectionId: site.id, userId: user.id, planId: plan.id, type: 'title', risk: 'LOW', status: 'PROPOSED',
          pageUrl: `http://127.0.0.1:9/p/${i}`, beforeValue: `P${i}`, afterValue: `Product ${i}: a title long enough to be useful`,
        },
      }));
    }
    return { user, plan, fixes };
  }

  it('approves the fixes a person picks; the rest leave the plan and stay proposed', async () => {
    const { user, plan, fixes } = await planOf(15);
    // (Approving the whole plan over the FREE quota approves the most impactful that fit: fix-lifecycle.e2e-spec.ts.)

    const unknown = await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).send({ fixIds: [fixes[0]!.id, 'not-a-fix'] }).expect(400);
    expect((unknown.body as ApiErrorBody).message).toBe('fixIds: not-a-fix is not a proposed fix of this plan.');
    const none = await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).send({ fixIds: [] }).expect(400);
    expect(JSON.stringify((none.body as ApiErrorBody).message)).toContain('fixIds must name at least one fix');

    const chosen = fixes.slice(5).map((f) => f.id);
    const approved = (await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).send({ fixIds: chosen }).expect(200)).body as PlanBody;
    expect(approved.status).toBe('APPROVED');
    expect(approved.fixes.map((f) => f.id).sort()).toEqual([...chosen].sort());
    expect(approved.fixes.every((f) => f.status === 'APPROVED')).toBe(true);
    // The plan's title and counts follow: it holds 10 fixes now, not the 15 it was proposed with.
    expect(approved.title).toBe('10 fixes for 127.0.0.1:9');
    expect(approved.estimatedImpact).toMatchObject({ fixes: 10, byRisk: { LOW: 10, MEDIUM: 0, HIGH: 0 }, byType: { title: 10 } });
    expect(approved.description).toContain('5 fixes left the plan at approval and stay proposed.');
    const listed = (await t.http().get(`/api/connections/${plan.connectionId}/plans`).set(user.auth).expect(200)).body as PlanPageBody;
    expect(listed.items.find((p) => p.id === plan.id)?.title).toBe('10 fixes for 127.0.0.1:9');

    const leftOut = await t.prisma.fix.findMany({ where: { id: { in: fixes.slice(0, 5).map((f) => f.id) } } });
    expect(leftOut.map((f) => [f.status, f.planId])).toEqual(Array(5).fill(['PROPOSED', null]));
    const usage = await t.prisma.usageRecord.findMany({ where: { userId: user.id } });
    expect(usage.reduce((sum, u) => sum + u.fixesApplied, 0)).toBe(10);
  });

  it('keeps other tenants out', async () => {
    const { plan, fixes } = await planOf(2);
    const stranger = await signUpUser(t, 'stranger');
    await t.http().post(`/api/plans/${plan.id}/approve`).set(stranger.auth).send({ fixIds: [fixes[0]!.id] }).expect(404);
    expect(await t.prisma.fix.count({ where: { planId: plan.id, status: 'PROPOSED' } })).toBe(2);
  });

  it('still approves a whole plan sent without a body, as integrators do', async () => {
    const { user, plan } = await planOf(2);
    const body = (await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).expect(200)).body as PlanBody;
    expect(body.fixes.map((f) => f.status)).toEqual(['APPROVED', 'APPROVED']);
  });
});
