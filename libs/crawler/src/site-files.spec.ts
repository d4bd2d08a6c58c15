import * as zlib from 'node:zlib';
import { loadSiteFiles } from './site-files';
import { crawlParts } from './testing/crawl-parts';
import { startSite, type TestSite } from './testing/site-server';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

async function setup(routes: Parameters<typeof startSite>[0]) {
  const site: TestSite = await startSite(routes);
  const parts = crawlParts(`${site.origin}/`);
  closers.push(() => site.close(), () => parts.fetcher.close());
  const deps = { fetcher: parts.fetcher, robots: parts.robots, gates: parts.gates, scope: parts.scope, normalize: parts.normalize };
  return { site, parts, deps };
}

const urlset = (urls: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`;

describe('loadSiteFiles', () => {
  it('reads robots.txt, the status of llms.txt and the sitemaps robots.txt names (gzipped too), same-site URLs only', async () => {
    let origin = '';
    const { site, parts, deps } = await setup({
      '/robots.txt': (_q, r, s) => r.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nDisallow: /x\nSitemap: ${s.origin}/sm.xml.gz\n`),
      '/llms.txt': { headers: { 'content-type': 'text/plain' }, body: '# llms' },
      '/sm.xml.gz': (_q, r) => r.writeHead(200, { 'content-type': 'application/gzip' }).end(zlib.gzipSync(urlset([`${origin}/a`, `${origin}/b?utm_source=x`, 'https://elsewhere.example/c']))),
    });
    origin = site.origin;
    const files = await loadSiteFiles(site.origin, deps, { sitemaps: true, maxPages: 100 }, parts.hard.signal);
    expect(files.robots.status).toBe(200);
    expect(files.robots.isAllowed(`${site.origin}/x`)).toBe(false);
    expect(files.llmsTxtStatus).toBe(200);
    expect([...files.sitemap.urls].sort()).toEqual([`${site.origin}/a`, `${site.origin}/b`]);
    expect(files.sitemap.files).toEqual([expect.objectContaining({ url: `${site.origin}/sm.xml.gz`, status: 200 })]);
    expect(site.hitsFor('/llms.txt').map((h) => h.method)).toEqual(['GET']);
    // Every request went through the host gates and was counted.
    expect(parts.counters.requests).toBe(site.hits.length);
  });

  it('falls back to /sitemap.xml, and asks for no sitemap when sitemaps are off', async () => {
    let origin = '';
    const { site, parts, deps } = await setup({ '/sitemap.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(urlset([`${origin}/s`])) });
    origin = site.origin;
    const found = await loadSiteFiles(site.origin, deps, { sitemaps: true, maxPages: 100 }, parts.hard.signal);
    expect([...found.sitemap.urls]).toEqual([`${site.origin}/s`]);
    expect(found.robots.status).toBe(404);
    expect(found.llmsTxtStatus).toBe(404);

    const before = site.hits.length;
    const off = await loadSiteFiles(site.origin, deps, { sitemaps: false, maxPages: 100 }, parts.hard.signal);
    expect(off.sitemap).toEqual({ urls: new Set(), files: [] });
    expect(site.hits.slice(before).map((h) => h.path)).toEqual(['/llms.txt']);
  });

  it('reports an unreachable llms.txt as 0', async () => {
    const { site, parts, deps } = await setup({ '/llms.txt': (q) => q.socket.destroy() });
    const files = await loadSiteFiles(site.origin, deps, { sitemaps: false, maxPages: 100 }, parts.hard.signal);
    expect(files.llmsTxtStatus).toBe(0);
  });
});
