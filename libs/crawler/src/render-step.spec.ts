import type { FetchedPage } from '@seology/audit';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { createRenderer, findChromium, type PageRenderer } from '@seology/render';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { startRenderFixtureSite, type RenderFixtureSite } from '@seology/render/testing';
import { crawlSite, type CrawlOptions, type RenderSample } from './index';

const chromium = findChromium();
if (chromium === null) console.warn('crawler rendering tests skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
const describeWithChromium = chromium === null ? describe.skip : describe;

const PAGES = ['/', '/products', '/about', '/products/widget', '/throws'];

describeWithChromium('crawl with JavaScript rendering (real Chromium, React fixture site)', () => {
  let site: RenderFixtureSite;
  let renderer: PageRenderer;

  beforeAll(async () => {
    site = await startRenderFixtureSite({ sitemapPaths: PAGES, robotsTxt: 'User-agent: *\nDisallow: /api/products\n' });
    // The crawl passes its SSRF policy with each page; DNS is the renderer's own (here the fixture's).
    renderer = createRenderer({ timeoutMs: 8_000, lookup: site.lookup });
  });

  afterAll(async () => {
    await renderer?.close();
    await site?.close();
  });

  async function crawl(extra: Partial<CrawlOptions>): Promise<Map<string, FetchedPage>> {
    const pages = new Map<string, FetchedPage>();
    const summary = await crawlSite({
      startUrl: `${site.origin}/`,
      ssrfPolicy: site.policy,
      lookup: site.lookup,
      requestsPerSecond: 0,
      // The audit follows the rendered pages' links too: keep out the fixture's 200 generated pages.
      exclude: ['/gen/*'],
      onPage: (p) => {
        pages.set(new URL(p.url).pathname, p);
      },
      ...extra,
    });
    expect(summary.status).toBe('completed');
    return pages;
  }

  it('without rendering the pages carry no snapshot (and the served HTML has no title)', async () => {
    const pages = await crawl({ auditThreads: 0 });
    expect([...pages.keys()].sort()).toEqual([...PAGES].sort());
    for (const p of pages.values()) expect(p.rendered).toBeUndefined();
    expect(pages.get('/')?.html).not.toContain('<title>');
  });

  it.each([0, 2])("mode 'on' renders every HTML page (audit threads: %i) without fetching the documents twice", async (auditThreads) => {
    const before = site.requests.length;
    const pages = await crawl({ auditThreads, render: { renderer, mode: 'on' } });
    const home = pages.get('/')?.rendered;
    expect(home?.html).toContain('<title>Render fixture home</title>');
    expect(home?.html).toContain('<a href="/products/widget">');
    expect(pages.get('/throws')?.rendered?.errors).toEqual([expect.stringContaining('fixture: uncaught error after render')]);
    for (const path of PAGES) expect(pages.get(path)?.rendered?.crashed).toBe(false);
    // The raw HTML stays what the server sent.
    if (auditThreads === 0) expect(pages.get('/')?.html).not.toContain('<title>');
    const documents = site.requests.slice(before).filter((r) => PAGES.includes(r.path));
    expect(documents.map((r) => r.path).sort()).toEqual([...PAGES].sort());
  });

  it("subresources obey the crawl's robots.txt: a disallowed API call is refused with reason 'robots'", async () => {
    const before = site.requests.length;
    const pages = await crawl({ auditThreads: 0, render: { renderer, mode: 'on' } });
    const products = pages.get('/products')?.rendered;
    expect(products?.blockedRequests).toContainEqual({ url: `${site.origin}/api/products`, reason: 'robots' });
    expect(products?.html).toContain('0 products loaded from the API.');
    expect(site.requests.slice(before).filter((r) => r.path === '/api/products')).toEqual([]);
  });

  it("mode 'auto' renders the sample, asks decide(), and renders the rest only when it says so", async () => {
    const seen: RenderSample[][] = [];
    const no = await crawl({
      auditThreads: 0,
      concurrency: 1,
      render: { renderer, mode: 'auto', sample: 2, decide: (s) => (seen.push([...s]), false) },
    });
    expect([...no.values()].filter((p) => p.rendered !== undefined)).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.map((s) => s.rendered.html.includes('<title>'))).toEqual([true, true]);
    expect(seen[0]?.every((s) => s.rawHtml !== null && !s.rawHtml.includes('<title>'))).toBe(true);

    const decisions: boolean[] = [];
    const yes = await crawl({ auditThreads: 0, render: { renderer, mode: 'auto', sample: 2, decide: () => true, onDecision: (d) => decisions.push(d) } });
    expect([...yes.values()].filter((p) => p.rendered !== undefined)).toHaveLength(PAGES.length);
    expect(decisions).toEqual([true]);
  });
});
