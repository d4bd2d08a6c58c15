import type { INestApplicationContext } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromiumPath } from '@seology/render';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers are not part of the libraries' public entry points
import { startStaticSiteServer, type StaticSiteServer } from '../../../../libs/connectors/src/testing';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { CrawlDto } from '../crawls/dto/crawl.dto';
import type { FixPageDto } from '../fixes/dto/fix.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';

const HAVE_CHROMIUM = existsSync(chromiumPath());
if (!HAVE_CHROMIUM) console.warn(`snippet rendered-crawl test skipped: no Chromium at ${chromiumPath()}`);

/** The customer's page as their server sends it: the snippet tag is all Seology adds. */
function customerPage(snippetSrc: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title><meta property="og:site_name" content="The Corner Bakery">
${snippetSrc ? `<script src="${snippetSrc}" async></script>` : ''}
</head><body><h1>Fresh sourdough every morning</h1>
<p>Our bakery bakes sourdough, rye and spelt loaves every morning from organic flour, water and salt, with a long cold fermentation.</p></body></html>`;
}

(HAVE_CHROMIUM ? describe : describe.skip)('a rendered crawl of a snippet site sees the snippet\'s fixes (e2e: API over HTTP + worker + Chromium)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let site: StaticSiteServer;
  let apiOrigin: string;

  beforeAll(async () => {
    site = await startStaticSiteServer({ '/': customerPage(null) });
    // The API's own origin is loopback here: allowed like the site itself, so the renderer may load the snippet from it.
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    await t.app.listen(0, '127.0.0.1');
    apiOrigin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startTestWorker();
  });
  afterAll(() => teardown([['worker', () => worker?.close()], ['app', () => t?.close()], ['site', () => site?.close()]]));

  async function crawlAndAnalyse(connectionId: string, auth: { Authorization: string }) {
    const crawl = (await t.http().post(`/api/connections/${connectionId}/crawls`).set(auth).expect(201)).body as CrawlDto;
    const analysed = await until(
      () => t.prisma.job.findFirst({ where: { type: 'ANALYZE_SITE', payload: { path: ['crawlId'], equals: crawl.id } } }),
      (j) => j?.status === 'COMPLETED' || j?.status === 'FAILED',
      120_000,
    );
    expect(analysed?.error ?? null).toBeNull();
    return t.prisma.crawledPage.findFirstOrThrow({ where: { crawlId: crawl.id, url: `${site.url}/` } });
  }

  it('a title fix served by the snippet is the title the next rendered crawl reads; the raw HTML keeps the old one', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${site.url}/`, platform: 'CUSTOM', executionMode: 'APPROVE', crawlSettings: { render: 'on' } }).expect(201)).body as ConnectionDto;
    const { snippetKey } = await t.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    site.setPage('/', customerPage(`${apiOrigin}/api/snippet/${snippetKey}.js`));

    const before = await crawlAndAnalyse(connection.id, user.auth);
    expect(before.title).toBe('Home');
    const fixes = ((await t.http().get(`/api/connections/${connection.id}/fixes?pageSize=100`).set(user.auth).expect(200)).body as FixPageDto).items;
    const title = fixes.find((f) => f.type === 'title');
    if (!title) throw new Error('no title fix was proposed');
    await t.http().post('/api/fixes/approve').set(user.auth).send({ ids: [title.id] }).expect(200);
    await until(async () => (await t.http().get(`/api/fixes/${title.id}`).set(user.auth).expect(200)).body as { status: string }, (f) => f.status === 'APPLIED');

    const after = await crawlAndAnalyse(connection.id, user.auth);
    expect(after.title).toBe(title.afterValue);
    expect(after.render).toMatchObject({ raw: { title: 'Home' }, rendered: { title: title.afterValue } });
    // The snippet's request came from the crawl's browser: the served HTML itself never changed.
    expect(await (await fetch(`${site.url}/`)).text()).toContain('<title>Home</title>');
  }, 240_000);
});
