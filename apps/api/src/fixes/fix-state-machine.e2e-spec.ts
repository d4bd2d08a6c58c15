import type { FixStatus } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import { createTestApp, signUpUser, teardown, type TestApp } from '../testing/test-app';
import { FIX_TRANSITIONS, FixStateMachine, IllegalFixTransitionError, isAllowedFixTransition } from './fix-state-machine';

describe('FIX_TRANSITIONS', () => {
  it('ends at REJECTED and ROLLED_BACK, and never goes back to PROPOSED except from MANUAL', () => {
    expect(FIX_TRANSITIONS.REJECTED).toEqual([]);
    expect(FIX_TRANSITIONS.ROLLED_BACK).toEqual([]);
    const toProposed = (Object.keys(FIX_TRANSITIONS) as FixStatus[]).filter((from) => isAllowedFixTransition(from, 'PROPOSED'));
    expect(toProposed).toEqual(['MANUAL']);
  });

  it('only lets a fix that went through APPLYING become APPLIED (or return there from a rollback that did not happen)', () => {
    const toApplied = (Object.keys(FIX_TRANSITIONS) as FixStatus[]).filter((from) => isAllowedFixTransition(from, 'APPLIED'));
    expect(toApplied.sort()).toEqual(['APPLYING', 'ROLLING_BACK']);
  });
});

describe('FixStateMachine (real Postgres)', () => {
  let t: TestApp;
  let states: FixStateMachine;
  beforeAll(async () => {
    t = await createTestApp();
    states = t.app.get(FixStateMachine);
  }, 180_000);
  afterAll(() => teardown([['app', () => t?.close()]]));

  async function fixIn(status: FixStatus, planId?: string) {
    const user = await signUpUser(t);
    const site = await t.prisma.connection.create({
      data: { userId: user.id, domain: `s${randomBytes(4).toString('hex')}.example`, siteUrl: 'https://s.example/', platform: 'CUSTOM', snippetKey: randomBytes(8).toString('hex') },
    });
    const fix = await t.prisma.fix.create({ data: { connectionId: site.id, userId: user.id, type: 'title', status, pageUrl: 'https://s.example/a', afterValue: 'A title', ...(planId ? { planId } : {}) } });
    return { user, site, fix };
  }
  const statusEntries = (fixId: string) => t.prisma.auditLog.findMany({ where: { action: 'fix.status', resourceId: fixId }, orderBy: { seq: 'asc' } });

  it('moves the fix, writes the fields and one audit entry with the status before and after', async () => {
    const { user, site, fix } = await fixIn('APPROVED');
    expect(await states.transition(fix.id, ['APPROVED'], 'APPLYING', { failureReason: 'cleared' }, { reason: 'job took it' })).toBe(true);
    expect(await t.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } })).toMatchObject({ status: 'APPLYING', failureReason: 'cleared' });
    const entries = await statusEntries(fix.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'SYSTEM', userId: user.id, teamId: null, connectionId: site.id, resourceType: 'fix', before: { status: 'APPROVED' }, after: { status: 'APPLYING' }, metadata: { reason: 'job took it' } });
  });

  it('does nothing (no change, no entry) when the fix is no longer in one of the expected states', async () => {
    const { fix } = await fixIn('APPLIED');
    expect(await states.transition(fix.id, ['APPLYING', 'APPROVED'], 'FAILED', { failureReason: 'late' })).toBe(false);
    expect(await t.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } })).toMatchObject({ status: 'APPLIED', failureReason: null });
    expect(await statusEntries(fix.id)).toHaveLength(0);
  });

  it('lets exactly one of two concurrent callers win', async () => {
    const { fix } = await fixIn('PROPOSED');
    const results = await Promise.all([
      states.transition(fix.id, ['PROPOSED'], 'APPROVED', { approvedAt: new Date() }),
      states.transition(fix.id, ['PROPOSED'], 'REJECTED', { rejectedAt: new Date() }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await t.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } });
    expect(after.status).toBe(results[0] ? 'APPROVED' : 'REJECTED');
    expect(await statusEntries(fix.id)).toHaveLength(1);
  });

  it('refuses a transition the table does not allow before touching the fix', async () => {
    const { fix } = await fixIn('APPLIED');
    await expect(states.transition(fix.id, ['APPLIED'], 'APPROVED')).rejects.toBeInstanceOf(IllegalFixTransitionError);
    await expect(states.transition(fix.id, ['ROLLED_BACK'], 'APPLIED')).rejects.toThrow('A fix cannot go from ROLLED_BACK to APPLIED.');
    expect((await t.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } })).status).toBe('APPLIED');
    expect(await statusEntries(fix.id)).toHaveLength(0);
  });

  it('moves the fixes of a plan that are in the expected state, one entry each, on behalf of the person', async () => {
    const { user, site, fix } = await fixIn('PROPOSED');
    const plan = await t.prisma.pendingPlan.create({ data: { userId: user.id, connectionId: site.id, title: 'plan', estimatedImpact: {} } });
    await t.prisma.fix.update({ where: { id: fix.id }, data: { planId: plan.id } });
    const other = await t.prisma.fix.create({ data: { connectionId: site.id, userId: user.id, planId: plan.id, type: 'metaDescription', status: 'PROPOSED', pageUrl: 'https://s.example/b', afterValue: 'B' } });
    const manual = await t.prisma.fix.create({ data: { connectionId: site.id, userId: user.id, planId: plan.id, type: 'h1', status: 'MANUAL', pageUrl: 'https://s.example/c', afterValue: 'C' } });
    const actor = { userId: user.id, email: user.email, role: 'USER' as const, via: 'jwt' as const };
    expect(await states.transitionPlanFixes(plan.id, ['PROPOSED'], 'REJECTED', { rejectionReason: 'Plan rejected: no' }, { actor, reason: 'plan rejected' })).toBe(2);
    const rows = await t.prisma.fix.findMany({ where: { planId: plan.id }, orderBy: { pageUrl: 'asc' } });
    expect(rows.map((r) => [r.id, r.status, r.rejectionReason])).toEqual([
      [fix.id, 'REJECTED', 'Plan rejected: no'],
      [other.id, 'REJECTED', 'Plan rejected: no'],
      [manual.id, 'MANUAL', null],
    ]);
    for (const id of [fix.id, other.id]) expect(await statusEntries(id)).toEqual([expect.objectContaining({ actorType: 'USER', userId: user.id, after: { status: 'REJECTED' } })]);
    expect(await statusEntries(manual.id)).toHaveLength(0);
  });
});
