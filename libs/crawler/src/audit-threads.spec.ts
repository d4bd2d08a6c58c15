import type * as http from 'node:http';
import type { Finding } from '@seology/audit';
import { AuditWorkerLostError, PageAuditPool } from './audit-threads/page-audit-pool';
import { crawlSite, type CrawlOptions, type CrawlState } from './index';
import { page, startSite, type TestSite } from './testing/site-server';

// The real @seology/audit SiteAudit, with the page-level audit on the crawl's thread (0) or in
// worker threads (1, 2).
const LOCAL = { allowHosts: ['127.0.0.1'] };

const closers: Array<() => Promise<void>> = [];
async function site(routes: Parameters<typeof startSite>[0]): Promise<TestSite> {
  const s = await startSite(routes);
  closers.push(() => s.close());
  return s;
}
afterEach(async () => {
  jest.restoreAllMocks();
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

function options(s: TestSite, extra: Partial<CrawlOptions>): CrawlOptions {
  return { startUrl: `${s.origin}/`, ssrfPolicy: LOCAL, requestsPerSecond: 0, concurrency: 4, ...extra };
}

const byUrl = (a: Finding, b: Finding) => `${a.url} ${a.checkId} ${a.selector}`.localeCompare(`${b.url} ${b.checkId} ${b.selector}`);

describe('page audit in worker threads', () => {
  it('gives exactly the findings, summaries and scores of the in-thread audit', async () => {
    const routes: Parameters<typeof startSite>[0] = {
      '/': page('Home', ['/a', '/b', '/old', '/missing', '/dup1', '/dup2'], '<img src="/i.png">'),
      '/a': page('A page with a title that is certainly far too long to be shown whole in results', ['/b', '/']),
      '/b': '<html><head><title>B</title><meta name="robots" content="noindex"></head><body><p>thin</p><a href="/a">a</a></body></html>',
      '/old': { status: 301, headers: { location: '/a' } },
      '/dup1': page('Same', ['/']),
      '/dup2': page('Same', ['/']),
      '/i.png': { headers: { 'content-type': 'image/png' }, body: Buffer.alloc(10) },
    };
    const s = await site(routes);
    const run = async (auditThreads: number) => {
      const pages: Array<{ url: string; summary: unknown; findings: Finding[]; html: string | null }> = [];
      const summary = await crawlSite(
        options(s, { auditThreads, checkResources: true, onPage: (p, o) => void pages.push({ url: p.url, summary: o.summary, findings: o.findings, html: p.html }) }),
      );
      pages.sort((x, y) => x.url.localeCompare(y.url));
      return { pages, site: [...summary.findings].sort(byUrl), health: summary.healthScore, counts: summary.countsByCheck, audited: summary.audit?.pagesAudited };
    };
    const poolAudit = jest.spyOn(PageAuditPool.prototype, 'audit');
    const inThread = await run(0);
    expect(poolAudit).not.toHaveBeenCalled();
    const threaded = await run(2);
    expect(poolAudit).toHaveBeenCalledTimes(inThread.pages.length);
    // Summaries carry timings; compare everything else.
    const strip = (r: typeof inThread) => ({ ...r, pages: r.pages.map((p) => ({ ...p, html: null, summary: { ...(p.summary as object), ttfbMs: 0, totalMs: 0 } })) });
    expect(strip(threaded)).toEqual(strip(inThread));
    expect(inThread.pages.length).toBe(7);
    // Decoded in the audit thread only: the crawl's thread hands onPage no body (documented).
    expect(inThread.pages.find((p) => p.url === `${s.origin}/a`)?.html).toBe(routes['/a']);
    expect(threaded.pages.every((p) => p.html === null)).toBe(true);
    expect(inThread.pages.flatMap((p) => p.findings).some((f) => f.checkId === 'title-too-long')).toBe(true);
    expect(inThread.site.some((f) => f.checkId === 'title-duplicate')).toBe(true);
  });
});

describe('PageAuditPool', () => {
  const start = 'http://127.0.0.1:9/';
  const htmlPage = (html: string) => ({ url: start, finalUrl: start, status: 200, headers: {}, contentType: 'text/html', html, bodyBytes: html.length, truncated: false, ttfbMs: 0, totalMs: 0, redirects: [], depth: 0, discoveredFrom: null, inSitemap: false });

  it('decodes bodies it is given, replaces a thread that dies under a page, and keeps working', async () => {
    // A heap far too small for the big page: its thread runs out of memory and is replaced.
    const pool = new PageAuditPool(1, { startUrl: start }, { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 2 });
    try {
      const body = Buffer.from('<html><head><title>Bytes decoded by the audit thread</title></head><body></body></html>');
      const fromBytes = (await pool.audit({ ...htmlPage(''), html: null }, new Uint8Array(body))) as { title: string | null };
      expect(fromBytes.title).toBe('Bytes decoded by the audit thread');
      const huge = `<html><body>${'<div class="x"><a href="/a">a</a><img src="/i.png"></div>'.repeat(200_000)}</body></html>`;
      await expect(pool.audit(htmlPage(huge))).rejects.toBeInstanceOf(AuditWorkerLostError);
      const after = (await pool.audit(htmlPage('<html><head><title>Still working</title></head></html>'))) as { title: string | null };
      expect(after.title).toBe('Still working');
    } finally {
      await pool.close();
    }
  });
});

describe('robots nofollow', () => {
  const routes: Parameters<typeof startSite>[0] = {
    '/': page('Home', ['/meta', '/header', '/header-none', '/googlebot']),
    '/meta': '<html><head><title>Meta</title><meta name="robots" content="index, nofollow"></head><body><a href="/from-meta">x</a></body></html>',
    '/header': { headers: { 'content-type': 'text/html', 'x-robots-tag': 'nofollow' }, body: page('Header', ['/from-header']) },
    '/header-none': { headers: { 'content-type': 'text/html', 'x-robots-tag': 'none' }, body: page('Header none', ['/from-header-none']) },
    // Directives addressed to one search engine are not for this crawler.
    '/googlebot': { headers: { 'content-type': 'text/html', 'x-robots-tag': 'googlebot: nofollow' }, body: '<html><head><title>G</title><meta name="googlebot" content="nofollow"></head><body><a href="/from-googlebot">x</a></body></html>' },
    '/from-meta': page('Not to be crawled'),
    '/from-header': page('Not to be crawled'),
    '/from-header-none': page('Not to be crawled'),
    '/from-googlebot': page('Crawled'),
  };

  it.each([0, 1])('audits nofollow pages but does not follow their links (audit threads: %i)', async (auditThreads) => {
    const s = await site(routes);
    const audited = new Map<string, Finding[]>();
    const summary = await crawlSite(options(s, { auditThreads, onPage: (p, o) => void audited.set(p.url.slice(s.origin.length), o.findings) }));
    expect(summary.status).toBe('completed');
    expect([...audited.keys()].sort()).toEqual(['/', '/from-googlebot', '/googlebot', '/header', '/header-none', '/meta']);
    for (const p of ['/from-meta', '/from-header', '/from-header-none']) expect(s.hitsFor(p)).toHaveLength(0);
    expect(audited.get('/meta')?.map((f) => f.checkId)).toContain('nofollow-meta');
    expect(audited.get('/header')?.map((f) => f.checkId)).toContain('nofollow-header');
  });
});

describe('cancel during the grace period', () => {
  /**
   * '/' links to /a, /late and /hang. /a's onPage cancels the crawl and only then lets /late answer,
   * so /late's response arrives inside the grace period; /hang never answers and is cut off when
   * the grace period ends. The state must list exactly the page that got no response, and every
   * page that reached onPage must be absent from it.
   */
  it.each([
    ['in-thread audit', 0],
    ['audit threads', 1],
  ])('stores each page once and resumes only what got no response (%s)', async (_label, auditThreads) => {
    let releaseLate: () => void = () => undefined;
    const lateReleased = new Promise<void>((r) => (releaseLate = r));
    const hanging: http.ServerResponse[] = [];
    let hangAnswers = false;
    const s = await site({
      '/': page('Home', ['/a', '/late', '/hang']),
      '/a': page('A'),
      '/late': (_req, res) => void lateReleased.then(() => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Late'))),
      '/hang': (_req, res) => {
        if (hangAnswers) res.writeHead(200, { 'content-type': 'text/html' }).end(page('Hang'));
        else hanging.push(res);
      },
    });
    const ac = new AbortController();
    const stored: string[] = [];
    const first = await crawlSite(
      options(s, {
        auditThreads,
        signal: ac.signal,
        cancelGraceMs: 400,
        onPage: (p) => {
          stored.push(p.url.slice(s.origin.length));
          if (p.url.endsWith('/a')) {
            ac.abort();
            releaseLate();
          }
        },
      }),
    );
    for (const res of hanging) res.destroy();
    expect(first.status).toBe('cancelled');
    expect(stored.sort()).toEqual(['/', '/a', '/late']);
    const state = JSON.parse(JSON.stringify(first.state)) as CrawlState;
    expect(state.frontier.map(([url]) => url.slice(s.origin.length))).toEqual(['/hang']);
    expect(state.stats.pages).toBe(3);

    // Resume: only /hang is fetched, and now answers.
    hangAnswers = true;
    const resumed: string[] = [];
    const second = await crawlSite(options(s, { auditThreads, resumeState: state, onPage: (p) => void resumed.push(p.url.slice(s.origin.length)) }));
    expect(second.status).toBe('completed');
    expect(resumed).toEqual(['/hang']);
    expect(second.audit?.pagesAudited).toBe(4);
    for (const p of ['/', '/a', '/late']) expect(s.hitsFor(p)).toHaveLength(1);
  });
});
