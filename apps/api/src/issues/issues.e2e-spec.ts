import { randomBytes } from 'node:crypto';
import type { ApiErrorBody } from '@seology/contracts';
import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';
import type { IssueGroupPageDto } from './dto/issue.dto';

interface IssueBody {
  id: string;
  type: string;
  pageUrl: string;
  impactScore: number;
  severity: string;
  lastSeenAt: string;
}
interface ListBody {
  items: IssueBody[];
  total: number;
  nextCursor: string | null;
}

const CHECKS = [
  { type: 'title-missing', category: 'titles', severity: 'HIGH', fixable: true },
  { type: 'meta-description-missing', category: 'descriptions', severity: 'MEDIUM', fixable: true },
  { type: 'image-alt-missing', category: 'images', severity: 'MEDIUM', fixable: true },
  { type: 'h1-missing', category: 'headings', severity: 'LOW', fixable: false },
] as const;

describe('issue list, grouped view (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A site of `pages` pages with one issue of each check per page, impact scores with ties on purpose. */
  async function seedSite(userId: string, pages: number): Promise<string> {
    const site = await t.prisma.connection.create({
      data: { userId, domain: `s${randomBytes(4).toString('hex')}.example`, siteUrl: 'https://s.example/', platform: 'WORDPRESS', snippetKey: randomBytes(8).toString('hex') },
    });
    const rows = [];
    for (let p = 0; p < pages; p++) {
      for (const [n, c] of CHECKS.entries()) {
        rows.push({
          connectionId: site.id, fingerprint: `${p}-${c.type}`, type: c.type, category: c.category, severity: c.severity, fixable: c.fixable,
          title: c.type, description: `finding ${p} ${c.type}`, pageUrl: `https://s.example/p/${p}`, impactScore: (p * 7 + n * 3) % 10,
          status: p % 5 === 4 ? ('RESOLVED' as const) : ('OPEN' as const),
        });
      }
    }
    await t.prisma.issue.createMany({ data: rows });
    return site.id;
  }

  async function list(auth: { Authorization: string }, siteId: string, query: string): Promise<ListBody> {
    return (await t.http().get(`/api/connections/${siteId}/issues?${query}`).set(auth).expect(200)).body as ListBody;
  }

  async function groupsOf(auth: { Authorization: string }, siteId: string, query = ''): Promise<IssueGroupPageDto> {
    return (await t.http().get(`/api/connections/${siteId}/issue-groups${query ? `?${query}` : ''}`).set(auth).expect(200)).body as IssueGroupPageDto;
  }

  it('pages by cursor through exactly the rows that offset pages give, for every sort', async () => {
    const user = await signUpUser(t);
    const siteId = await seedSite(user.id, 30);
    for (const sort of ['impactScore', 'severity', 'lastSeenAt', 'pageUrl', 'type']) {
      for (const order of ['asc', 'desc']) {
        const byOffset: string[] = [];
        for (let page = 1; ; page++) {
          const body = await list(user.auth, siteId, `sort=${sort}&order=${order}&pageSize=7&page=${page}`);
          byOffset.push(...body.items.map((i) => i.id));
          if (body.items.length < 7) break;
        }
        const byCursor: string[] = [];
        let cursor: string | null = null;
        do {
          const body: ListBody = await list(user.auth, siteId, `sort=${sort}&order=${order}&pageSize=7${cursor ? `&cursor=${cursor}` : ''}`);
          expect(body.total).toBe(96);
          byCursor.push(...body.items.map((i) => i.id));
          cursor = body.nextCursor;
        } while (cursor);
        expect(byCursor).toEqual(byOffset);
        expect(new Set(byCursor).size).toBe(96);
        if (sort !== 'severity') {
          // Offset pages (read by id first, then the rows) give the order the database gives in one query.
          const expected = await t.prisma.issue.findMany({
            where: { connectionId: siteId, status: { in: ['OPEN', 'FIXING'] } },
            orderBy: [{ [sort]: order }, { id: 'asc' }],
            select: { id: true },
          });
          expect(byOffset).toEqual(expected.map((i) => i.id));
        }
      }
    }
    const first = await list(user.auth, siteId, 'pageSize=5');
    const scores = first.items.map((i) => i.impactScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('keeps the total right after issues change, in this process or by SQL from anywhere else', async () => {
    const user = await signUpUser(t);
    const siteId = await seedSite(user.id, 10);
    expect((await list(user.auth, siteId, '')).total).toBe(32);
    expect((await list(user.auth, siteId, 'severity=HIGH')).total).toBe(8);
    const one = (await list(user.auth, siteId, 'severity=HIGH')).items[0]!;
    await t.http().post(`/api/issues/${one.id}/ignore`).set(user.auth).expect(200);
    expect((await list(user.auth, siteId, 'severity=HIGH')).total).toBe(7);
    expect((await list(user.auth, siteId, '')).total).toBe(31);
    // As a crawl in the worker would: a write the API process never saw.
    await t.prisma.$executeRaw`UPDATE "Issue" SET "status" = 'RESOLVED' WHERE "connectionId" = ${siteId} AND "type" = 'h1-missing'`;
    expect((await list(user.auth, siteId, '')).total).toBe(23);
    const groups = await groupsOf(user.auth, siteId);
    expect(groups.items.map((g) => g.checkId)).not.toContain('h1-missing');
  });

  it('groups issues by check with counts, pages, fixes waiting and examples; filters, sorts and pages them', async () => {
    const user = await signUpUser(t);
    const siteId = await seedSite(user.id, 10);
    // Two issues of one check on one page: 9 issues on 8 pages.
    await t.prisma.issue.create({
      data: { connectionId: siteId, fingerprint: 'extra', type: 'image-alt-missing', category: 'images', severity: 'MEDIUM', fixable: true, title: 'x', description: 'second image', pageUrl: 'https://s.example/p/0' },
    });
    const altIssues = await t.prisma.issue.findMany({ where: { connectionId: siteId, type: 'image-alt-missing', status: 'OPEN' }, orderBy: { id: 'asc' } });
    await t.prisma.fix.createMany({
      data: [
        { connectionId: siteId, issueId: altIssues[0]!.id, type: 'imageAlt', status: 'PROPOSED', pageUrl: altIssues[0]!.pageUrl, afterValue: 'a' },
        { connectionId: siteId, issueId: altIssues[1]!.id, type: 'imageAlt', status: 'APPLIED', pageUrl: altIssues[1]!.pageUrl, afterValue: 'b' },
      ],
    });
    const body = await groupsOf(user.auth, siteId);
    expect(body.total).toBe(4);
    expect(body.items[0]).toEqual({
      checkId: 'image-alt-missing', title: expect.any(String) as unknown, severity: 'MEDIUM', category: 'images',
      count: 9, affectedPages: 8, openFixes: 1, fixableByRule: 9, estimatedTraffic: 0,
      examplePages: ['https://s.example/p/0', 'https://s.example/p/1', 'https://s.example/p/2'],
    });
    const h1 = body.items.find((g) => g.checkId === 'h1-missing');
    expect(h1).toMatchObject({ count: 8, affectedPages: 8, fixableByRule: 0, openFixes: 0, severity: 'LOW' });

    const bySeverity = await groupsOf(user.auth, siteId, 'sort=severity&pageSize=2&page=1');
    expect(bySeverity.items.map((g) => g.checkId)).toEqual(['title-missing', 'image-alt-missing']);
    expect(bySeverity.total).toBe(4);
    const filtered = await groupsOf(user.auth, siteId, 'severity=MEDIUM&category=images');
    expect(filtered.items.map((g) => g.checkId)).toEqual(['image-alt-missing']);
    const resolved = await groupsOf(user.auth, siteId, 'status=RESOLVED');
    expect(resolved.items.every((g) => g.count === 2)).toBe(true);
  });

  it('refuses bad input with a message naming it', async () => {
    const user = await signUpUser(t);
    const siteId = await seedSite(user.id, 2);
    const badSort = await t.http().get(`/api/connections/${siteId}/issue-groups?sort=title`).set(user.auth).expect(400);
    expect((badSort.body as ApiErrorBody).message).toContain('sort must be one of');
    await t.http().get(`/api/connections/${siteId}/issue-groups?severity=TERRIBLE`).set(user.auth).expect(400);
    await t.http().get(`/api/connections/${siteId}/issue-groups?pageSize=1000`).set(user.auth).expect(400);
    const badCursor = await t.http().get(`/api/connections/${siteId}/issues?cursor=not-a-cursor`).set(user.auth).expect(400);
    expect((badCursor.body as ApiErrorBody).message).toContain('cursor is not valid');
    // A cursor of one sort does not fit another.
    const { nextCursor } = await list(user.auth, siteId, 'pageSize=1');
    await t.http().get(`/api/connections/${siteId}/issues?sort=pageUrl&cursor=${nextCursor}`).set(user.auth).expect(400);
  });

  it('answers 404 for another tenant\u2019s site', async () => {
    const owner = await signUpUser(t);
    const intruder = await signUpUser(t);
    const siteId = await seedSite(owner.id, 2);
    const res = await t.http().get(`/api/connections/${siteId}/issue-groups`).set(intruder.auth).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, message: expect.any(String) as unknown, requestId: expect.any(String) as unknown });
    await t.http().get(`/api/connections/${siteId}/issues`).set(intruder.auth).expect(404);
  });
});
