import * as zlib from 'node:zlib';
import type { LookupFn } from '@seology/net';
import { Crawler, crawlSite, type CrawlOptions, type CrawlState } from './index';
import { FakeAudit, fakeAuditFactory } from './testing/fake-audit';
import { page, startSite, type TestSite } from './testing/site-server';

const LOCAL = { allowHosts: ['127.0.0.1'] };

function baseOptions(site: TestSite, audit: FakeAudit, extra: Partial<CrawlOptions> = {}): CrawlOptions {
  return { startUrl: `${site.origin}/`, ssrfPolicy: LOCAL, requestsPerSecond: 0, concurrency: 4, audit, ...extra };
}

const closers: Array<() => Promise<void>> = [];
async function site(routes: Parameters<typeof startSite>[0], host?: string): Promise<TestSite> {
  const s = await startSite(routes, host);
  closers.push(() => s.close());
  return s;
}
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

describe('crawling a small site', () => {
  it('follows links breadth-first, normalises and de-duplicates URLs, records depth and referrer', async () => {
    const s = await site({
      '/': page('Home', ['/a', '/b?utm_source=x', '/b', '/a#section', 'b?z=1&y=2', 'mailto:x@y.z', 'https://elsewhere.example/']),
      '/a': page('A', ['/', '/c']),
      '/b': page('B', ['/c']),
      '/b?y=2&z=1': page('B sorted', []),
      '/c': page('C', ['/a']),
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    expect(summary.status).toBe('completed');
    const urls = audit.pageUrls().map((u) => u.slice(s.origin.length)).sort();
    expect(urls).toEqual(['/', '/a', '/b', '/b?y=2&z=1', '/c']);
    // each page requested exactly once; tracking and fragment variants never fetched
    for (const p of ['/', '/a', '/b', '/c']) expect(s.hitsFor(p)).toHaveLength(1);
    expect(s.hitsFor('/b?utm_source=x')).toHaveLength(0);
    expect(s.hitsFor('/b?z=1&y=2')).toHaveLength(0);
    expect(audit.page(`${s.origin}/c`)).toMatchObject({ depth: 2 });
    expect(audit.page(`${s.origin}/a`)).toMatchObject({ depth: 1, from: `${s.origin}/` });
    expect(summary.stats.pages).toBe(5);
    expect(summary.healthScore).toBe(100);
    expect(audit.finished).toBe(true);
    expect(s.hits.every((h) => h.headers['user-agent'] === 'SeologyBot/1.0 (+https://seology.ai/bot)')).toBe(true);
  });

  it('reports robots, llms.txt and sitemap status to the audit before pages', async () => {
    const s = await site({ '/': page('Home'), '/llms.txt': { headers: { 'content-type': 'text/plain' }, body: '# llms' } });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    expect(audit.state.siteFiles).toEqual({ robotsStatus: 404, llmsStatus: 200, sitemapUrls: [] });
    expect(summary.siteFiles).toMatchObject({ robotsStatus: 404, llmsTxtStatus: 200, sitemapUrls: 0 });
    expect(s.paths().slice(0, 1)).toEqual(['/robots.txt']);
  });

  it('streams page outcomes through onPage and reports progress', async () => {
    const s = await site({ '/': page('Home', ['/x']), '/x': '<html><body>no title</body></html>' });
    const seen: string[] = [];
    const progress: number[] = [];
    await crawlSite(
      baseOptions(s, new FakeAudit(), {
        onPage: (p, outcome) => {
          seen.push(`${p.url.slice(s.origin.length)}:${outcome.findings.map((f) => f.checkId).join(',')}`);
        },
        onProgress: (pr) => progress.push(pr.pagesCrawled),
        progressIntervalMs: 10,
      }),
    );
    expect(seen.sort()).toEqual(['/:', '/x:title-missing']);
    expect(progress.at(-1)).toBe(2);
  });
});

describe('robots.txt', () => {
  it('never requests a disallowed URL and reports it to the audit', async () => {
    const s = await site({
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private/\nDisallow: /*.pdf$\nAllow: /private/open\n\nUser-agent: OtherBot\nDisallow: /\n',
      },
      '/': page('Home', ['/private/secret', '/private/open', '/doc.pdf', '/doc.pdf?download=1', '/public']),
      '/private/open': page('Open', ['/private/also-secret']),
      '/public': page('Public'),
      '/doc.pdf?download=1': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' },
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    const requested = s.paths();
    expect(requested.filter((p) => p.startsWith('/private/') && p !== '/private/open')).toEqual([]);
    expect(requested).not.toContain('/doc.pdf');
    expect(requested).toContain('/doc.pdf?download=1'); // $ anchors the pattern
    expect(audit.state.robotsBlocked.map(([u, f]) => [u.slice(s.origin.length), f?.slice(s.origin.length)]).sort()).toEqual([
      ['/doc.pdf', '/'],
      ['/private/also-secret', '/private/open'],
      ['/private/secret', '/'],
    ]);
    expect(summary.stats.robotsBlocked).toBe(3);
  });

  it('uses the group for our agent over "*"', async () => {
    const s = await site({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /\n\nUser-agent: SeologyBot\nDisallow: /nope\n' },
      '/': page('Home', ['/yes', '/nope']),
      '/yes': page('Yes'),
    });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit));
    expect(s.paths()).toContain('/yes');
    expect(s.paths()).not.toContain('/nope');
  });

  it('treats a 5xx robots.txt as disallow-all (RFC 9309) and fetches no page', async () => {
    const s = await site({ '/robots.txt': { status: 503, body: 'down' }, '/': page('Home') });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { maxRetries: 0 }));
    expect(s.paths().filter((p) => p !== '/robots.txt' && p !== '/llms.txt' && !['/sitemap.xml', '/sitemap_index.xml', '/wp-sitemap.xml'].includes(p))).toEqual([]);
    expect(audit.state.robotsBlocked.map(([u]) => u)).toEqual([`${s.origin}/`]);
  });

  it('honours crawl-delay (for "*" when our agent has no group) by spacing and serialising requests', async () => {
    const s = await site({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nCrawl-delay: 0.25\n' },
      '/': page('Home', ['/1', '/2', '/3']),
      '/1': page('1'),
      '/2': page('2'),
      '/3': page('3'),
    });
    await crawlSite(baseOptions(s, new FakeAudit(), { concurrency: 8, sitemaps: false }));
    const pageHits = s.hits.filter((h) => /^\/\d?$/.test(h.path)).map((h) => h.at);
    expect(pageHits).toHaveLength(4);
    for (const [i, at] of pageHits.entries()) if (i > 0) expect(at - (pageHits[i - 1] ?? NaN)).toBeGreaterThanOrEqual(240);
  });
});

describe('sitemaps', () => {
  it('discovers a sitemap index from robots.txt, including a gzipped child, and crawls sitemap-only pages', async () => {
    const xml = (body: string) => ({ headers: { 'content-type': 'application/xml' }, body });
    const s: TestSite = await site({
      '/robots.txt': (_q, r, self) => {
        r.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nAllow: /\nSitemap: ${self.origin}/sitemap_index.xml\n`);
      },
      '/sitemap_index.xml': (_q, r, self) => {
        r.writeHead(200, { 'content-type': 'application/xml' }).end(
          `<sitemapindex><sitemap><loc>${self.origin}/sitemap-pages.xml</loc></sitemap><sitemap><loc>${self.origin}/sitemap-more.xml.gz</loc></sitemap></sitemapindex>`,
        );
      },
      '/sitemap-pages.xml': (_q, r, self) => {
        r.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset><url><loc>${self.origin}/</loc></url><url><loc>${self.origin}/linked</loc></url><url><loc>https://other.example/x</loc></url></urlset>`);
      },
      '/sitemap-more.xml.gz': (_q, r, self) => {
        r.writeHead(200, { 'content-type': 'application/x-gzip' }).end(zlib.gzipSync(`<urlset><url><loc>${self.origin}/orphan</loc></url></urlset>`));
      },
      '/': page('Home', ['/linked']),
      '/linked': page('Linked'),
      '/orphan': page('Orphan', ['/orphan-child']),
      '/orphan-child': page('Orphan child'),
      '/sitemap.xml': xml('<urlset></urlset>'),
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    expect(s.paths()).not.toContain('/sitemap.xml'); // robots named the sitemaps; no guessing needed
    expect(audit.state.siteFiles?.sitemapUrls.sort()).toEqual([`${s.origin}/`, `${s.origin}/linked`, `${s.origin}/orphan`]);
    expect(audit.page(`${s.origin}/linked`)).toMatchObject({ depth: 1, inSitemap: true });
    expect(audit.page(`${s.origin}/orphan`)).toMatchObject({ depth: -1, inSitemap: true, from: null });
    expect(audit.page(`${s.origin}/orphan-child`)).toMatchObject({ depth: -1, inSitemap: false });
    expect(summary.siteFiles.sitemaps.map((f) => [f.url.slice(s.origin.length), f.status, f.urls])).toEqual([
      ['/sitemap_index.xml', 200, 0],
      ['/sitemap-pages.xml', 200, 2],
      ['/sitemap-more.xml.gz', 200, 1],
    ]);
  });

  it('tries the well-known locations in turn when robots.txt names no sitemap that can be fetched', async () => {
    const s: TestSite = await site({
      // A relative Sitemap URL is invalid (and reported by the audit); a named sitemap that 404s finds nothing either.
      '/robots.txt': (_q, r, self) => r.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nSitemap: /sitemap-relative.xml\nSitemap: ${self.origin}/gone.xml\n`),
      '/wp-sitemap.xml': (_q, r, self) => r.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex><sitemap><loc>${self.origin}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>`),
      '/wp-sitemap-posts-post-1.xml': (_q, r, self) => r.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset><url><loc>${self.origin}/only-in-sitemap</loc></url></urlset>`),
      '/': page('Home'),
      '/only-in-sitemap': page('Only in the sitemap'),
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    expect(summary.siteFiles.sitemaps.map((f) => [f.url.slice(s.origin.length), f.status])).toEqual([
      ['/gone.xml', 404],
      ['/sitemap.xml', 404],
      ['/sitemap_index.xml', 404],
      ['/wp-sitemap.xml', 200],
      ['/wp-sitemap-posts-post-1.xml', 200],
    ]);
    expect(s.paths()).not.toContain('/sitemap-relative.xml');
    expect(audit.state.siteFiles?.sitemapUrls).toEqual([`${s.origin}/only-in-sitemap`]);
    expect(audit.page(`${s.origin}/only-in-sitemap`)).toMatchObject({ depth: -1, inSitemap: true });
  });

  it('stops at the first well-known location that answers with a sitemap', async () => {
    const s: TestSite = await site({
      '/sitemap.xml': (_q, r, self) => r.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset><url><loc>${self.origin}/</loc></url></urlset>`),
      '/': page('Home'),
    });
    const summary = await crawlSite(baseOptions(s, new FakeAudit()));
    expect(summary.siteFiles.sitemaps.map((f) => f.url.slice(s.origin.length))).toEqual(['/sitemap.xml']);
  });

  it('falls back to /sitemap.xml and respects the URL limit', async () => {
    const locs = Array.from({ length: 20 }, (_, i) => `/p${i}`);
    const s = await site({
      '/sitemap.xml': (_q, r, self) => r.writeHead(200, { 'content-type': 'text/xml' }).end(`<urlset>${locs.map((l) => `<url><loc>${self.origin}${l}</loc></url>`).join('')}</urlset>`),
      '/': page('Home'),
    });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { sitemaps: { maxUrls: 5 }, crawlSitemapUrls: false }));
    expect(audit.state.siteFiles?.sitemapUrls).toHaveLength(5);
    expect(s.paths().filter((p) => p.startsWith('/p'))).toEqual([]);
  });
});

describe('redirects', () => {
  it('records every hop and does not refetch the target', async () => {
    const s = await site({
      '/': page('Home', ['/old', '/other']),
      '/other': page('Other', ['/new']),
      '/old': { status: 301, headers: { location: '/older' } },
      '/older': { status: 302, headers: { location: '/new' } },
      '/new': page('New'),
    });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { concurrency: 1 }));
    const p = audit.fetched.get(`${s.origin}/old`);
    expect(p?.status).toBe(200);
    expect(p?.finalUrl).toBe(`${s.origin}/new`);
    expect(p?.redirects).toEqual([
      { url: `${s.origin}/old`, status: 301, location: `${s.origin}/older` },
      { url: `${s.origin}/older`, status: 302, location: `${s.origin}/new` },
    ]);
    // /new was audited as /old's final URL, so the later link to it is not fetched again
    expect(s.hitsFor('/new')).toHaveLength(1);
    expect(audit.page(`${s.origin}/new`)).toBeUndefined();
  });

  it('detects a loop and a chain longer than 10 hops', async () => {
    const routes: Parameters<typeof startSite>[0] = {
      '/': page('Home', ['/loop1', '/hop0']),
      '/loop1': { status: 301, headers: { location: '/loop2' } },
      '/loop2': { status: 301, headers: { location: '/loop1' } },
    };
    for (let i = 0; i < 15; i++) routes[`/hop${i}`] = { status: 302, headers: { location: `/hop${i + 1}` } };
    const s = await site(routes);
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit));
    const loop = audit.fetched.get(`${s.origin}/loop1`);
    expect(loop).toMatchObject({ status: 0, error: 'redirect-loop' });
    expect(loop?.redirects.map((h) => h.url.slice(s.origin.length))).toEqual(['/loop1', '/loop2']);
    const chain = audit.fetched.get(`${s.origin}/hop0`);
    expect(chain).toMatchObject({ status: 0, error: 'too-many-redirects' });
    expect(chain?.redirects).toHaveLength(11);
    expect(s.hitsFor('/hop11')).toHaveLength(0);
  });

  it('stops at a redirect into a robots-disallowed path', async () => {
    const s = await site({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /members/\n' },
      '/': page('Home', ['/login']),
      '/login': { status: 302, headers: { location: '/members/home' } },
    });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit));
    expect(s.paths()).not.toContain('/members/home');
    expect(audit.fetched.get(`${s.origin}/login`)?.status).toBe(302);
    expect(audit.state.robotsBlocked).toEqual([[`${s.origin}/members/home`, `${s.origin}/login`]]);
  });
});

describe('limits and failures', () => {
  it('cuts a 50 MB page at the cap without buffering it', async () => {
    let written = 0;
    const s = await site({
      '/': page('Home', ['/huge']),
      '/huge': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.from('<p>' + 'x'.repeat(64 * 1024 - 7) + '</p>');
        const pump = () => {
          while (written < 50 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      },
    });
    const audit = new FakeAudit();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    await crawlSite(baseOptions(s, audit, { maxBodyBytes: 1024 * 1024 }));
    clearInterval(sampler);
    const p = audit.fetched.get(`${s.origin}/huge`);
    expect(p).toMatchObject({ status: 200, truncated: true, bodyBytes: 1024 * 1024 });
    expect(p?.html?.length).toBe(1024 * 1024);
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBeLessThan(20 * 1024 * 1024); // the server was stopped by back-pressure and the closed socket
    expect(peak - rssBefore).toBeLessThan(40 * 1024 * 1024);
  });

  it('times out a slow page and carries on with the rest', async () => {
    const s = await site({
      '/': page('Home', ['/slow', '/fast']),
      '/slow': () => undefined,
      '/fast': page('Fast'),
    });
    const audit = new FakeAudit();
    const t0 = Date.now();
    const summary = await crawlSite(baseOptions(s, audit, { timeoutMs: 300 }));
    expect(audit.page(`${s.origin}/slow`)).toMatchObject({ status: 0, error: 'timeout' });
    expect(audit.page(`${s.origin}/fast`)).toMatchObject({ status: 200 });
    expect(summary.stats.errors).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('does not read or parse binary content', async () => {
    const png = Buffer.alloc(300_000, 0x89);
    const s = await site({
      '/': page('Home', ['/image.png', '/file.pdf', '/untyped']),
      '/image.png': { headers: { 'content-type': 'image/png', 'content-length': String(png.length) }, body: png },
      '/file.pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7 <html><a href="/from-pdf">x</a>' },
      '/untyped': (_q, r) => {
        r.removeHeader('content-type');
        r.end(Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
      },
    });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit));
    expect(audit.fetched.get(`${s.origin}/image.png`)).toMatchObject({ status: 200, html: null, contentType: 'image/png', bodyBytes: 300_000 });
    expect(audit.fetched.get(`${s.origin}/file.pdf`)).toMatchObject({ html: null });
    expect(audit.fetched.get(`${s.origin}/untyped`)).toMatchObject({ html: null, status: 200 });
    expect(s.paths()).not.toContain('/from-pdf');
  });

  it('passes malformed and oddly encoded HTML through without failing', async () => {
    const s = await site({
      '/': page('Home', ['/broken', '/latin', '/gz']),
      '/broken': { headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from('<html><head><title>Bro'), Buffer.from([0xff, 0x00, 0xc3]), Buffer.from('<a href="/ok">x<a href=/ok2 <<<div></p></html')]) },
      '/latin': { headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: Buffer.from([...Buffer.from('<title>caf'), 0xe9, 0x20, 0x80, ...Buffer.from('</title>')]) },
      '/gz': (req, r) => {
        r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(page('Zipped', ['/from-gzip'])));
      },
      '/ok': page('ok'),
      '/from-gzip': page('From gzip'),
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    expect(summary.status).toBe('completed');
    expect(audit.fetched.get(`${s.origin}/latin`)?.html).toBe('<title>café €</title>');
    expect(audit.fetched.get(`${s.origin}/gz`)?.html).toContain('Zipped');
    expect(s.paths()).toContain('/from-gzip');
    expect(s.paths()).toContain('/ok');
    expect(s.hitsFor('/gz')[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('retries a 429 after its Retry-After and backs off the host', async () => {
    let n = 0;
    const s = await site({
      '/': page('Home', ['/busy']),
      '/busy': (_q, r) => {
        if (n++ === 0) r.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
        else r.writeHead(200, { 'content-type': 'text/html' }).end(page('Busy'));
      },
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit));
    const hits = s.hitsFor('/busy');
    expect(hits).toHaveLength(2);
    expect((hits[1]?.at ?? NaN) - (hits[0]?.at ?? NaN)).toBeGreaterThanOrEqual(950);
    expect(audit.page(`${s.origin}/busy`)).toMatchObject({ status: 200 });
    expect(summary.stats.retries).toBe(1);
  });

  it('gives up after maxRetries on a persistent 503 and keeps the response', async () => {
    const s = await site({ '/': page('Home', ['/down']), '/down': { status: 503, headers: { 'retry-after': '0' }, body: 'down' } });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { maxRetries: 2 }));
    expect(s.hitsFor('/down')).toHaveLength(3);
    expect(audit.page(`${s.origin}/down`)).toMatchObject({ status: 503 });
  });

  it('respects maxPages, maxDepth, include and exclude', async () => {
    const routes: Parameters<typeof startSite>[0] = {};
    for (let i = 0; i < 50; i++) routes[`/p/${i}`] = page(`P${i}`, [`/p/${i + 1}`, `/p/${i + 1}/child`]);
    routes['/'] = page('Home', ['/p/0', '/blog/a', '/shop/x']);
    routes['/blog/a'] = page('Blog', ['/blog/b', '/blog/private/z']);
    routes['/blog/b'] = page('Blog b');
    const s1 = await site(routes);
    const a1 = new FakeAudit();
    await crawlSite(baseOptions(s1, a1, { maxPages: 7, concurrency: 1 }));
    expect(a1.state.pages).toHaveLength(7);

    const a2 = new FakeAudit();
    const s2 = await site(routes);
    await crawlSite(baseOptions(s2, a2, { maxDepth: 2 }));
    expect(Math.max(...a2.state.pages.map((p) => p.depth))).toBe(2);
    expect(s2.paths()).not.toContain('/p/2');

    const a3 = new FakeAudit();
    const s3 = await site(routes);
    await crawlSite(baseOptions(s3, a3, { include: ['/blog/'], exclude: ['/blog/private/**'] }));
    expect(a3.pageUrls().map((u) => u.slice(s3.origin.length)).sort()).toEqual(['/', '/blog/a', '/blog/b']);
  });

  it('sends custom headers and cookies to the site only', async () => {
    const other = await site({ '/ext': page('External') });
    const s = await site({ '/': page('Home', [`${other.origin}/ext`, '/in']), '/in': page('In') });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { headers: { 'X-Audit': 'yes' }, cookies: { session: 'abc', consent: '1' }, checkResources: true }));
    expect(s.hitsFor('/in')[0]?.headers).toMatchObject({ 'x-audit': 'yes', cookie: 'session=abc; consent=1' });
    const ext = other.hitsFor('/ext');
    expect(ext).toHaveLength(1);
    expect(ext[0]?.method).toBe('HEAD');
    expect(ext[0]?.headers.cookie).toBeUndefined();
    expect(ext[0]?.headers['x-audit']).toBeUndefined();
  });
});

describe('resource checks', () => {
  it('HEAD-checks images and external links once each, falling back to GET on 405', async () => {
    const ext = await site({
      '/ok': page('ok'),
      '/no-head': (req, r) => {
        if (req.method === 'HEAD') r.writeHead(405).end();
        else r.writeHead(200, { 'content-type': 'text/html' }).end(page('get ok'));
      },
    });
    const img = (src: string) => `<img src="${src}">`;
    const s = await site({
      '/': page('Home', ['/2', `${ext.origin}/ok`, `${ext.origin}/no-head`], img('/logo.png') + img('/missing.png')),
      '/2': page('Two', [`${ext.origin}/ok`], img('/logo.png')),
      '/logo.png': { headers: { 'content-type': 'image/png', 'content-length': '1234' }, body: Buffer.alloc(1234) },
    });
    const audit = new FakeAudit();
    const summary = await crawlSite(baseOptions(s, audit, { checkResources: true }));
    const results = Object.fromEntries(audit.state.resources.map(([u, r]) => [u.replace(s.origin, 'S').replace(ext.origin, 'E'), r]));
    expect(results['S/logo.png']).toMatchObject({ status: 200, contentType: 'image/png', bytes: 1234 });
    expect(results['S/missing.png']).toMatchObject({ status: 404 });
    expect(results['E/ok']).toMatchObject({ status: 200 });
    expect(results['E/no-head']).toMatchObject({ status: 200 });
    expect(s.hitsFor('/logo.png').map((h) => h.method)).toEqual(['HEAD']);
    expect(ext.hitsFor('/ok')).toHaveLength(1);
    expect(ext.hitsFor('/no-head').map((h) => h.method)).toEqual(['HEAD', 'GET']);
    expect(summary.stats.resourcesChecked).toBe(4);
  });
});

describe('unreachable resources', () => {
  it('tries a host that fails DNS once and reports its other URLs unreachable without a request', async () => {
    const links = [...Array.from({ length: 20 }, (_, i) => `http://gone.invalid/p${i}`), ...Array.from({ length: 10 }, (_, i) => `http://quiet.invalid/p${i}`)];
    const s = await site({ '/': page('Home', ['/a', ...links.slice(0, 15)]), '/a': page('A', links.slice(15)) });
    const audit = new FakeAudit();
    const lookups: string[] = [];
    const lookup: LookupFn = (host) => {
      lookups.push(host);
      // One name the resolver denies, one it never answers (a resolver that stopped responding).
      if (host === 'quiet.invalid') return new Promise(() => undefined);
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    };
    const started = Date.now();
    const summary = await crawlSite(baseOptions(s, audit, { checkResources: true, lookup, dnsTimeoutMs: 200, resourceConcurrency: 4 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lookups.filter((h) => h === 'gone.invalid')).toHaveLength(1);
    expect(lookups.filter((h) => h === 'quiet.invalid')).toHaveLength(1);
    const results = Object.fromEntries(audit.state.resources);
    for (const link of links) expect(results[link]).toEqual({ status: 0, error: 'DNS failure', unreachable: true });
    expect(summary.stats).toMatchObject({ resourcesChecked: 30, unreachableHosts: 2, resourcesSkipped: 0 });
  });

  it('tells a refused connection from an HTTP error', async () => {
    const closed = await site({ '/': page('x') });
    const refusedOrigin = closed.origin;
    await closed.close();
    const s = await site({ '/': page('Home', [`${refusedOrigin}/a`, `${refusedOrigin}/b`]) });
    const audit = new FakeAudit();
    await crawlSite(baseOptions(s, audit, { checkResources: true }));
    const results = Object.fromEntries(audit.state.resources);
    expect(results[`${refusedOrigin}/a`]).toEqual({ status: 0, error: 'connection refused', unreachable: true });
    expect(results[`${refusedOrigin}/b`]).toEqual({ status: 0, error: 'connection refused', unreachable: true });
  });

  it('stops checking resources when the time budget is spent and counts what was left', async () => {
    const silent = await site({ '/': page('x') }, undefined);
    const hanging = Array.from({ length: 12 }, (_, i) => `/hang/${i}`);
    const slow = await site(Object.fromEntries(hanging.map((p) => [p, () => undefined])));
    const s = await site({ '/': page('Home', hanging.map((p) => `${slow.origin}${p}`)) });
    expect(silent.origin).not.toBe(slow.origin);
    const audit = new FakeAudit();
    const progress: number[] = [];
    const started = Date.now();
    const summary = await crawlSite(
      baseOptions(s, audit, { checkResources: true, resourceConcurrency: 2, resourceBudgetMs: 300, onProgress: (p) => progress.push(p.resourcesQueued + p.resourcesInFlight), progressIntervalMs: 50 }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary.status).toBe('completed');
    expect(summary.stats.resourcesSkipped).toBe(12);
    expect(summary.stats.resourcesChecked).toBe(0);
    expect(Math.max(...progress)).toBeGreaterThan(0);
  });
});

describe('SSRF', () => {
  it('a page linking or redirecting to internal addresses never causes a request there', async () => {
    const trap = await site({ '/': page('internal') }, '127.0.0.2');
    const s = await site({
      '/': page('Home', ['http://169.254.169.254/latest/meta-data/', `${trap.origin}/`, `http://0x7f000002:${trap.port}/`, '/jump', '/jump2'], `<img src="http://169.254.169.254/x.png"><img src="${trap.origin}/x.png">`),
      '/jump': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/jump2': (_q, r) => r.writeHead(301, { location: `http://[::ffff:127.0.0.2]:${trap.port}/` }).end(),
    });
    const audit = new FakeAudit();
    let metadataConnects = 0;
    const lookup: LookupFn = (h) => {
      if (h === '169.254.169.254') metadataConnects++;
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    await crawlSite(baseOptions(s, audit, { checkResources: true, lookup }));
    expect(trap.connections).toBe(0);
    expect(metadataConnects).toBe(0);
    expect(audit.page(`${s.origin}/jump`)).toMatchObject({ status: 0, error: 'ssrf-blocked' });
    expect(audit.page(`${s.origin}/jump2`)).toMatchObject({ status: 0, error: 'ssrf-blocked' });
    const res = Object.fromEntries(audit.state.resources);
    expect(res['http://169.254.169.254/x.png']).toMatchObject({ status: 0, error: 'ssrf-blocked' });
    expect(res[`${trap.origin}/x.png`]).toMatchObject({ status: 0, error: 'ssrf-blocked' });
    expect(res['http://169.254.169.254/latest/meta-data/']).toMatchObject({ status: 0, error: 'ssrf-blocked' });
  });

  it('refuses a start URL on a non-allowed private address without connecting', async () => {
    const s = await site({ '/': page('Home') });
    const audit = new FakeAudit();
    await crawlSite({ startUrl: `${s.origin}/`, audit, requestsPerSecond: 0 });
    expect(s.connections).toBe(0);
    expect(audit.page(`${s.origin}/`)).toMatchObject({ status: 0, error: 'ssrf-blocked' });
  });

  it('treats www and apex as one site (names resolved through the allow-list)', async () => {
    const s = await site({
      '/': (req, r) => {
        const body = req.headers.host?.startsWith('www.') ? page('www home', ['/w']) : page('apex home', [`http://www.shop.test:${r.socket?.localPort}/`, `http://blog.shop.test:${r.socket?.localPort}/`]);
        r.writeHead(200, { 'content-type': 'text/html' }).end(body);
      },
      '/w': page('www page'),
    });
    const lookup: LookupFn = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const audit = new FakeAudit();
    await crawlSite({ startUrl: `http://shop.test:${s.port}/`, audit, lookup, requestsPerSecond: 0, ssrfPolicy: { allowHosts: ['shop.test', 'www.shop.test', 'blog.shop.test'] } });
    expect(audit.pageUrls().sort()).toEqual([`http://shop.test:${s.port}/`, `http://www.shop.test:${s.port}/`, `http://www.shop.test:${s.port}/w`]);
    expect(s.hits.filter((h) => h.headers.host?.startsWith('blog.'))).toEqual([]);
  });
});

describe('cancel and resume', () => {
  it('continues from the saved state without refetching visited pages', async () => {
    const routes: Parameters<typeof startSite>[0] = { '/': page('Home', Array.from({ length: 30 }, (_, i) => `/p${i}`)) };
    for (let i = 0; i < 30; i++) routes[`/p${i}`] = page(`P${i}`, [`/p${(i + 7) % 30}`, `/q${i}`]);
    for (let i = 0; i < 30; i++) routes[`/q${i}`] = page(`Q${i}`);
    const s = await site(routes);

    const first = new FakeAudit();
    const ac = new AbortController();
    const summary1 = await crawlSite(
      baseOptions(s, first, {
        signal: ac.signal,
        concurrency: 3,
        onPage: () => {
          if (first.state.pages.length === 12) ac.abort();
        },
      }),
    );
    expect(summary1.status).toBe('cancelled');
    expect(summary1.state).toBeDefined();
    const pagesBefore = first.state.pages.length;
    expect(pagesBefore).toBeGreaterThanOrEqual(12);
    expect(pagesBefore).toBeLessThan(61);
    const state = JSON.parse(JSON.stringify(summary1.state)) as CrawlState;
    expect(state.frontier.length).toBeGreaterThan(0);

    let resumed: FakeAudit | null = null;
    const summary2 = await crawlSite({
      ...baseOptions(s, undefined as unknown as FakeAudit),
      audit: undefined,
      auditFactory: fakeAuditFactory((a) => (resumed = a)),
      resumeState: state,
    });
    expect(summary2.status).toBe('completed');
    const all = (resumed as unknown as FakeAudit).pageUrls();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(61);
    expect(summary2.stats.pages).toBe(61);
    expect(summary2.stats.pagesThisRun).toBe(61 - pagesBefore);
    // every page fetched exactly once across both runs
    const pageHits = s.paths().filter((p) => /^\/([pq]\d+)?$/.test(p));
    expect(pageHits).toHaveLength(61);
    expect(new Set(pageHits).size).toBe(61);
  });

  it('refuses to resume into a fresh audit when the state carries no audit snapshot', async () => {
    const routes: Parameters<typeof startSite>[0] = { '/': page('Home', ['/a', '/b', '/c']), '/a': page('A'), '/b': page('B'), '/c': page('C') };
    const s = await site(routes);
    const noSnapshot = new FakeAudit();
    (noSnapshot as { snapshot?: unknown }).snapshot = undefined; // an audit that cannot take snapshots
    const ac = new AbortController();
    const first = await crawlSite(baseOptions(s, noSnapshot, { signal: ac.signal, concurrency: 1, onPage: () => ac.abort() }));
    expect(first.status).toBe('cancelled');
    expect(first.state?.audit).toBeNull();
    await expect(crawlSite({ ...baseOptions(s, new FakeAudit()), audit: undefined, auditFactory: fakeAuditFactory(), resumeState: first.state })).rejects.toThrow(/no audit snapshot/);
    // With the original audit passed back in, the crawl continues.
    const second = await crawlSite({ ...baseOptions(s, noSnapshot), resumeState: first.state });
    expect(second.status).toBe('completed');
    expect(noSnapshot.pageUrls().sort()).toEqual(['/', '/a', '/b', '/c'].map((p) => `${s.origin}${p}`));
  });

  it('getState() mid-crawl is JSON-safe and a Crawler refuses a state for another site', async () => {
    const s = await site({ '/': page('Home') });
    const c = new Crawler(baseOptions(s, new FakeAudit()));
    await c.run();
    const st = c.getState();
    expect(JSON.parse(JSON.stringify(st))).toEqual(st);
    await expect(crawlSite({ startUrl: 'http://127.0.0.1:1/', resumeState: st, audit: new FakeAudit(), ssrfPolicy: LOCAL })).rejects.toThrow(/resume state is for/);
  });
});
