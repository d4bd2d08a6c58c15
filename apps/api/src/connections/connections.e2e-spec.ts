import { createTestApp, signUpUser, TEST_ENCRYPTION_KEYS, type TestApp } from '../testing/test-app';

const PUBLIC_SITE = 'http://93.184.216.34/';

describe('connections (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: 'localhost,127.0.0.1' });
  });
  afterAll(() => t.close());

  it('creates, lists, reads, updates and deletes a site', async () => {
    const user = await signUpUser(t);
    const created = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'HTTP://93.184.216.34/Shop?utm=x#top', platform: 'CUSTOM', displayName: 'Shop' }).expect(201);
    expect(created.body).toMatchObject({
      domain: '93.184.216.34', siteUrl: 'http://93.184.216.34/Shop', platform: 'CUSTOM', executionMode: 'APPROVE',
      healthStatus: 'unknown', pageCount: 0, issueCount: 0, hasCredentials: false,
    });
    const list = await t.http().get('/api/connections').set(user.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    await t.http().get(`/api/connections/${created.body.id}`).set(user.auth).expect(200);
    const updated = await t.http().patch(`/api/connections/${created.body.id}`).set(user.auth).send({ executionMode: 'PLAN' }).expect(200);
    expect(updated.body.executionMode).toBe('PLAN');
    await t.http().delete(`/api/connections/${created.body.id}`).set(user.auth).expect(204);
    await t.http().get(`/api/connections/${created.body.id}`).set(user.auth).expect(404);
  });

  it('encrypts WordPress credentials at rest and never returns them', async () => {
    const user = await signUpUser(t);
    const res = await t.http().post('/api/connections').set(user.auth).send({
      siteUrl: 'http://localhost:8080/', platform: 'WORDPRESS',
      wordpress: { username: 'editor', applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' },
      crawlSettings: { maxPages: 50, headers: { Cookie: 'session=secret-cookie' } },
    }).expect(201);
    expect(res.body.hasCredentials).toBe(true);
    expect(res.body.crawlSettings.headerNames).toEqual(['Cookie']);
    expect(JSON.stringify(res.body)).not.toContain('abcd efgh');
    expect(JSON.stringify(res.body)).not.toContain('secret-cookie');
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.credentials).toMatch(/^v1:k2:/);
    expect(row.credentials).not.toContain('abcd');
    expect(JSON.stringify(row.crawlSettings)).not.toContain('secret-cookie');
    expect(TEST_ENCRYPTION_KEYS.startsWith('k2:')).toBe(true);
  });

  it('answers 404 for another tenant\'s site, for every verb', async () => {
    const owner = await signUpUser(t, 'owner');
    const intruder = await signUpUser(t, 'intruder');
    const { body } = await t.http().post('/api/connections').set(owner.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM' }).expect(201);
    const get = await t.http().get(`/api/connections/${body.id}`).set(intruder.auth).expect(404);
    expect(get.body.message).toBe('No site with this id.');
    expect(JSON.stringify(get.body)).not.toContain('93.184');
    await t.http().patch(`/api/connections/${body.id}`).set(intruder.auth).send({ executionMode: 'AUTOMATIC' }).expect(404);
    await t.http().delete(`/api/connections/${body.id}`).set(intruder.auth).expect(404);
    const list = await t.http().get('/api/connections').set(intruder.auth).expect(200);
    expect(list.body.total).toBe(0);
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: body.id } });
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
    const res = await t.http().post('/api/connections').set(user.auth).send({ siteUrl, platform: 'CUSTOM' }).expect(400);
    expect(res.body.message).toMatch(/^siteUrl cannot be used: /);
    expect(res.body.message).toMatch(reason);
    expect(await t.prisma.connection.count({ where: { userId: user.id } })).toBe(0);
  });

  it('allows loopback only when the allow-list names it', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://127.0.0.1:4000/', platform: 'CUSTOM' }).expect(201);
    const res = await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://127.0.0.2:4000/', platform: 'CUSTOM' }).expect(400);
    expect(res.body.message).toMatch(/loopback/);
  });

  it('requires the platform\'s credentials and refuses duplicates', async () => {
    const user = await signUpUser(t);
    const missing = await t.http().post('/api/connections').set(user.auth).send({ siteUrl: PUBLIC_SITE, platform: 'WORDPRESS' }).expect(400);
    expect(missing.body.message).toMatch(/wordpress/);
    const badShop = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: PUBLIC_SITE, platform: 'SHOPIFY', shopify: { shopDomain: 'evil.com', accessToken: 'shpat_0123456789abcdef0123' } }).expect(400);
    expect(badShop.body.message).toContain('myshopify.com');
    await t.http().post('/api/connections').set(user.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM' }).expect(201);
    const dup = await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.34/other', platform: 'CUSTOM' }).expect(409);
    expect(dup.body.message).toBe('You already connected 93.184.216.34.');
    const badHeader = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://localhost:9/', platform: 'CUSTOM', crawlSettings: { headers: { 'Bad Header': 'x' } } }).expect(400);
    expect(badHeader.body.message).toContain('Bad Header');
  });
  it('tells each caller their role on a site: OWNER for their own, their team role for a team site', async () => {
    const owner = await signUpUser(t, 'role-owner');
    const viewer = await signUpUser(t, 'role-viewer');
    const team = await t.prisma.team.create({ data: { name: 'Agency', slug: `agency-role-${Date.now()}`, ownerId: owner.id } });
    await t.prisma.teamMember.createMany({ data: [{ teamId: team.id, userId: owner.id, role: 'OWNER' }, { teamId: team.id, userId: viewer.id, role: 'VIEWER' }] });
    const { body: site } = await t.http().post('/api/connections').set(owner.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM', teamId: team.id }).expect(201);
    expect(site.role).toBe('OWNER');
    const asViewer = await t.http().get(`/api/connections/${site.id}`).set(viewer.auth).expect(200);
    expect(asViewer.body.role).toBe('VIEWER');
    const list = await t.http().get('/api/connections').set(viewer.auth).expect(200);
    expect(list.body.items.map((s: { id: string; role: string }) => [s.id, s.role])).toEqual([[site.id, 'VIEWER']]);
    await t.http().patch(`/api/connections/${site.id}`).set(viewer.auth).send({ executionMode: 'PLAN' }).expect(403);
  });

  it('returns daily health scores for the sites the caller reaches and nothing for others', async () => {
    const user = await signUpUser(t, 'trend');
    const other = await signUpUser(t, 'trend-other');
    const { body: mine } = await t.http().post('/api/connections').set(user.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM' }).expect(201);
    const { body: theirs } = await t.http().post('/api/connections').set(other.auth).send({ siteUrl: PUBLIC_SITE, platform: 'CUSTOM' }).expect(201);
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
    const res = await t.http().get('/api/connections/health-trends').query({ ids: `${mine.id},${theirs.id}`, days: 30 }).set(user.auth).expect(200);
    expect(res.body.items).toEqual([{ connectionId: mine.id, points: [61, 70, 78].map((healthScore, i) => ({ date: day(2 - i).toISOString().slice(0, 10), healthScore })) }]);
    await t.http().get('/api/connections/health-trends').set(user.auth).expect(400);
    await t.http().get('/api/connections/health-trends').query({ ids: mine.id, days: 1000 }).set(user.auth).expect(400);
  });
});
