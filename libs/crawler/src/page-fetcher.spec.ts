import { Frontier } from './frontier';
import { PageFetcher, type PageFetcherOptions } from './page-fetcher';
import type { RobotsRules } from './robots';
import { crawlParts } from './testing/crawl-parts';
import { page, startSite, type TestSite } from './testing/site-server';

const ALLOW_ALL: RobotsRules = { status: 404, body: null, isAllowed: () => true, crawlDelayMs: null, sitemaps: [] };
const OPTIONS: PageFetcherOptions = { maxBodyBytes: 1024 * 1024, maxRetries: 2, maxRetryAfterMs: 5_000, retryBaseMs: 10 };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

async function setup(routes: Parameters<typeof startSite>[0], options: Partial<PageFetcherOptions> = {}) {
  const site: TestSite = await startSite(routes);
  const parts = crawlParts(`${site.origin}/`);
  closers.push(() => site.close(), () => parts.fetcher.close());
  const frontier = new Frontier({ scope: parts.scope, normalize: parts.normalize, maxPages: 100, maxDepth: Number.POSITIVE_INFINITY, crawlSitemapUrls: true });
  const blocked: Array<[string, string]> = [];
  const fetcher = new PageFetcher(
    { ...parts.deps, normalize: parts.normalize, frontier, onRedirectBlocked: (target, from) => blocked.push([target, from]) },
    { ...OPTIONS, ...options },
  );
  const fetch = (path: string, decode = true) => fetcher.fetch({ url: `${site.origin}${path}`, depth: 1, from: `${site.origin}/` }, ALLOW_ALL, decode);
  return { site, parts, frontier, blocked, fetch };
}

describe('PageFetcher', () => {
  it('decodes HTML by its charset, or hands the bytes over undecoded', async () => {
    const latin1 = Buffer.from('<html><head><title>Caf\xe9</title></head></html>', 'latin1');
    const { fetch } = await setup({ '/': { headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: latin1 } });
    const decoded = await fetch('/');
    expect(decoded.page).toMatchObject({ status: 200, depth: 1, discoveredFrom: expect.stringMatching(/\/$/) as unknown, html: '<html><head><title>Café</title></head></html>' });
    expect(decoded.htmlBody).toBeNull();
    const raw = await fetch('/', false);
    expect(raw.page.html).toBeNull();
    expect(raw.htmlBody?.equals(latin1)).toBe(true);
  });

  it('does not read a body that is not HTML, and takes its size from Content-Length', async () => {
    const { fetch } = await setup({ '/file.pdf': { headers: { 'content-type': 'application/pdf', 'content-length': '5000' }, body: Buffer.alloc(5000) } });
    const { page: p, htmlBody } = await fetch('/file.pdf');
    expect(p).toMatchObject({ status: 200, html: null, contentType: 'application/pdf', bodyBytes: 5000 });
    expect(htmlBody).toBeNull();
  });

  it('cuts a body at the cap and marks the page truncated', async () => {
    const { fetch } = await setup({ '/big': page('Big', [], 'x'.repeat(50_000)) }, { maxBodyBytes: 10_000 });
    const { page: p } = await fetch('/big');
    expect(p.truncated).toBe(true);
    expect(p.bodyBytes).toBeLessThanOrEqual(10_000);
    expect(p.html?.length).toBeLessThanOrEqual(10_000);
  });

  it('retries a 503 after its Retry-After and counts the retry', async () => {
    let n = 0;
    const { site, parts, fetch } = await setup({
      '/busy': (_q, r) => {
        if (n++ === 0) r.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' }).end('busy');
        else r.writeHead(200, { 'content-type': 'text/html' }).end(page('Busy'));
      },
    });
    const { page: p } = await fetch('/busy');
    expect(p.status).toBe(200);
    expect(site.hitsFor('/busy')).toHaveLength(2);
    expect(parts.counters.retries).toBe(1);
    expect(parts.counters.requests).toBe(2);
  });

  it('backs off base × 2^attempt without a Retry-After, and keeps the answer after maxRetries', async () => {
    const { site, fetch } = await setup({ '/down': { status: 429, headers: { 'content-type': 'text/plain' }, body: 'slow down' } }, { retryBaseMs: 100, maxRetries: 2 });
    const { page: p } = await fetch('/down');
    expect(p.status).toBe(429);
    const at = site.hitsFor('/down').map((h) => h.at);
    expect(at).toHaveLength(3);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(90);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(190);
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs: the 429 is the page', async () => {
    const { site, parts, fetch } = await setup({ '/later': { status: 429, headers: { 'retry-after': '3600', 'content-type': 'text/plain' }, body: 'later' } });
    const { page: p } = await fetch('/later');
    expect(p.status).toBe(429);
    expect(site.hitsFor('/later')).toHaveLength(1);
    expect(parts.counters.retries).toBe(0);
  });

  it('records redirect hops, marks the target seen, and stops at a target robots.txt forbids', async () => {
    const { site, frontier, blocked, fetch } = await setup({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private\n' },
      '/old': { status: 301, headers: { location: '/new' } },
      '/new': page('New'),
      '/to-private': { status: 302, headers: { location: '/private/x' } },
    });
    const moved = await fetch('/old');
    expect(moved.page).toMatchObject({ status: 200, finalUrl: `${site.origin}/new` });
    expect(moved.page.redirects).toHaveLength(1);
    expect(frontier.isSeen(`${site.origin}/new`)).toBe(true);

    const stopped = await fetch('/to-private');
    expect(stopped.page.status).toBe(302);
    expect(blocked).toEqual([[`${site.origin}/private/x`, `${site.origin}/to-private`]]);
    expect(site.hitsFor('/private/x')).toHaveLength(0);
  });

  it('turns a refused connection into a page with status 0 and the reason', async () => {
    const { site, fetch } = await setup({});
    await site.close();
    const { page: p } = await fetch('/gone');
    expect(p.status).toBe(0);
    expect(p.error).toEqual(expect.any(String));
    expect(p.finalUrl).toBe(`${site.origin}/gone`);
  });

  it('rejects when the crawl is stopped hard before an answer', async () => {
    const { parts, fetch } = await setup({ '/slow': () => undefined });
    const pending = fetch('/slow');
    setTimeout(() => parts.hard.abort(new Error('stopped')), 50);
    await expect(pending).rejects.toThrow('stopped');
  });
});
