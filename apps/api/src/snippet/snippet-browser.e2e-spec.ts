import type { INestApplicationContext } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startStaticSiteServer, type StaticSiteServer } from '@seology/connectors/testing';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { CrawlDto } from '../crawls/dto/crawl.dto';
import type { FixPageDto } from '../fixes/dto/fix.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`snippet browser test skipped: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`);

interface FixBody {
  id: string;
  type: string;
  status: string;
  target: string | null;
  beforeValue: string | null;
  afterValue: string;
}

const IMAGE = '/images/fresh-sourdough-loaf.jpg';

/** The customer's own page, as served by their server: the one-line snippet tag is all Seology adds. */
function customerPage(snippetSrc: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title><meta property="og:site_name" content="The Corner Bakery">
${snippetSrc ? `<script src="${snippetSrc}" async></script>` : ''}
</head><body><h1>Fresh sourdough every morning</h1>
<p>Our bakery bakes sourdough, rye and spelt loaves every morning from organic flour, water and salt, with a long cold fermentation.</p>
<img src="${IMAGE}" width="600" height="400"></body></html>`;
}

(HAVE_CHROMIUM ? describe : describe.skip)('snippet in a real browser (e2e: API over HTTP + worker + headless Chromium)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let site: StaticSiteServer;
  let browser: Browser;
  let apiOrigin: string;

  beforeAll(async () => {
    site = await startStaticSiteServer({ '/': customerPage(null) });
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '' });
    await t.app.listen(0, '127.0.0.1');
    apiOrigin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startTestWorker();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(() => teardown([['browser', () => browser?.close()], ['worker', () => worker?.close()], ['app', () => t?.close()], ['site', () => site?.close()]]));

  /**
   * What a new visitor sees once the page and the snippet have run. A fresh context each time: the
   * script is cacheable for five minutes, so a returning visitor may see a rollback that much later.
   */
  async function visit(): Promise<{ title: string; alt: string | null; scriptStatus: number | null }> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const script = page.waitForResponse((r) => r.url().startsWith(`${apiOrigin}/api/snippet/`), { timeout: 20_000 });
      await page.goto(`${site.url}/`, { waitUntil: 'load', timeout: 20_000 });
      const scriptStatus = (await script).status();
      // An async script runs before the window's load event, and the snippet applies its fixes at once: the DOM is final here.
      return { title: await page.title(), alt: await page.getAttribute('img', 'alt'), scriptStatus };
    } finally {
      await context.close();
    }
  }

  it('shows the fixed title and alt text, and the original title again after rollback', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${site.url}/`, platform: 'CUSTOM', executionMode: 'APPROVE', displayName: 'Bakery snippet site' }).expect(201)).body as ConnectionDto;
    const { snippetKey } = await t.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    site.setPage('/', customerPage(`${apiOrigin}/api/snippet/${snippetKey}.js`));

    const crawl = (await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth).expect(201)).body as CrawlDto;
    const analysed = await until(
      () => t.prisma.job.findFirst({ where: { type: 'ANALYZE_SITE', payload: { path: ['crawlId'], equals: crawl.id } } }),
      (j) => j?.status === 'COMPLETED' || j?.status === 'FAILED',
    );
    expect(analysed?.error ?? null).toBeNull();
    const fixes = ((await t.http().get(`/api/connections/${connection.id}/fixes?pageSize=100`).set(user.auth).expect(200)).body as FixPageDto).items;
    const title = fixes.find((f) => f.type === 'title');
    const alt = fixes.find((f) => f.type === 'imageAlt');
    expect(title).toMatchObject({ beforeValue: 'Home', afterValue: 'Fresh sourdough every morning – The Corner Bakery' });
    expect(alt).toMatchObject({ target: `${site.url}${IMAGE}`, beforeValue: null, afterValue: 'Fresh sourdough loaf' });

    // Before anything is applied the snippet changes nothing.
    expect(await visit()).toEqual({ title: 'Home', alt: null, scriptStatus: 200 });

    await t.http().post('/api/fixes/approve').set(user.auth).send({ ids: [title!.id, alt!.id] }).expect(200);
    for (const f of [title!, alt!]) {
      expect((await until(async () => (await t.http().get(`/api/fixes/${f.id}`).set(user.auth).expect(200)).body as FixBody, (x) => x.status !== 'APPROVED' && x.status !== 'APPLYING')).status).toBe('APPLIED');
    }
    expect(await visit()).toEqual({ title: title!.afterValue, alt: alt!.afterValue, scriptStatus: 200 });
    // The served HTML itself is untouched: the change happens in the browser.
    expect(await (await fetch(`${site.url}/`)).text()).toContain('<title>Home</title>');

    await t.http().post(`/api/fixes/${title!.id}/rollback`).set(user.auth).send({}).expect(200);
    await until(async () => (await t.http().get(`/api/fixes/${title!.id}`).set(user.auth).expect(200)).body as FixBody, (x) => x.status === 'ROLLED_BACK');
    expect(await visit()).toEqual({ title: 'Home', alt: alt!.afterValue, scriptStatus: 200 });
  });
});
