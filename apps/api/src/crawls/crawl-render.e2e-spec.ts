import { existsSync } from 'node:fs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers are not part of the libraries' public entry points
import { startStaticSiteServer, type StaticSiteServer } from '../../../../libs/connectors/src/testing';
import { chromiumPath, createRenderer } from '@seology/render';
import { startRenderFixtureSite, type RenderFixtureSite } from '@seology/render/testing';
import type { ApiErrorBody } from '@seology/contracts';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { PageDetailDto } from '../pages/dto/page.dto';
import { signUpUser, until, type TestApp } from '../testing/test-app';
import { useTestAppWithWorker } from '../testing/test-worker';
import type { CrawlDto } from './dto/crawl.dto';

const HAVE_CHROMIUM = existsSync(chromiumPath());
if (!HAVE_CHROMIUM) console.warn(`rendered crawl tests skipped: no Chromium at ${chromiumPath()}`);

/** Pages of the React fixture whose content (title, links, heading) exists only after JavaScript. */
const SPA_PATHS = ['/', '/products', '/products/widget', '/products/gadget', '/products/gizmo', '/about'];

async function crawlSite(t: TestApp, auth: { Authorization: string }, siteUrl: string, render: string) {
  const site = (await t.http().post('/api/connections').set(auth)
    .send({ siteUrl, platform: 'CUSTOM', crawlSettings: { render, maxPages: 12 } }).expect(201)).body as ConnectionDto;
  const started = (await t.http().post(`/api/connections/${site.id}/crawls`).set(auth).expect(201)).body as CrawlDto;
  const crawl = await until(() => t.prisma.crawl.findUniqueOrThrow({ where: { id: started.id } }), (c) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(c.status), 120_000);
  expect(crawl.error).toBeNull();
  const issues = await t.prisma.issue.findMany({ where: { connectionId: site.id } });
  const pages = await t.prisma.crawledPage.findMany({ where: { crawlId: crawl.id } });
  return { site, crawl, stats: crawl.stats as { render?: { mode: string; rendered: boolean; summary: string } }, checks: new Set(issues.map((i) => i.type)), pages };
}

describe('JavaScript rendering of a site\'s crawls (e2e: API + worker)', () => {
  const env = useTestAppWithWorker({ SSRF_ALLOW_HOSTS: '127.0.0.1' });

  it('the render setting round-trips, is off by default and refuses other values', async () => {
    const { t } = env;
    const user = await signUpUser(t);
    const site = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', crawlSettings: { render: 'auto' } }).expect(201)).body as ConnectionDto;
    expect(site.crawlSettings.render).toBe('auto');

    const bad = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'sometimes' } }).expect(400);
    expect(JSON.stringify((bad.body as ApiErrorBody).message)).toContain('crawlSettings.render must be one of: off, on, auto');
    const unchanged = await t.http().get(`/api/connections/${site.id}`).set(user.auth).expect(200);
    expect((unchanged.body as ConnectionDto).crawlSettings.render).toBe('auto');

    const on = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'on', maxPages: 20 } }).expect(200);
    expect((on.body as ConnectionDto).crawlSettings).toMatchObject({ render: 'on', maxPages: 20 });
    const row = await t.prisma.connection.findUniqueOrThrow({ where: { id: site.id } });
    expect(row.crawlSettings).toMatchObject({ render: 'on', maxPages: 20 });

    const off = await t.http().patch(`/api/connections/${site.id}`).set(user.auth).send({ crawlSettings: { render: 'off' } }).expect(200);
    expect((off.body as ConnectionDto).crawlSettings.render).toBe('off');
    const other = await signUpUser(t, 'other');
    const plain = (await t.http().post('/api/connections').set(other.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    expect(plain.crawlSettings.render).toBe('off');
  });

  (HAVE_CHROMIUM ? describe : describe.skip)('against the React fixture site and a static copy of it', () => {
    let spa: RenderFixtureSite;
    let copy: StaticSiteServer;

    beforeAll(async () => {
      spa = await startRenderFixtureSite({ generatedPages: 3 });
      // The static copy: each SPA page as the browser built it, without its scripts. Same content, no JavaScript.
      const renderer = createRenderer({ policy: { allowHosts: ['127.0.0.1'] } });
      const pages: Record<string, string> = {};
      try {
        for (const path of SPA_PATHS) {
          const snapshot = await renderer.render(`http://127.0.0.1:${spa.port}${path}`);
          pages[path] = snapshot.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
        }
      } finally {
        await renderer.close();
      }
      copy = await startStaticSiteServer(pages);
    }, 120_000);
    afterAll(async () => {
      await copy?.close();
      await spa?.close();
    });

    it('auto switches rendering on for the SPA, and the rendering checks fire on its pages', async () => {
      const { t } = env;
      const user = await signUpUser(t, 'spa');
      const result = await crawlSite(t, user.auth, `http://127.0.0.1:${spa.port}/`, 'auto');
      expect(result.stats.render).toMatchObject({ mode: 'auto', rendered: true });
      expect(result.stats.render?.summary).toMatch(/^Rendering switched on: \d+ of \d+ sample pages /);
      for (const check of ['render-title-only-rendered', 'render-links-only-rendered', 'render-description-only-rendered']) expect(result.checks).toContain(check);
      // Found through rendered links only: the raw shell links nowhere.
      expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(expect.arrayContaining(['/products', '/about']));
      const home = result.pages.find((p) => new URL(p.url).pathname === '/');
      expect(home?.render).toMatchObject({ raw: { title: null, internalLinks: 0 }, rendered: { internalLinks: expect.any(Number) as unknown } });
      const detail = (await t.http().get(`/api/connections/${result.site.id}/pages/${home?.id ?? ''}`).set(user.auth).expect(200)).body as PageDetailDto;
      expect(detail.page.render?.raw.title).toBeNull();
      expect(detail.page.render?.rendered?.title).toBe(home?.title);
    }, 180_000);

    it('auto leaves rendering off for the static copy with the same content, and no rendering check fires', async () => {
      const { t } = env;
      const user = await signUpUser(t, 'static');
      const result = await crawlSite(t, user.auth, `${copy.url}/`, 'auto');
      expect(result.stats.render).toMatchObject({ mode: 'auto', rendered: false });
      expect(result.stats.render?.summary).toMatch(/^Rendering not needed: /);
      expect([...result.checks].filter((c) => c.startsWith('render-'))).toEqual([]);
      // The same titles as the SPA's rendered pages: the content matched, only where it came from differed.
      expect(result.pages.find((p) => new URL(p.url).pathname === '/')?.title).toBeTruthy();
    }, 180_000);
  });
});
