import { randomBytes } from 'node:crypto';
import type { ApiErrorBody } from '@seology/contracts';
import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';
import type { PageDetailDto } from './dto/page.dto';

interface PageBody {
  id: string;
  url: string;
  status: number;
  depth: number;
  inlinks: number;
  issueCount: number;
  indexable: boolean;
  title: string | null;
}

interface ListBody {
  items: PageBody[];
  total: number;
  nextCursor: string | null;
  crawlId: string | null;
}

describe('crawled-URL explorer and page view (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A site with two completed crawls; the second has 40 pages with varied status, depth, inlinks and issues. */
  async function seedSite(userId: string) {
    const site = await t.prisma.connection.create({
      data: { userId, domain: `s${randomBytes(4).toString('hex')}.example`, siteUrl: 'https://s.example/', platform: 'WORDPRESS', snippetKey: randomBytes(8).toString('hex') },
    });
    const old = await t.prisma.crawl.create({ data: { connectionId: site.id, status: 'COMPLETED', createdAt: new Date(Date.now() - 86_400_000), completedAt: new Date(Date.now() - 86_000_000) } });
    const latest = await t.prisma.crawl.create({ data: { connectionId: site.id, status: 'COMPLETED', completedAt: new Date() } });
    await t.prisma.crawl.create({ data: { connectionId: site.id, status: 'RUNNING' } });
    await t.prisma.crawledPage.create({
      data: { crawlId: old.id, connectionId: site.id, url: 'https://s.example/p/0', finalUrl: 'https://s.example/p/0', status: 404, depth: 1, title: 'Old', issueCount: 3, createdAt: new Date(Date.now() - 86_000_000) },
    });
    await t.prisma.crawledPage.createMany({
      data: Array.from({ length: 40 }, (_, p) => ({
        crawlId: latest.id, connectionId: site.id, url: `https://s.example/p/${p}`, finalUrl: `https://s.example/p/${p}`,
        status: p % 10 === 9 ? 404 : p % 10 === 8 ? 301 : p === 7 ? 0 : 200, depth: p % 4, inlinks: (p * 7) % 5, issueCount: p % 3,
        indexable: p % 6 !== 5, title: p % 11 === 10 ? null : `Page ${p}`,
      })),
    });
    return { siteId: site.id, oldCrawlId: old.id, latestCrawlId: latest.id };
  }

  async function list(auth: { Authorization: string }, siteId: string, query: string): Promise<ListBody> {
    return (await t.http().get(`/api/connections/${siteId}/pages?${query}`).set(auth).expect(200)).body as ListBody;
  }

  it('lists the latest completed crawl, filters, and pages by cursor exactly as by offset for every sort', async () => {
    const user = await signUpUser(t);
    const s = await seedSite(user.id);
    const all = await list(user.auth, s.siteId, 'pageSize=100');
    expect(all.crawlId).toBe(s.latestCrawlId);
    expect(all.total).toBe(40);
    expect(all.items[0]).toMatchObject({ url: 'https://s.example/p/0', status: 200, depth: 0, inlinks: 0, issueCount: 0, indexable: true, title: 'Page 0' });

    expect((await list(user.auth, s.siteId, 'statusClass=4xx')).items.every((p) => p.status === 404)).toBe(true);
    expect((await list(user.auth, s.siteId, 'statusClass=4xx')).total).toBe(4);
    expect((await list(user.auth, s.siteId, 'statusClass=3xx,error')).total).toBe(5);
    expect((await list(user.auth, s.siteId, 'indexable=false')).total).toBe(all.items.filter((p) => !p.indexable).length);
    expect((await list(user.auth, s.siteId, 'hasIssues=true&maxDepth=1')).items.every((p) => p.issueCount > 0 && p.depth <= 1)).toBe(true);
    expect((await list(user.auth, s.siteId, 'q=p/3')).items.map((p) => p.url).sort()).toEqual(['https://s.example/p/3', 'https://s.example/p/30', 'https://s.example/p/31', 'https://s.example/p/32', 'https://s.example/p/33', 'https://s.example/p/34', 'https://s.example/p/35', 'https://s.example/p/36', 'https://s.example/p/37', 'https://s.example/p/38', 'https://s.example/p/39']);
    expect((await list(user.auth, s.siteId, `crawlId=${s.oldCrawlId}`)).items.map((p) => p.title)).toEqual(['Old']);

    for (const sort of ['url', 'status', 'depth', 'inlinks', 'issueCount', 'title', 'totalMs', 'wordCount']) {
      for (const order of ['asc', 'desc']) {
        const byOffset: string[] = [];
        for (let page = 1; page <= 5; page++) byOffset.push(...(await list(user.auth, s.siteId, `sort=${sort}&order=${order}&pageSize=9&page=${page}`)).items.map((p) => p.id));
        const byCursor: string[] = [];
        let cursor: string | null = null;
        do {
          const body: ListBody = await list(user.auth, s.siteId, `sort=${sort}&order=${order}&pageSize=9${cursor ? `&cursor=${cursor}` : ''}`);
          byCursor.push(...body.items.map((p) => p.id));
          cursor = body.nextCursor;
        } while (cursor);
        expect(byCursor).toEqual(byOffset);
        expect(new Set(byCursor).size).toBe(40);
      }
    }
    const byInlinks = (await list(user.auth, s.siteId, 'sort=inlinks&order=desc&pageSize=100')).items.map((p) => p.inlinks);
    expect(byInlinks).toEqual([...byInlinks].sort((a, b) => b - a));
  });

  it('shows one URL with every issue, its fixes with their history, and the URL across crawls', async () => {
    const user = await signUpUser(t);
    const s = await seedSite(user.id);
    const url = 'https://s.example/p/0';
    const [open, resolved] = await Promise.all([
      t.prisma.issue.create({ data: { connectionId: s.siteId, fingerprint: 'a', type: 'title-missing', category: 'titles', severity: 'HIGH', title: 't', description: 'd', pageUrl: url, fixable: true, impactScore: 50 } }),
      t.prisma.issue.create({ data: { connectionId: s.siteId, fingerprint: 'b', type: 'h1-missing', category: 'headings', severity: 'CRITICAL', status: 'RESOLVED', title: 't', description: 'd', pageUrl: url } }),
      t.prisma.issue.create({ data: { connectionId: s.siteId, fingerprint: 'c', type: 'h1-missing', category: 'headings', severity: 'LOW', title: 't', description: 'd', pageUrl: 'https://s.example/p/1' } }),
    ]);
    const applied = new Date(Date.now() - 3_600_000);
    await t.prisma.fix.create({
      data: { connectionId: s.siteId, issueId: open.id, type: 'title', status: 'APPLIED', pageUrl: url, afterValue: 'New title', createdAt: new Date(applied.getTime() - 120_000), approvedAt: new Date(applied.getTime() - 60_000), appliedAt: applied, verifiedAt: new Date(applied.getTime() + 60_000), verificationDetail: 'live' },
    });
    const pageRow = (await list(user.auth, s.siteId, 'q=p/0')).items[0]!;
    const detailOf = async (pageId: string) => (await t.http().get(`/api/connections/${s.siteId}/pages/${pageId}`).set(user.auth).expect(200)).body as PageDetailDto;
    const byId = await detailOf(pageRow.id);
    const byUrl = (await t.http().get(`/api/connections/${s.siteId}/page`).query({ url }).set(user.auth).expect(200)).body as PageDetailDto;
    expect(byUrl).toEqual(byId);
    expect(byId.page).toMatchObject({ id: pageRow.id, url, status: 200 });
    // Open first, then by severity: the resolved CRITICAL one comes after the open HIGH one.
    expect(byId.issues.map((i) => i.id)).toEqual([open.id, resolved.id]);
    expect(byId.fixes).toHaveLength(1);
    expect(byId.fixes[0]!.history.map((e) => e.event)).toEqual(['proposed', 'approved', 'applied', 'verified']);
    expect(byId.history.map((h) => [h.crawlId, h.status])).toEqual([[s.latestCrawlId, 200], [s.oldCrawlId, 404]]);

    // The old crawl's row of this URL shows the newest state too, with the same history.
    const oldRow = (await list(user.auth, s.siteId, `crawlId=${s.oldCrawlId}`)).items[0]!;
    expect((await detailOf(oldRow.id)).history).toHaveLength(2);
  });

  it('answers 404 for another tenant\'s site, crawl and page ids, and refuses bad input with a message', async () => {
    const owner = await signUpUser(t);
    const other = await signUpUser(t, 'other');
    const s = await seedSite(owner.id);
    const otherSite = await seedSite(other.id);
    const pageId = (await list(owner.auth, s.siteId, 'pageSize=1')).items[0]!.id;
    await t.http().get(`/api/connections/${s.siteId}/pages`).set(other.auth).expect(404);
    await t.http().get(`/api/connections/${s.siteId}/pages/${pageId}`).set(other.auth).expect(404);
    await t.http().get(`/api/connections/${s.siteId}/page?url=https://s.example/p/0`).set(other.auth).expect(404);
    // Another tenant's page or crawl id through one's own site finds nothing either.
    await t.http().get(`/api/connections/${otherSite.siteId}/pages/${pageId}`).set(other.auth).expect(404);
    await t.http().get(`/api/connections/${otherSite.siteId}/pages?crawlId=${s.latestCrawlId}`).set(other.auth).expect(404);
    const unknownUrl = await t.http().get(`/api/connections/${s.siteId}/page?url=https://s.example/nope`).set(owner.auth).expect(404);
    expect((unknownUrl.body as ApiErrorBody).message).toContain('No crawl of this site has fetched this URL');

    const refusal = async (path: string) => ((await t.http().get(`/api/connections/${s.siteId}/${path}`).set(owner.auth).expect(400)).body as ApiErrorBody).message;
    expect(await refusal('pages?sort=size')).toContain('sort must be one of');
    expect(await refusal('pages?statusClass=6xx')).toContain('statusClass must be among');
    expect(await refusal('pages?indexable=maybe')).toContain('indexable must be true or false');
    await t.http().get(`/api/connections/${s.siteId}/pages?maxDepth=-1`).set(owner.auth).expect(400);
    await t.http().get(`/api/connections/${s.siteId}/page`).set(owner.auth).expect(400);
    const { nextCursor } = await list(owner.auth, s.siteId, 'pageSize=1');
    expect(await refusal(`pages?sort=depth&cursor=${nextCursor}`)).toContain('cursor is not valid');
    await t.http().get(`/api/connections/${s.siteId}/pages?cursor=garbage`).set(owner.auth).expect(400);
  });

  it('lists nothing, with no crawl, for a site never crawled', async () => {
    const user = await signUpUser(t);
    const site = await t.prisma.connection.create({
      data: { userId: user.id, domain: `n${randomBytes(4).toString('hex')}.example`, siteUrl: 'https://n.example/', platform: 'WORDPRESS', snippetKey: randomBytes(8).toString('hex') },
    });
    expect(await list(user.auth, site.id, '')).toEqual({ items: [], total: 0, page: 1, pageSize: 20, nextCursor: null, crawlId: null });
  });
});
