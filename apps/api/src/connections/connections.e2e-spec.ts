import type { ApiErrorBody } from '@seology/contracts';
import { createTestApp, signUpUser, TEST_ENCRYPTION_KEYS, type TestApp } from '../testing/test-app';
import type { ConnectionDto, ConnectionPageDto, CreateConnectionDto, HealthTrendsDto } from './dto/connection.dto';

const PUBLIC_SITE = 'http://93.184.216.34/';

describe('connections (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: 'localhost,127.0.0.1' });
  });
  afterAll(() => t.close());

  const createSite = async (auth: Record<string, string>, site: CreateConnectionDto) =>
    (await t.http().post('/api/connections').set(auth).send(site).expect(201)).body as ConnectionDto;

  it('creates, lists, reads, updates and deletes a site', async () => {
    const user = await signUpUser(t);
    const created = await createSite(user.auth, { siteUrl: 'HTTP://93.184.216.34/Shop?utm=x#top', platform: 'CUSTOM', displayName: 'Shop' });
    expect(created).toMatchObject({
      domain: '93.184.216.34', siteUrl: 'http://93.184.216.34/Shop', platform: 'CUSTOM', executionMode: 'APPROVE',
      healthStatus: 'unknown', pageCount: 0, issueCount: 0, hasCredentials: false,
    });
    const list = await t.http().get('/api/connections').set(user.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    await t.http().get(`/api/connections/${created.id}`).set(user.auth).expect(200);
    const updated = (await t.http().patch(`/api/connections/${created.id}`).set(user.auth).send({ executionMode: 'PLAN' }).expect(200)).body as ConnectionDto;
    expect(updated.executionMode).toBe('PLAN');
    await t.http().delete(`/api/connections/${created.id}`).set(user.auth).expect(204);
    await t.http().get(`/api/connections/${created.id}`).set(user.auth).expect(404);
  });

  it('encrypts WordPress credentials at rest and never returns them', async () => {
    const user = await signUpUser(t);
    const site = await createSite(user.auth, {
      siteUrl: 'http://localhost:8080/', platform: 'WORDPRESS',
      wordpress: { username: 'editor', applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' },
      crawlSettings: { maxPages: 50, headers: { Cookie: 'session=secret-cookie' } },
    });
    expect(site.hasCredentials).toBe(true);
    expect(site.crawlSettings.headerNames).toEqual(['Cookie']);
    expect(JSON.stringify(site)).not.toContain('abcd efgh');
    expect(JSON.stringify(site)).not.toContain('secret-cookie');
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(row.credentials).toMatch(/^v1:k2:/);
    expect(row.credentials).not.toContain('abcd');
    expect(JSON.stringify(row.crawlSettings)).not.toContain('secret-cookie');
    expect(TEST_ENCRYPTION_KEYS.startsWith('k2:')).toBe(true);
  });

  it('answers 404 for another tenant\'s site, for every verb', async () => {
    const owner = await signUpUser(t, 'owner');
    const intruder = await signUpUser(t, 'intruder');
    const site = await createSite(owner.auth, { siteUrl: PUBLIC_SITE, platform: 'CUSTOM' });
    const get = (await t.http().get(`/api/connections/${site.id}`).set(intruder.auth).expect(404)).body as ApiErrorBody;
    expect(get.message).toBe('No site with this id.');
    expect(JSON.stringify(get)).not.toContain('93.184');
    await t.http().patch(`/api/connections/${site.id}`).set(intruder.auth).send({ executionMode: 'AUTOMATIC' }).expect(404);
    await t.http().delete(`/api/connections/${site.id}`).set(intruder.auth).expect(404);
    const list = (await t.http().get('/api/connections').set(intruder.auth).expect(200)).body as ConnectionPageDto;
    expect(list.total).toBe(0);
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(row.executionMode).toBe('APPROVE');
  });

  it.each([
    ['http://10.0.0.5/', /private/],
    ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['http://[::1]/', /loopback/],
    ['http://2130706434/', /127\.0\.0\.2/],
    ['http://0x7f.2/', /127\.0\.0\.2/],
    ['http://[::ffff:10.0.0.1]/', /10\.0\.0\.1/],
    ['http://100.64.0.1/', /./],
    ['ftp://example.com/', /./],
    ['http://user:pass@93.184.216.34/', /./],
  ])('refuses %s with a readable 400 and stores nothing', async (siteUrl, reason) => {
    const user = await signUpUser(t);
    const refused = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl, platform: 'CUSTOM' }).expect(400)).body as ApiErrorBody;
    expect(refused.message).toMatch(/^siteUrl cannot be used: /);
    expect(refused.message).toMatch(reason);
    expect(await t.prisma.connection.count({ where: { userId: user.id } })).toBe(0);
  });

  it('allows loopback only when the allow-list names it', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://127.0.0.1:4000/', platform: 'CUSTOM' }).expect(201);
    const refused = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://127.0.0.2:4000/', platform: 'CUSTOM' }).expect(400)).body as ApiErrorBody;
    expect(refused.message).toMatch(/loopback/);
  });

  it('requires the platform\'s credentials and refuses duplicates', async () => {
    const user = await signUpUser(t);
    const missing = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: PUBLIC_SITE, platform: 'WORDPRESS' }).expect(400)).body as ApiErrorBody;
    expect(missing.message).toMatch(/wordpress/);
    const badShop = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: PUBLIC_SITE, platform: 'SHOPIFY', shopify: { shopDomain: 'evil.com', accessToken: 'shpat_0123456789abcdef0123' } }).expect(400)).body as ApiErrorBody;
    expect(badShop.message).toContain('myshopify.com');
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM' }).expect(201);
    const dup = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.34/other', platform: 'CUSTOM' }).expect(409)).body as ApiErrorBody;
    expect(dup.message).toBe('You already connected 93.184.216.34.');
    const badHeader = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://localhost:9/', platform: 'CUSTOM', crawlSettings: { headers: { 'Bad Header': 'x' } } }).expect(400)).body as ApiErrorBody;
    expect(badHeader.message).toContain('Bad Header');
  });
  it('tells each caller their role on a site: OWNER for their own, their team role for a team site', async () => {
    const owner = await signUpUser(t, 'role-owner');
    const viewer = await signUpUser(t, 'role-viewer');
    const team = await t.prisma.team.create({ data: { name: 'Agency', slug: `agency-role-${Date.now()}`, ownerId: owner.id } });
    await t.prisma.teamMember.createMany({ data: [{ teamId: team.id, userId: owner.id, role: 'OWNER' }, { teamId: team.id, userId: viewer.id, role: 'VIEWER' }] });
    const site = await createSite(owner.auth, { siteUrl: PUBLIC_SITE, platform: 'CUSTOM', teamId: team.id });
    expect(site.role).toBe('OWNER');
    const asViewer = (await t.http().get(`/api/connections/${site.id}`).set(viewer.auth).expect(200)).body as ConnectionDto;
    expect(asViewer.role).toBe('VIEWER');
    const list = (await t.http().get('/api/connections').set(viewer.auth).expect(200)).body as ConnectionPageDto;
    expect(list.items.map((s) => [s.id, s.role])).toEqual([[site.id, 'VIEWER']]);
    await t.http().patch(`/api/connections/${site.id}`).set(viewer.auth).send({ executionMode: 'PLAN' }).expect(403);
  });

  it('returns daily health scores for the sites the caller reaches and nothing for others', async () => {
    const user = await signUpUser(t, 'trend');
    const other = await signUpUser(t, 'trend-other');
    const mine = await createSite(user.auth, { siteUrl: PUBLIC_SITE, platform: 'CUSTOM' });
    const theirs = await createSite(other.auth, { siteUrl: PUBLIC_SITE, platform: 'CUSTOM' });
    const day = (ago: number) => new Date(new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10));
    await t.prisma.metric.createMany({
      data: [
        { connectionId: mine.id, date: day(2), healthScore: 61 },
        { connectionId: mine.id, date: day(1), healthScore: 70 },
        { connectionId: mine.id, date: day(0), healthScore: 78 },
        { connectionId: mine.id, date: day(40), healthScore: 10 },
        { connectionId: mine.id, date: day(0), pageUrl: 'http://93.184.216.34/a', healthScore: 5 },
        { connectionId: theirs.id, date: day(0), healthScore: 99 },
      ],
    });
    const trends = (await t.http().get('/api/connections/health-trends').query({ ids: `${mine.id},${theirs.id}`, days: 30 }).set(user.auth).expect(200)).body as HealthTrendsDto;
    expect(trends.items).toEqual([{ connectionId: mine.id, points: [61, 70, 78].map((healthScore, i) => ({ date: day(2 - i).toISOString().slice(0, 10), healthScore })) }]);
    await t.http().get('/api/connections/health-trends').set(user.auth).expect(400);
    await t.http().get('/api/connections/health-trends').query({ ids: mine.id, days: 1000 }).set(user.auth).expect(400);
  });
});
