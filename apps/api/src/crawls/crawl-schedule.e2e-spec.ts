import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { ApiErrorBody } from '@seology/contracts';
import type { ConnectionDto, ConnectionPageDto } from '../connections/dto/connection.dto';
import { signUpUser, until } from '../testing/test-app';
import { onLocalPort, useTestAppWithWorker } from '../testing/test-worker';
import { CrawlsScheduler } from './crawls.scheduler';

/** A site behind a "login": pages answer 200 only with the session cookie; every request is recorded. */
function startLoginSite(pageCount: number) {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nAllow: /\n');
    }
    if (req.headers.cookie !== 'session=members-only') {
      res.writeHead(302, { location: '/login' });
      return res.end();
    }
    const links = Array.from({ length: pageCount }, (_, i) => `<a href="/p/${i + 1}">Product ${i + 1}</a> <a href="/archive/${i + 1}">Old ${i + 1}</a>`).join(' ');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Members page ${path}</title></head><body><h1>${path}</h1>${links}</body></html>`);
  });
  return {
    requests,
    ...onLocalPort(server),
  };
}

describe('crawl settings and schedule (e2e: API + worker cron + real site)', () => {
  const env = useTestAppWithWorker({ SSRF_ALLOW_HOSTS: '127.0.0.1' });

  it('validates the settings with messages a person can act on', async () => {
    const { t } = env;
    const user = await signUpUser(t);
    const site = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    const tooFast = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { requestsPerSecond: 500 } }).expect(400);
    expect((tooFast.body as ApiErrorBody).message).toContain('crawlSettings.requestsPerSecond must not be greater than 20');
    const twoLines = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { userAgent: 'a\r\nX-Evil: 1' } }).expect(400);
    expect(JSON.stringify((twoLines.body as ApiErrorBody).message)).toContain('userAgent must be a single line');
    const badHeader = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { headers: { Host: 'evil' } } }).expect(400);
    expect((badHeader.body as ApiErrorBody).message).toContain('"Host" cannot be used as a header name');
    const badSchedule = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlFrequencyHours: 10_000 }).expect(400);
    expect(JSON.stringify((badSchedule.body as ApiErrorBody).message)).toContain('crawlFrequencyHours must not be greater than 720');
  });

  it('holds the schedule to the owner\'s plan: a shorter one is refused with what allows it, and a downgraded plan\'s cron waits its interval', async () => {
    const { t, worker } = env;
    const user = await signUpUser(t);
    // Creating a site with a daily schedule on Free is refused, and no site is created.
    const refusedCreate = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', crawlFrequencyHours: 24 }).expect(402);
    expect(refusedCreate.body).toMatchObject({ code: 'PLAN_LIMIT', details: { plan: 'FREE', minCrawlFrequencyHours: 168, requested: 24 } });
    expect((refusedCreate.body as ApiErrorBody).message).toBe('The Free plan re-crawls a site at most every week (168 hours); choose a longer schedule or upgrade (Starter allows every day (24 hours)).');
    expect(await t.prisma.connection.count({ where: { userId: user.id } })).toBe(0);

    const site = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', crawlFrequencyHours: 168 }).expect(201)).body as ConnectionDto;
    expect(site).toMatchObject({ ownerPlan: 'FREE', minCrawlFrequencyHours: 168, crawlFrequencyHours: 168 });
    const refused = await t.http().patch(`/api/connections/${site.id}`).set(user.auth)
      .send({ crawlFrequencyHours: 24, crawlSettings: { maxPages: 5 } }).expect(402);
    expect((refused.body as ApiErrorBody).code).toBe('PLAN_LIMIT');
    const unchanged = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(unchanged.crawlFrequencyHours).toBe(168);
    expect((unchanged.crawlSettings as { maxPages?: number }).maxPages).toBeUndefined(); // nothing of the refused request was written

    // On Starter, daily is allowed, and the site says so.
    await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'STARTER' } });
    const daily = (await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlFrequencyHours: 24 }).expect(200)).body as ConnectionDto;
    expect(daily).toMatchObject({ ownerPlan: 'STARTER', minCrawlFrequencyHours: 24, crawlFrequencyHours: 24 });
    const listed = ((await t.http().get('/api/connections').set(user.auth).expect(200)).body as ConnectionPageDto).items;
    expect(listed.find((c) => c.id === site.id)?.minCrawlFrequencyHours).toBe(24);

    // Back on Free, the stored daily schedule runs weekly: the cron's next run is a week away, not a day.
    await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'FREE' } });
    await t.prisma.connection.update({ where: { id: site.id }, data: { nextCrawlAt: new Date(Date.now() - 60_000) } });
    await worker.get(CrawlsScheduler).enqueueDueCrawls();
    const after = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(after.nextCrawlAt!.getTime()).toBeGreaterThan(Date.now() + 167 * 3_600_000);
  });

  it('shows the next run, and the cron starts a due crawl that uses the site\'s settings', async () => {
    const { t, worker } = env;
    const site = startLoginSite(6);
    const port = await site.listen();
    try {
      const user = await signUpUser(t);
      const created = (await t.http().post('/api/connections').set(user.auth)
        .send({ siteUrl: `http://127.0.0.1:${port}/`, platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
      expect(created.crawlFrequencyHours).toBeNull();
      expect(created.nextCrawlAt).toBeNull();

      const before = Date.now();
      const updated = (await t.http().patch(`/api/connections/${created.id}`).set(user.auth).send({
        crawlFrequencyHours: 168,
        crawlSettings: {
          maxPages: 4,
          exclude: ['/archive/*'],
          requestsPerSecond: 5,
          userAgent: 'AcmeAuditBot/2.0 (+https://acme.example/bot)',
          headers: { Cookie: 'session=members-only' },
        },
      }).expect(200)).body as ConnectionDto;
      // Weekly: the next run is a week from now; the header's value is never echoed back.
      const next = new Date(updated.nextCrawlAt!).getTime();
      expect(next).toBeGreaterThanOrEqual(before + 168 * 3_600_000 - 1_000);
      expect(next).toBeLessThanOrEqual(Date.now() + 168 * 3_600_000 + 1_000);
      expect(updated.crawlSettings).toMatchObject({ maxPages: 4, exclude: ['/archive/*'], requestsPerSecond: 5, headerNames: ['Cookie'] });
      expect(JSON.stringify(updated)).not.toContain('members-only');
      const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: created.id } });
      expect(JSON.stringify(row.crawlSettings)).not.toContain('members-only'); // stored encrypted

      // Not due yet: the cron starts nothing.
      const scheduler = worker.get(CrawlsScheduler);
      expect(await scheduler.enqueueDueCrawls()).toBe(0);
      expect(await t.prisma.crawl.count({ where: { connectionId: created.id } })).toBe(0);

      // Due: exactly one crawl starts, even when two workers run the cron at once.
      await t.prisma.connection.update({ where: { id: created.id }, data: { nextCrawlAt: new Date(Date.now() - 60_000) } });
      const started = await Promise.all([scheduler.enqueueDueCrawls(), scheduler.enqueueDueCrawls()]);
      expect(started[0] + started[1]).toBe(1);
      const crawl = await until(
        () => t.prisma.crawl.findFirst({ where: { connectionId: created.id } }),
        (c) => c?.status === 'COMPLETED' || c?.status === 'FAILED',
      );
      expect(crawl!.status).toBe('COMPLETED');

      const pages = site.requests.filter((r) => r.path !== '/robots.txt' && !r.path.endsWith('.xml') && !r.path.endsWith('.txt'));
      expect(pages.length).toBeGreaterThan(0);
      for (const request of pages) {
        expect(request.headers['user-agent']).toBe('AcmeAuditBot/2.0 (+https://acme.example/bot)');
        expect(request.headers.cookie).toBe('session=members-only');
      }
      expect(pages.some((r) => r.path.startsWith('/archive/'))).toBe(false);
      expect(crawl!.pagesCrawled).toBe(4);
      const stored = await t.prisma.crawledPage.findMany({ where: { crawlId: crawl!.id }, select: { status: true } });
      expect(stored.every((p) => p.status === 200)).toBe(true); // the cookie got past the login

      // The schedule moved on by a week, and the site shows it.
      const after = (await t.http().get(`/api/connections/${created.id}`).set(user.auth).expect(200)).body as ConnectionDto;
      expect(new Date(after.nextCrawlAt!).getTime()).toBeGreaterThan(Date.now() + 167 * 3_600_000);

      // Off: no next run, and the cron leaves the site alone.
      const off = (await t.http().patch(`/api/connections/${created.id}`).set(user.auth).send({ crawlFrequencyHours: null }).expect(200)).body as ConnectionDto;
      expect(off.nextCrawlAt).toBeNull();
      await t.prisma.connection.update({ where: { id: created.id }, data: { nextCrawlAt: new Date(Date.now() - 60_000) } });
      expect(await scheduler.enqueueDueCrawls()).toBe(0);
    } finally {
      await site.close();
    }
  });
});
