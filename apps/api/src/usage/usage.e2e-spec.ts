import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ApiErrorBody } from '@seology/contracts';
import type { CreatedApiKeyDto } from '../api-keys/dto/api-key.dto';
import type { ApiError } from '../common/filters/http-error.filter';
import { JobsService } from '../jobs/jobs.service';
import { createTestApp, signUpUser, type TestApp, teardown } from '../testing/test-app';
import type { UsageOverviewDto } from './dto/usage.dto';
import { UsageService } from './usage.service';

describe('UsageService quotas (e2e, real Postgres)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    t = await createTestApp();
    const { WorkerModule } = await import('../worker/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  });
  afterAll(async () => {
    await teardown([
      ['worker', () => worker?.close()],
      ['API and test database', () => t?.close()],
    ]);
  });

  it('never lets concurrent consumers exceed the plan limit and reports 402 with limit and usage', async () => {
    const user = await signUpUser(t); // FREE: 10 fixes a month
    const usage = t.app.get(UsageService);
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => usage.consume(user.id, 'fixesApplied')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as ApiError;
    expect(refused.getStatus()).toBe(402);
    expect(refused.details).toEqual({ meter: 'fixesApplied', limit: 10, used: 10 });
    expect(await usage.used(user.id, 'fixesApplied')).toBe(10);
    await usage.release(user.id, 'fixesApplied');
    expect(await usage.used(user.id, 'fixesApplied')).toBe(9);
  });

  it('notifies once at 80% and once at 100% of a meter, also under concurrency', async () => {
    const user = await signUpUser(t); // FREE: 10 fixes a month
    const usage = t.app.get(UsageService);
    await Promise.allSettled(Array.from({ length: 9 }, () => usage.consume(user.id, 'fixesApplied')));
    const afterNine = await t.prisma.notification.findMany({ where: { userId: user.id } });
    expect(afterNine.map((n) => n.type)).toEqual(['quota.warning']);
    expect(afterNine[0]!.message).toContain('of the 10 applied fixes');
    await Promise.allSettled(Array.from({ length: 5 }, () => usage.consume(user.id, 'fixesApplied')));
    const types = (await t.prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })).map((n) => n.type);
    expect(types).toEqual(['quota.warning', 'quota.exceeded']);
  });

  it('shows every meter of the month against the plan (GET /api/usage)', async () => {
    const user = await signUpUser(t);
    await t.app.get(UsageService).consume(user.id, 'aiTokens', 1500);
    const body = (await t.http().get('/api/usage').set(user.auth).expect(200)).body as UsageOverviewDto;
    const now = new Date();
    expect(body).toEqual({
      plan: 'FREE',
      year: now.getUTCFullYear(),
      month: now.getUTCMonth() + 1,
      meters: {
        fixesApplied: { used: 0, limit: 10 },
        apiCalls: { used: 0, limit: 1000 },
        aiTokens: { used: 1500, limit: 20000 },
        sites: { used: 0, limit: 1 },
        teamSeats: { used: 1, limit: 1 },
      },
    });
    await t.http().get('/api/usage').expect(401);
  });

  it('refuses a site past the plan\'s sites limit with 402, limit and usage', async () => {
    const user = await signUpUser(t); // FREE: 1 site
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.34/', platform: 'CUSTOM' }).expect(201);
    const refused = await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.35/', platform: 'CUSTOM' }).expect(402);
    expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { meter: 'sites', limit: 1, used: 1 } });
    expect((refused.body as ApiErrorBody).message).toContain('allows 1 site');
    expect(((await t.http().get('/api/usage').set(user.auth)).body as UsageOverviewDto).meters.sites).toEqual({ used: 1, limit: 1 });
    await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'STARTER' } });
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.35/', platform: 'CUSTOM' }).expect(201);
  });

  it('lets only one of several simultaneous creates take the last site slot', async () => {
    const user = await signUpUser(t); // FREE: 1 site
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.http().post('/api/connections').set(user.auth).send({ siteUrl: `http://93.184.216.${40 + i}/`, platform: 'CUSTOM' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 402, 402, 402, 402, 402]);
    expect(await t.prisma.connection.count({ where: { userId: user.id } })).toBe(1);
  });

  it('counts each API-key request as an API call and answers 402 past the allowance', async () => {
    const user = await signUpUser(t);
    const key = (await t.http().post('/api/api-keys').set(user.auth).send({ name: 'CI', scopes: ['connections:read'] }).expect(201)).body as CreatedApiKeyDto;
    await t.http().get('/api/connections').set('X-API-Key', key.key).expect(200);
    await t.http().get('/api/connections').set(user.auth).expect(200); // signed-in use is not metered
    await t.http().post('/api/connections').set('X-API-Key', key.key).send({ siteUrl: 'http://93.184.216.34/', platform: 'CUSTOM' }).expect(403); // refused by scope: not counted
    expect(await t.app.get(UsageService).used(user.id, 'apiCalls')).toBe(1);
    const now = new Date();
    await t.prisma.usageRecord.update({
      where: { userId_month_year: { userId: user.id, year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 } },
      data: { apiCalls: 999 },
    });
    await t.http().get('/api/connections').set('X-API-Key', key.key).expect(200);
    const over = await t.http().get('/api/connections').set('X-API-Key', key.key).expect(402);
    expect(over.body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { meter: 'apiCalls', limit: 1000, used: 1000 } });
    await t.http().get('/api/connections').set(user.auth).expect(200);
  });

  it('opens next month with zeroed counters, once, however often RESET_USAGE runs', async () => {
    const user = await signUpUser(t);
    const usage = t.app.get(UsageService);
    await usage.consume(user.id, 'fixesApplied', 7);
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.36/', platform: 'CUSTOM' }).expect(201);
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 5));
    const period = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1 };
    const jobs = worker.get(JobsService);
    const runs = [await jobs.enqueue('RESET_USAGE', period), await jobs.enqueue('RESET_USAGE', period)];
    for (const run of runs) {
      const end = Date.now() + 20_000;
      while ((await t.prisma.job.findUniqueOrThrow({ where: { id: run.id } })).status !== 'COMPLETED') {
        if (Date.now() > end) throw new Error('RESET_USAGE did not complete');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const records = await t.prisma.usageRecord.findMany({ where: { userId: user.id, ...period } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ fixesApplied: 0, apiCalls: 0, aiTokens: 0, sitesActive: 1 });
    expect(await usage.used(user.id, 'fixesApplied')).toBe(7); // this month is untouched

    // In the next month the meter reads zero and the full allowance is available again.
    jest.useFakeTimers({ now: next, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      expect(await usage.used(user.id, 'fixesApplied')).toBe(0);
      expect(await usage.consume(user.id, 'fixesApplied', 10)).toEqual({ meter: 'fixesApplied', used: 10, limit: 10 });
    } finally {
      jest.useRealTimers();
    }
    expect(await t.prisma.usageRecord.count({ where: { userId: user.id } })).toBe(2);
  });
});
