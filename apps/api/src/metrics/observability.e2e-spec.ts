import type { INestApplicationContext } from '@nestjs/common';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the connectors' test servers are not part of the library's public API
import { startStaticSiteServer, type StaticSiteServer } from '../../../../libs/connectors/src/testing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { CrawlDto } from '../crawls/dto/crawl.dto';
import { createTestApp, signUpUser, type TestApp, until } from '../testing/test-app';
import { closeTestAppAndWorker, startTestWorker } from '../testing/test-worker';
import { Prisma } from '@prisma/client';
import { loadConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { startMetricsServer } from './metrics-endpoint';

const METRICS_TOKEN = 'scrape-token-0123456789';

/** Every JSON log line written to stdout since the test file started (the processes' log destination). */
const written: string[] = [];
function logLines(): Record<string, unknown>[] {
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('logs and metrics (e2e: API + worker, real Postgres and Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let site: StaticSiteServer;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      written.push(text);
      // Log lines are kept for the assertions; anything else (Jest's own output) is printed as usual.
      return text.startsWith('{"level"') ? true : write(chunk, ...(rest as []));
    });
    site = await startStaticSiteServer({
      '/': '<!doctype html><html lang="en"><head><title>Home of the observability test site</title></head><body><h1>Home</h1><a href="/a">A</a></body></html>',
      '/a': '<!doctype html><html lang="en"><head><title>Page A of the observability test site</title></head><body><h1>A</h1><a href="/">home</a></body></html>',
    });
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', METRICS_TOKEN });
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await closeTestAppAndWorker(t, worker);
    await site?.close();
    jest.restoreAllMocks();
  }, 150_000);

  it('GET /metrics refuses a scrape without the token, and with a wrong one', async () => {
    const none = await t.http().get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.text).not.toContain('seology_');
    const wrong = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`);
    expect(wrong.status).toBe(401);
    const asApiKey = await t.http().get('/metrics').set('X-API-Key', METRICS_TOKEN);
    expect(asApiKey.status).toBe(401);
  });

  it('is not part of the public OpenAPI document', async () => {
    const body = (await t.http().get('/api/openapi.json').expect(200)).body as OpenAPIObject;
    expect(Object.keys(body.paths).filter((path) => path.includes('metrics'))).toEqual([]);
  });

  it("a request's log line carries its request id (the caller's when acceptable), echoed in the answer", async () => {
    const user = await signUpUser(t);
    const res = await t.http().get('/api/connections/c-does-not-exist').set(user.auth).set('X-Request-Id', 'obs-req-42');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('obs-req-42');
    expect((res.body as { requestId: string }).requestId).toBe('obs-req-42');

    const forged = await t.http().get('/api/connections/c-does-not-exist').set(user.auth).set('X-Request-Id', 'two words\tand a tab');
    const generated = forged.headers['x-request-id'] as string;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((forged.body as { requestId: string }).requestId).toBe(generated);

    await until(() => logLines().filter((line) => line.requestId === 'obs-req-42' || line.requestId === generated).length, (n) => n >= 2, 5_000);
    const line = logLines().find((l) => l.requestId === 'obs-req-42');
    expect(line).toMatchObject({ level: 30, service: 'api', route: '/api/connections/:id', res: { statusCode: 404 }, req: { method: 'GET', url: '/api/connections/c-does-not-exist' } });
    // Headers are not logged: the access token never reaches the output.
    expect(written.join('')).not.toContain(user.accessToken);
  });

  it("a job's log lines carry jobId, type and connectionId; /metrics then has the request, job, crawl and queue series", async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: `${site.url}/`, platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    const crawl = (await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth).expect(201)).body as CrawlDto;
    const crawlId = crawl.id;
    await until(async () => ((await t.http().get(`/api/crawls/${crawlId}`).set(user.auth)).body as CrawlDto).status, (s) => s === 'COMPLETED', 60_000);
    const job = await t.prisma.job.findFirstOrThrow({ where: { type: 'CRAWL_SITE', connectionId: connection.id } });

    const jobLines = await until(() => logLines().filter((l) => l.jobId === job.id), (lines) => lines.some((l) => String(l.msg).includes('completed')), 10_000);
    for (const line of jobLines) expect(line).toMatchObject({ jobId: job.id, type: 'CRAWL_SITE', queue: 'crawl' });
    expect(jobLines.find((l) => String(l.msg).includes('completed'))).toMatchObject({ connectionId: job.connectionId, context: 'JobRunner', durationMs: expect.any(Number) as unknown });

    const scrape = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scrape.text;
    expect(sample(text, 'seology_http_request_duration_seconds_count{method="GET",route="/api/connections/:id",status="404"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'seology_http_request_duration_seconds_count{method="POST",route="/api/connections/:connectionId/crawls",status="201"}')).toBeGreaterThanOrEqual(1);
    // Raw URLs with ids never become labels.
    expect(text).not.toContain('c-does-not-exist');
    expect(sample(text, 'seology_jobs_total{type="CRAWL_SITE",outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'seology_job_duration_seconds_count{type="CRAWL_SITE"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'seology_crawl_pages_total')).toBeGreaterThanOrEqual(2);
    for (const queue of ['crawl', 'fixes', 'maintenance', 'delivery']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(sample(text, `seology_queue_jobs{queue="${queue}",state="${state}"}`)).toEqual(expect.any(Number));
      }
    }
    expect(sample(text, 'seology_db_pool_max')).toBe(10);
    expect(sample(text, 'seology_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
  });

  it('queue depth is read from BullMQ on scrape', async () => {
    const failedSet = `${t.queuePrefix}:bull:maintenance:failed`;
    const series = 'seology_queue_jobs{queue="maintenance",state="failed"}';
    const scrape = async () => sample((await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text, series);
    const before = (await scrape()) ?? -1;
    // An entry in the queue's failed set, where BullMQ keeps failed jobs (workers never pick them up).
    await t.redis.zadd(failedSet, String(Date.now()), 'observability-probe');
    const after = await scrape();
    await t.redis.zrem(failedSet, 'observability-probe');
    expect(after).toBe(before + 1);
  });

  it("the worker's own metrics endpoint answers the same token with the job series", async () => {
    const server: Server = await startMetricsServer(0, METRICS_TOKEN, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      await request(`http://127.0.0.1:${port}`).get('/metrics').expect(401);
      const res = await request(`http://127.0.0.1:${port}`).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(res.text).toContain('seology_jobs_total{type="CRAWL_SITE",outcome="completed"}');
      await request(`http://127.0.0.1:${port}`).get('/other').expect(404);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    // Without METRICS_TOKEN there is nothing to scrape, whatever is sent.
    const closed: Server = await startMetricsServer(0, undefined, '127.0.0.1');
    try {
      const { port } = closed.address() as AddressInfo;
      await request(`http://127.0.0.1:${port}`).get('/metrics').set('Authorization', 'Bearer ').expect(404);
      await request(`http://127.0.0.1:${port}`).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
    } finally {
      closed.closeAllConnections();
      await new Promise((resolve) => closed.close(resolve));
    }
  });

  it('counts statements slower than DB_SLOW_QUERY_MS, from Prisma and from the raw pool', async () => {
    const prisma = new PrismaService(loadConfig({ ...process.env, DB_SLOW_QUERY_MS: '250' }));
    const scrape = async () => (await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    try {
      const before = await scrape();
      await prisma.user.count();
      await prisma.rows(Prisma.sql`SELECT 1 AS one`);
      await prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.4)`;
      await prisma.rows(Prisma.sql`SELECT 1 AS one FROM pg_sleep(0.4)`);
      const after = await scrape();
      for (const client of ['prisma', 'raw']) {
        const series = `seology_db_slow_queries_total{client="${client}"}`;
        expect({ client, added: (sample(after, series) ?? 0) - (sample(before, series) ?? 0) }).toEqual({ client, added: 1 });
      }
      const warning = logLines().find((l) => l.context === 'PrismaService' && String(l.msg).startsWith('slow raw statement'));
      expect(warning).toMatchObject({ level: 40, statement: 'SELECT 1 AS one FROM pg_sleep(0.4)', durationMs: expect.any(Number) as unknown });
    } finally {
      await prisma.onModuleDestroy();
    }
  });
});
