import { signUpUser } from '../testing/test-app';
import { useTestAppWithWorker } from '../testing/test-worker';

describe('JavaScript rendering of a site\'s crawls (e2e: API + worker)', () => {
  const env = useTestAppWithWorker({ SSRF_ALLOW_HOSTS: '127.0.0.1' });

  it('the render setting round-trips, is off by default and refuses other values', async () => {
    const { t } = env;
    const user = await signUpUser(t);
    const { body: site } = await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', crawlSettings: { render: 'auto' } }).expect(201);
    expect(site.crawlSettings.render).toBe('auto');

    const bad = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'sometimes' } }).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('crawlSettings.render must be one of: off, on, auto');
    const unchanged = await t.http().get(`/api/connections/${site.id}`).set(user.auth).expect(200);
    expect(unchanged.body.crawlSettings.render).toBe('auto');

    const on = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'on', maxPages: 20 } }).expect(200);
    expect(on.body.crawlSettings).toMatchObject({ render: 'on', maxPages: 20 });
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(row.crawlSettings).toMatchObject({ render: 'on', maxPages: 20 });

    const off = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'off' } }).expect(200);
    expect(off.body.crawlSettings.render).toBe('off');
    const other = await signUpUser(t, 'other');
    const { body: plain } = await t.http().post('/api/connections').set(other.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM' }).expect(201);
    expect(plain.crawlSettings.render).toBe('off');
  });
});
