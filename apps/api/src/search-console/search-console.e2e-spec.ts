import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from '@prisma/client';
import { impactScore } from '@seology/audit';
import type { ApiErrorBody } from '@seology/contracts';
import type { Page } from '../common/dto/pagination.dto';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { FixDto } from '../fixes/dto/fix.dto';
import type { IssueGroupPageDto, IssuePageDto } from '../issues/dto/issue.dto';
import { JobsService } from '../jobs/jobs.service';
import type { CrawledPageListDto, PageDetailDto } from '../pages/dto/page.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';
import { startSearchConsoleContractServer, type SearchAnalyticsRow, type SearchConsoleContractServer } from '@seology/connectors/testing';
import type { FixImpactSummaryDto } from './dto/fix-impact.dto';
import type { SearchConsoleAuthorizationDto, SearchConsolePropertiesDto, SearchConsoleStatusDto } from './dto/search-console.dto';

const SITE = 'http://93.184.216.34/';
const APP_URL = 'http://app.seology.test';
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('Search Console (e2e: API + worker + contract server)', () => {
  let t: TestApp;
  let google: SearchConsoleContractServer;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    google = await startSearchConsoleContractServer();
    t = await createTestApp({
      APP_URL,
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_OAUTH_BASE: google.origin,
      SEARCH_CONSOLE_API_BASE: google.origin,
      SEARCH_CONSOLE_BACKOFF_MS: '10',
    });
    worker = await startTestWorker();
    // Booting the app and the worker on a busy machine can take more than Jest's default.
  }, 180_000);
  afterAll(() => teardown([['worker', () => worker?.close()], ['app', () => t?.close()], ['google', () => google?.close()]]));

  async function newSite(user: { auth: { Authorization: string } }, siteUrl = SITE): Promise<string> {
    const site = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl, platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    return site.id;
  }

  async function authorize(user: { auth: { Authorization: string } }, siteId: string): Promise<URL> {
    const authorization = (await t.http().post(`/api/connections/${siteId}/search-console/authorize`).set(user.auth).expect(201)).body as SearchConsoleAuthorizationDto;
    return new URL(authorization.authorizationUrl);
  }

  async function searchConsoleStatus(user: { auth: { Authorization: string } }, siteId: string): Promise<SearchConsoleStatusDto> {
    return (await t.http().get(`/api/connections/${siteId}/search-console`).set(user.auth).expect(200)).body as SearchConsoleStatusDto;
  }

  /** The browser's round trip: Seology's consent URL → Google (consents at once) → Seology's callback. */
  async function consent(user: { auth: { Authorization: string } }, siteId: string): Promise<string> {
    const authorizationUrl = await authorize(user, siteId);
    expect(authorizationUrl.origin).toBe(google.origin);
    expect(authorizationUrl.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/webmasters.readonly');
    expect(authorizationUrl.searchParams.get('access_type')).toBe('offline');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(`${APP_URL}/api/search-console/callback`);
    const atGoogle = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(atGoogle.status).toBe(302);
    const back = new URL(atGoogle.headers.get('location')!);
    const res = await t.http().get(`${back.pathname}${back.search}`);
    expect([res.status, res.body]).toEqual([302, {}]);
    return res.headers.location as string;
  }

  function syncJobs(siteId: string): Promise<Job[]> {
    return t.prisma.job.findMany({ where: { type: 'SYNC_METRICS', connectionId: siteId }, orderBy: { createdAt: 'asc' } });
  }

  async function finished(siteId: string, count: number): Promise<Job[]> {
    return until(() => syncJobs(siteId), (jobs) => jobs.length >= count && jobs.slice(0, count).every((j) => ['COMPLETED', 'FAILED'].includes(j.status)));
  }

  async function runSync(siteId: string): Promise<Job> {
    const job = await worker.get(JobsService, { strict: false }).enqueue('SYNC_METRICS', { connectionId: siteId }, { connectionId: siteId, maxAttempts: 3 });
    return until(() => t.prisma.job.findUniqueOrThrow({ where: { id: job.id } }), (j) => ['COMPLETED', 'FAILED'].includes(j.status));
  }

  function seed(rows: SearchAnalyticsRow[]): void {
    google.data.set(SITE, rows);
  }

  beforeEach(() => {
    google.sites = [
      { siteUrl: 'sc-domain:example.org', permissionLevel: 'siteOwner' },
      { siteUrl: SITE, permissionLevel: 'siteFullUser' },
      { siteUrl: 'http://93.184.216.34/blog/', permissionLevel: 'siteUnverifiedUser' },
    ];
    google.quotaFailures = 0;
    google.quotaFailuresAfter = 0;
    google.accessTokenUses = null;
    google.firstIncompleteDate = null;
    google.analyticsRequests.length = 0;
  });

  it('connects, matches the property, backfills 16 months with paging, then syncs incrementally and re-reads partial days', async () => {
    const user = await signUpUser(t);
    const siteId = await newSite(user);
    const manyQueries = Array.from({ length: 25_010 }, (_, i): SearchAnalyticsRow => ({ date: day(-40), page: `${SITE}a`, query: `q${i}`, clicks: 0, impressions: 1, position: 20 }));
    seed([
      { date: day(-600), page: `${SITE}a`, query: 'too old', clicks: 99, impressions: 999, position: 1 },
      { date: day(-300), page: `${SITE}a`, query: 'shoes', clicks: 3, impressions: 30, position: 4 },
      { date: day(-300), page: `${SITE}b`, query: 'shoes', clicks: 1, impressions: 70, position: 9 },
      { date: day(-3), page: `${SITE}a`, query: 'boots', clicks: 5, impressions: 50, position: 2 },
      // Yesterday is still being collected: only part of the day so far.
      { date: day(-1), page: `${SITE}a`, query: 'boots', clicks: 1, impressions: 10, position: 3 },
      ...manyQueries,
    ]);
    google.firstIncompleteDate = day(-1);

    const location = await consent(user, siteId);
    expect(location).toBe(`${APP_URL}/sites/${siteId}?searchConsole=connected`);
    const link = await t.prisma.searchConsoleLink.findUniqueOrThrow({ where: { connectionId: siteId } });
    expect(link.refreshToken).toMatch(/^v1:k2:/);
    expect(link.refreshToken).not.toContain('1//');
    expect(link.propertyUrl).toBe(SITE);

    const properties = (await t.http().get(`/api/connections/${siteId}/search-console/properties`).set(user.auth).expect(200)).body as SearchConsolePropertiesDto;
    expect(properties.items.map((p) => [p.siteUrl, p.matches, p.selected])).toEqual([
      [SITE, true, true],
      ['http://93.184.216.34/blog/', false, false],
      ['sc-domain:example.org', false, false],
    ]);

    const [backfill] = await finished(siteId, 1);
    expect(backfill!.status).toBe('COMPLETED');
    const requests = google.analyticsRequests;
    const sixteenMonthsAgo = new Date();
    sixteenMonthsAgo.setUTCMonth(sixteenMonthsAgo.getUTCMonth() - 16);
    expect(requests[0]!.startDate).toBe(sixteenMonthsAgo.toISOString().slice(0, 10));
    expect(requests.every((r) => r.rowLimit === 25_000 && r.dataState === 'all' && r.endDate <= day(-1))).toBe(true);
    // 25,010 queries on one day need a second page.
    expect(requests.some((r) => r.dimensions.join() === 'date,query' && r.startRow === 25_000)).toBe(true);

    const metric = (date: string, pageUrl: string, query: string) =>
      t.prisma.metric.findUnique({ where: { connectionId_date_pageUrl_query_source: { connectionId: siteId, date: new Date(date), pageUrl, query, source: 'search-console' } } });
    expect(await metric(day(-600), '', '')).toBeNull();
    expect(await metric(day(-300), '', '')).toMatchObject({ clicks: 4, impressions: 100, ctr: 0.04, position: 7.5 });
    expect(await metric(day(-300), `${SITE}b`, '')).toMatchObject({ clicks: 1, impressions: 70, position: 9 });
    expect(await metric(day(-300), '', 'shoes')).toMatchObject({ clicks: 4, impressions: 100 });
    expect(await t.prisma.metric.count({ where: { connectionId: siteId, date: new Date(day(-40)), source: 'search-console', query: { not: '' } } })).toBe(25_010);
    expect(await metric(day(-1), `${SITE}a`, '')).toMatchObject({ clicks: 1, impressions: 10 });
    const status = await searchConsoleStatus(user, siteId);
    // The partial day is stored but not counted as synced, so it is fetched again.
    expect(status).toMatchObject({ connected: true, status: 'ACTIVE', propertyUrl: SITE, syncedThrough: day(-2), lastError: null });

    // The next day: yesterday is complete now, with more clicks.
    seed([{ date: day(-1), page: `${SITE}a`, query: 'boots', clicks: 4, impressions: 40, position: 3 }]);
    google.firstIncompleteDate = null;
    google.analyticsRequests.length = 0;
    const daily = await runSync(siteId);
    expect(daily.status).toBe('COMPLETED');
    expect(daily.result).toMatchObject({ searchConsole: { status: 'synced', from: day(-1), to: day(-1), syncedThrough: day(-1) } });
    expect(google.analyticsRequests.length).toBe(3);
    expect(google.analyticsRequests.every((r) => r.startDate === day(-1) && r.endDate === day(-1))).toBe(true);
    expect(await metric(day(-1), `${SITE}a`, '')).toMatchObject({ clicks: 4, impressions: 40, ctr: 0.1 });

    // Idempotent: a second run the same day asks Google nothing and writes nothing.
    const rows = await t.prisma.metric.count({ where: { connectionId: siteId } });
    const again = await runSync(siteId);
    expect(again.result).toMatchObject({ searchConsole: { status: 'skipped', reason: 'already up to date' } });
    expect(await t.prisma.metric.count({ where: { connectionId: siteId } })).toBe(rows);
  });

  it('refreshes expired access tokens, backs off on 429, and resumes a failed backfill from its last complete window', async () => {
    const user = await signUpUser(t);
    const siteId = await newSite(user);
    seed([
      { date: day(-100), page: `${SITE}a`, query: 'shoes', clicks: 2, impressions: 20, position: 5 },
      { date: day(-10), page: `${SITE}a`, query: 'shoes', clicks: 3, impressions: 30, position: 4 },
    ]);
    google.accessTokenUses = 2;
    // Ten queries succeed (three windows of three, then one), then four 429s in a row: more than one call's back-off.
    google.quotaFailuresAfter = 10;
    google.quotaFailures = 4;
    const refreshesBefore = google.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    await consent(user, siteId);
    const [backfill] = await finished(siteId, 1);
    expect(backfill).toMatchObject({ status: 'COMPLETED', attempts: 2, error: null });
    const requests = google.analyticsRequests;
    expect(requests.slice(10, 14).map((r) => r.startDate)).toEqual(Array(4).fill(requests[10]!.startDate));
    // The second attempt starts again at the window that was cut short, not at the beginning.
    expect(requests[14]).toMatchObject({ startDate: requests[9]!.startDate, dimensions: ['date'], startRow: 0 });
    expect(requests[14]!.startDate > requests[0]!.startDate).toBe(true);
    // Each access token served two calls; the client refreshed and carried on.
    expect(google.tokenRequests.filter((r) => r.grantType === 'refresh_token').length - refreshesBefore).toBeGreaterThan(10);
    const stored = await t.prisma.metric.findMany({ where: { connectionId: siteId, source: 'search-console', pageUrl: '', query: '' }, orderBy: { date: 'asc' } });
    expect(stored.map((m) => [m.date.toISOString().slice(0, 10), m.clicks])).toEqual([[day(-100), 2], [day(-10), 3]]);

    // Two 429s: absorbed by the back-off inside one attempt.
    seed([{ date: day(-1), page: `${SITE}a`, query: 'shoes', clicks: 7, impressions: 70, position: 4 }]);
    google.quotaFailures = 2;
    const daily = await runSync(siteId);
    expect(daily).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    expect(await t.prisma.searchConsoleLink.findUniqueOrThrow({ where: { connectionId: siteId } })).toMatchObject({ lastError: null, syncedThrough: new Date(day(-1)) });
  });

  it('stops for good when consent is revoked and says so; disconnecting revokes at Google and keeps the measured history', async () => {
    const user = await signUpUser(t);
    const siteId = await newSite(user);
    seed([{ date: day(-5), page: `${SITE}a`, query: 'shoes', clicks: 2, impressions: 20, position: 5 }]);
    // Yesterday stays incomplete, so every sync has something to ask Google.
    google.firstIncompleteDate = day(-1);
    await consent(user, siteId);
    await finished(siteId, 1);
    google.revokeConsent();
    const failed = await runSync(siteId);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.error).toContain('invalid_grant');
    const status = await searchConsoleStatus(user, siteId);
    expect(status).toMatchObject({ connected: true, status: 'REVOKED' });
    expect(status.lastError).toContain('connect Search Console again');
    const properties = (await t.http().get(`/api/connections/${siteId}/search-console/properties`).set(user.auth).expect(409)).body as ApiErrorBody;
    expect(properties.message).toContain('connect Search Console again');

    // Connecting again restores the link.
    await consent(user, siteId);
    expect((await searchConsoleStatus(user, siteId)).status).toBe('ACTIVE');
    await finished(siteId, 3);
    const revokedBefore = google.revokedTokens.length;
    const metrics = await t.prisma.metric.count({ where: { connectionId: siteId, source: 'search-console' } });
    expect(metrics).toBeGreaterThan(0);
    await t.http().delete(`/api/connections/${siteId}/search-console`).set(user.auth).expect(204);
    expect(google.revokedTokens.length).toBe(revokedBefore + 1);
    expect(await t.prisma.searchConsoleLink.findUnique({ where: { connectionId: siteId } })).toBeNull();
    expect(await t.prisma.metric.count({ where: { connectionId: siteId, source: 'search-console' } })).toBe(metrics);
    const again = (await t.http().delete(`/api/connections/${siteId}/search-console`).set(user.auth).expect(404)).body as ApiErrorBody;
    expect(again.message).toBe('Search Console is not connected for this site.');
  });

  it("lets the owner pick another property, refuses bad picks and forged states, and answers 404 for another tenant's site", async () => {
    const owner = await signUpUser(t, 'owner');
    const intruder = await signUpUser(t, 'intruder');
    const siteId = await newSite(owner);
    seed([{ date: day(-5), page: `${SITE}a`, query: 'shoes', clicks: 2, impressions: 20, position: 5 }]);
    await consent(owner, siteId);
    await finished(siteId, 1);

    const unknown = (await t.http().put(`/api/connections/${siteId}/search-console/property`).set(owner.auth).send({ propertyUrl: 'https://elsewhere.example/' }).expect(400)).body as ApiErrorBody;
    expect(unknown.message).toContain('has no Search Console property https://elsewhere.example/');
    const unverified = (await t.http().put(`/api/connections/${siteId}/search-console/property`).set(owner.auth).send({ propertyUrl: 'http://93.184.216.34/blog/' }).expect(400)).body as ApiErrorBody;
    expect(unverified.message).toContain('not verified');
    await t.http().put(`/api/connections/${siteId}/search-console/property`).set(owner.auth).send({ propertyUrl: 'not a property' }).expect(400);
    const picked = await t.http().put(`/api/connections/${siteId}/search-console/property`).set(owner.auth).send({ propertyUrl: 'sc-domain:example.org' }).expect(200);
    expect(picked.body).toMatchObject({ propertyUrl: 'sc-domain:example.org', syncedThrough: null });
    expect(await t.prisma.metric.count({ where: { connectionId: siteId, source: 'search-console' } })).toBe(0);

    const state = (await authorize(owner, siteId)).searchParams.get('state')!;
    const denied = await t.http().get('/api/search-console/callback').query({ state, error: 'access_denied' }).expect(302);
    expect(denied.headers.location).toBe(`${APP_URL}/sites/${siteId}?searchConsole=denied`);
    const [payload, signature] = state.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), u: intruder.id })).toString('base64url');
    const forged = (await t.http().get('/api/search-console/callback').query({ state: `${forgedPayload}.${signature}`, code: 'x' }).expect(400)).body as ApiErrorBody;
    expect(forged.message).toContain('expired or was altered');

    await t.http().get(`/api/connections/${siteId}/search-console`).set(intruder.auth).expect(404);
    await t.http().post(`/api/connections/${siteId}/search-console/authorize`).set(intruder.auth).expect(404);
    await t.http().get(`/api/connections/${siteId}/search-console/properties`).set(intruder.auth).expect(404);
    await t.http().put(`/api/connections/${siteId}/search-console/property`).set(intruder.auth).send({ propertyUrl: SITE }).expect(404);
    const gone = (await t.http().delete(`/api/connections/${siteId}/search-console`).set(intruder.auth).expect(404)).body as ApiErrorBody;
    expect(gone.message).toBe('No site with this id.');
    expect(await t.prisma.searchConsoleLink.findUnique({ where: { connectionId: siteId } })).toMatchObject({ status: 'ACTIVE', propertyUrl: 'sc-domain:example.org' });
  });

  it('weighs issue priorities by the page\'s search traffic once data arrives, and says why the ranking is what it is', async () => {
    const user = await signUpUser(t);
    const siteId = await newSite(user);
    const issue = (pageUrl: string) => ({
      connectionId: siteId, fingerprint: `fp-${pageUrl}`, type: 'meta-description-missing', category: 'meta', severity: 'MEDIUM' as const,
      title: 'Meta description missing', description: 'No meta description', pageUrl, impactScore: impactScore('meta-description-missing'),
    });
    await t.prisma.issue.createMany({ data: [issue(`${SITE}unseen`), issue(`${SITE}popular`)] });
    const before = await searchConsoleStatus(user, siteId);
    expect(before.priorities).toEqual({ basis: 'check-score', reason: 'Search Console is not connected, so issues are ranked by their check score alone (severity × weight).' });

    seed([
      { date: day(-3), page: `${SITE}popular`, query: 'boots', clicks: 5, impressions: 6_000, position: 8 },
      { date: day(-2), page: `${SITE}popular`, query: 'shoes', clicks: 0, impressions: 4_000, position: 9 },
      // Outside the 28 days: does not count.
      { date: day(-60), page: `${SITE}unseen`, query: 'old', clicks: 50, impressions: 5_000, position: 3 },
    ]);
    await consent(user, siteId);
    await finished(siteId, 1);
    const base = impactScore('meta-description-missing');
    const issues = await t.prisma.issue.findMany({ where: { connectionId: siteId }, orderBy: { pageUrl: 'asc' } });
    expect(issues.map((i) => [i.pageUrl, i.estimatedTraffic, i.impactScore])).toEqual([
      [`${SITE}popular`, 10_000, base],
      [`${SITE}unseen`, 0, Math.round(base * 0.4 * 100) / 100],
    ]);
    const list = (await t.http().get(`/api/connections/${siteId}/issues`).set(user.auth).expect(200)).body as IssuePageDto;
    expect(list.items.map((i) => [i.pageUrl, i.estimatedTraffic, i.searchClicks])).toEqual([[`${SITE}popular`, 10_000, 5], [`${SITE}unseen`, 0, 0]]);
    const after = await searchConsoleStatus(user, siteId);
    expect(after.priorities.basis).toBe('search-traffic');

    // Sorting by traffic, both ways, through the keyset cursor too.
    const ascending = (await t.http().get(`/api/connections/${siteId}/issues`).query({ sort: 'estimatedTraffic', order: 'asc', pageSize: 1 }).set(user.auth).expect(200)).body as IssuePageDto;
    expect(ascending.items.map((i) => i.pageUrl)).toEqual([`${SITE}unseen`]);
    const next = (await t.http().get(`/api/connections/${siteId}/issues`).query({ sort: 'estimatedTraffic', order: 'asc', pageSize: 1, cursor: ascending.nextCursor }).set(user.auth).expect(200)).body as IssuePageDto;
    expect(next.items.map((i) => i.pageUrl)).toEqual([`${SITE}popular`]);
    // The group sums its pages' traffic, each page once even when the check fired twice on it.
    await t.prisma.issue.create({ data: { ...issue(`${SITE}popular`), fingerprint: 'fp-twice', estimatedTraffic: 10_000 } });
    const groups = (await t.http().get(`/api/connections/${siteId}/issue-groups`).query({ sort: 'estimatedTraffic' }).set(user.auth).expect(200)).body as IssueGroupPageDto;
    expect(groups.items).toMatchObject([{ checkId: 'meta-description-missing', count: 3, affectedPages: 2, estimatedTraffic: 10_000 }]);

    // The pages explorer joins each URL's impressions and clicks over the same 28 days and sorts by them.
    const crawl = await t.prisma.crawl.create({ data: { connectionId: siteId, status: 'COMPLETED', completedAt: new Date() } });
    await t.prisma.crawledPage.createMany({
      data: ['popular', 'unseen', 'quiet'].map((path) => ({ crawlId: crawl.id, connectionId: siteId, url: `${SITE}${path}`, finalUrl: `${SITE}${path}`, status: 200, depth: 1 })),
    });
    const pages = (await t.http().get(`/api/connections/${siteId}/pages`).query({ sort: 'impressions', order: 'desc' }).set(user.auth).expect(200)).body as CrawledPageListDto;
    const rows = pages.items.map((p) => [p.url, p.impressions, p.clicks]);
    // Equal values fall back to the id order, which the test does not choose.
    expect([rows[0], ...rows.slice(1).sort()]).toEqual([[`${SITE}popular`, 10_000, 5], [`${SITE}quiet`, 0, 0], [`${SITE}unseen`, 0, 0]]);
    const firstByClicks = (await t.http().get(`/api/connections/${siteId}/pages`).query({ sort: 'clicks', order: 'desc', pageSize: 2 }).set(user.auth).expect(200)).body as CrawledPageListDto;
    const restByClicks = (await t.http().get(`/api/connections/${siteId}/pages`).query({ sort: 'clicks', order: 'desc', pageSize: 2, cursor: firstByClicks.nextCursor }).set(user.auth).expect(200)).body as CrawledPageListDto;
    expect(firstByClicks.items[0]).toMatchObject({ url: `${SITE}popular`, clicks: 5 });
    expect([...firstByClicks.items, ...restByClicks.items].map((p) => p.url).sort()).toEqual([`${SITE}popular`, `${SITE}quiet`, `${SITE}unseen`]);
    const detail = (await t.http().get(`/api/connections/${siteId}/page`).query({ url: `${SITE}popular` }).set(user.auth).expect(200)).body as PageDetailDto;
    expect(detail.page).toMatchObject({ impressions: 10_000, clicks: 5 });
  });

  it('shows no traffic numbers on pages of a site whose Search Console data has not arrived', async () => {
    const user = await signUpUser(t);
    const siteId = await newSite(user);
    const crawl = await t.prisma.crawl.create({ data: { connectionId: siteId, status: 'COMPLETED', completedAt: new Date() } });
    await t.prisma.crawledPage.create({ data: { crawlId: crawl.id, connectionId: siteId, url: `${SITE}a`, finalUrl: `${SITE}a`, status: 200, depth: 0 } });
    const pages = (await t.http().get(`/api/connections/${siteId}/pages`).query({ sort: 'impressions' }).set(user.auth).expect(200)).body as CrawledPageListDto;
    expect(pages.items).toMatchObject([{ url: `${SITE}a`, impressions: null, clicks: null }]);
  });

  it('measures each applied fix against unchanged comparable pages (difference-in-differences), with known answers', async () => {
    const OTHER = 'http://93.184.216.35/';
    google.sites = [{ siteUrl: SITE, permissionLevel: 'siteOwner' }, { siteUrl: OTHER, permissionLevel: 'siteOwner' }];
    /** 60 days of 1,000 impressions a day per page; clicks per day before and after day -30. */
    const history = (origin: string, pages: Record<string, [number, number]>): SearchAnalyticsRow[] =>
      Object.entries(pages).flatMap(([path, [before, after]]) =>
        Array.from({ length: 60 }, (_, i): SearchAnalyticsRow => {
          const offset = i - 60;
          return { date: day(offset), page: `${origin}${path}`, query: 'q', clicks: offset < -30 ? before : offset > -30 ? after : before, impressions: 1000, position: 5 };
        }));
    const flatControls = { c1: [20, 20], c2: [20, 20], c3: [20, 20], c4: [20, 20] } as Record<string, [number, number]>;
    const risingControls = { c1: [20, 40], c2: [20, 40], c3: [20, 40], c4: [20, 40] } as Record<string, [number, number]>;
    google.data.set(SITE, history(SITE, { fixed: [20, 40], fresh: [20, 20], ...flatControls }));
    google.data.set(OTHER, history(OTHER, { fixed: [20, 40], ...risingControls }));

    const user = await signUpUser(t);
    const siteA = await newSite(user);
    // The free plan has one site per account.
    const other = await signUpUser(t, 'other');
    const siteB = await newSite(other, OTHER);
    const fix = (connectionId: string, pageUrl: string, appliedAt: Date) =>
      t.prisma.fix.create({ data: { connectionId, type: 'title', status: 'APPLIED', pageUrl, beforeValue: 'Old', afterValue: 'New', appliedAt } });
    const ctrRose = await fix(siteA, `${SITE}fixed`, new Date(`${day(-30)}T12:00:00Z`));
    const tooEarly = await fix(siteA, `${SITE}fresh`, new Date(`${day(-3)}T12:00:00Z`));
    const allRose = await fix(siteB, `${OTHER}fixed`, new Date(`${day(-30)}T12:00:00Z`));
    await consent(user, siteA);
    await consent(other, siteB);
    await finished(siteA, 1);
    await finished(siteB, 1);

    type Impact = { confidence: string; summary: string; controlPages: number; expected: string; windows: { days: number; effect: { clicksPct: number; ctrPoints: number } }[] };
    const impactOf = async (id: string) => (await t.prisma.fix.findUniqueOrThrow({ where: { id } })).impactMetrics as unknown as Impact;
    const a = await impactOf(ctrRose.id);
    expect(a.windows.map((w) => w.days)).toEqual([7, 28]);
    expect(a.windows[1]!.effect).toMatchObject({ clicksPct: 100, ctrPoints: 2 });
    expect(a).toMatchObject({ confidence: 'likely', summary: '+100% clicks over 28 days, likely due to the fix.', controlPages: 4 });
    expect(a.expected).toContain('CTR up');
    const b2 = await impactOf(allRose.id);
    expect(b2.windows[1]!.effect.clicksPct).toBe(0);
    expect(b2).toMatchObject({ confidence: 'no-measurable-change', summary: 'No measurable change over 28 days (the comparable pages moved +100% too).' });
    expect(await impactOf(tooEarly.id)).toMatchObject({ confidence: 'too-early', windows: [] });

    // The API shows the measurement on the fix and summarises the site's measured fixes for the overview.
    const shown = (await t.http().get(`/api/fixes/${ctrRose.id}`).set(user.auth).expect(200)).body as FixDto;
    expect(shown.impact).toMatchObject({ confidence: 'likely', summary: '+100% clicks over 28 days, likely due to the fix.', controlPages: 4 });
    expect(shown.impact?.windows[1]).toMatchObject({ days: 28, page: { clicks: [560, 1120] }, controls: { clicks: [2240, 2240] } });
    const listed = (await t.http().get(`/api/connections/${siteA}/fixes`).set(user.auth).expect(200)).body as Page<FixDto>;
    expect(listed.items.map((f) => [f.id, f.impact?.confidence]).sort()).toEqual([[ctrRose.id, 'likely'], [tooEarly.id, 'too-early']].sort());

    // A rolled-back fix keeps its measurement: the next sync does not measure it again, the summary still counts it.
    await t.prisma.fix.update({ where: { id: ctrRose.id }, data: { status: 'ROLLED_BACK', rolledBackAt: new Date() } });
    await t.prisma.searchConsoleLink.update({ where: { connectionId: siteA }, data: { syncedThrough: new Date(day(-2)) } });
    expect((await runSync(siteA)).status).toBe('COMPLETED');
    expect(await impactOf(ctrRose.id)).toEqual(a);
    const summary = (await t.http().get(`/api/connections/${siteA}/search-console/impact`).set(user.auth).expect(200)).body as FixImpactSummaryDto;
    expect(summary).toMatchObject({ measured: 2, counts: { likely: 1, possible: 0, noMeasurableChange: 0, notEnoughData: 0, tooEarly: 1 } });
    expect(summary.fixes.map((f) => [f.fixId, f.status, f.clicksPct, f.days])).toEqual([
      [ctrRose.id, 'ROLLED_BACK', 100, 28],
      [tooEarly.id, 'APPLIED', null, null],
    ]);
    await t.http().get(`/api/connections/${siteA}/search-console/impact`).set(other.auth).expect(404);
  });
});
