import type { INestApplicationContext } from '@nestjs/common';
import type { JobTypeName } from '@seology/contracts';
import { JobsService } from '../jobs/jobs.service';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { createTestEnv, teardown, type TestEnv, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const dayAgo = (days: number) => new Date(new Date(Date.now() - days * DAY).toISOString().slice(0, 10));

describe('retention (e2e: worker cron enqueues, handlers delete)', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnv();
    worker = await startTestWorker();
  }, 120_000);
  afterAll(() => teardown([['worker', () => worker?.close()], ['test database', () => env?.close()]]));

  async function run(type: JobTypeName): Promise<unknown> {
    const job = await worker.get(JobsService, { strict: false }).enqueue(type, {});
    const done = await until(() => env.prisma.job.findUniqueOrThrow({ where: { id: job.id } }), (j) => ['COMPLETED', 'FAILED'].includes(j.status));
    expect([done.status, done.error]).toEqual(['COMPLETED', null]);
    return done.result;
  }

  async function site(plan: 'FREE' | 'AGENCY'): Promise<string> {
    const user = await env.prisma.user.create({ data: { email: `retention-${Math.random().toString(36).slice(2)}@example.com`, plan } });
    const c = await env.prisma.connection.create({ data: { userId: user.id, domain: `${user.id}.example`, siteUrl: `https://${user.id}.example/`, platform: 'CUSTOM', snippetKey: `sk_${user.id}` } });
    return c.id;
  }

  it('deletes completed jobs older than 7 days and keeps newer, failed and cancelled ones', async () => {
    const rows = await Promise.all([
      env.prisma.job.create({ data: { type: 'CRAWL_SITE', status: 'COMPLETED', completedAt: ago(8) } }),
      env.prisma.job.create({ data: { type: 'CRAWL_SITE', status: 'COMPLETED', completedAt: ago(6) } }),
      env.prisma.job.create({ data: { type: 'CRAWL_SITE', status: 'FAILED', failedAt: ago(30), completedAt: ago(30) } }),
      env.prisma.job.create({ data: { type: 'CRAWL_SITE', status: 'CANCELLED', cancelledAt: ago(30) } }),
    ]);
    const result = (await run('PURGE_COMPLETED_JOBS')) as { deleted: number };
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    const left = await env.prisma.job.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true } });
    expect(left.map((j) => j.id).sort()).toEqual(rows.slice(1).map((r) => r.id).sort());
  });

  it('deletes metrics older than two years and keeps the rest', async () => {
    const connectionId = await site('FREE');
    await env.prisma.metric.createMany({
      data: [
        { connectionId, date: dayAgo(731), healthScore: 40 },
        { connectionId, date: dayAgo(729), healthScore: 50 },
        { connectionId, date: dayAgo(731), pageUrl: 'https://x.example/', clicks: 3, impressions: 9, source: 'search-console' },
        { connectionId, date: dayAgo(1), healthScore: 70 },
      ],
    });
    expect(await run('PURGE_OLD_METRICS')).toEqual({ deleted: 2 });
    const left = await env.prisma.metric.findMany({ where: { connectionId }, orderBy: { date: 'asc' }, select: { healthScore: true } });
    expect(left).toEqual([{ healthScore: 50 }, { healthScore: 70 }]);
  });

  it("deletes reports past their plan's retention", async () => {
    const free = await site('FREE');
    const agency = await site('AGENCY');
    const report = (connectionId: string, expiresAt: Date) => env.prisma.report.create({ data: { connectionId, periodFrom: ago(60), periodTo: ago(30), expiresAt, status: 'READY', pdf: new Uint8Array([37, 80, 68, 70]) } });
    const expired = await report(free, ago(1));
    const kept = await report(agency, new Date(Date.now() + 700 * DAY));
    expect(await run('PURGE_EXPIRED_REPORTS')).toEqual({ deleted: 1 });
    expect(await env.prisma.report.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await env.prisma.report.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });

  it('the daily cron only enqueues one job per kind (a second worker finds them already there)', async () => {
    const scheduler = worker.get(MaintenanceScheduler, { strict: false });
    await scheduler.enqueueRetention();
    await scheduler.enqueueRetention();
    const day = new Date().toISOString().slice(0, 10);
    const jobs = await env.prisma.job.findMany({ where: { dedupeKey: { endsWith: `:${day}` }, type: { in: ['PURGE_COMPLETED_JOBS', 'PURGE_OLD_METRICS', 'PURGE_EXPIRED_REPORTS'] } } });
    expect(jobs.map((j) => j.type).sort()).toEqual(['PURGE_COMPLETED_JOBS', 'PURGE_EXPIRED_REPORTS', 'PURGE_OLD_METRICS']);
    await scheduler.enqueueScheduledReports();
    await scheduler.enqueueScheduledReports();
    expect(await env.prisma.job.count({ where: { type: 'SEND_SCHEDULED_REPORTS' } })).toBe(1);
  });
});
