import type { FetchedPage, Finding, PageOutcome } from '@seology/audit';
import { crawlSite, type CrawlState } from './index';
import { page, startSite, type TestSite } from './testing/site-server';

// These run the crawler with its default audit factory, i.e. the real @seology/audit SiteAudit.
const LOCAL = { allowHosts: ['127.0.0.1'] };

describe('crawler + real audit', () => {
  let s: TestSite;
  beforeAll(async () => {
    const routes: Parameters<typeof startSite>[0] = {
      '/': page('Home of the integration site', ['/broken', '/deep/1', '/binary.bin', '/nul'], '<img src="/img.png">'),
      '/broken': { headers: { 'content-type': 'text/html' }, body: '<html><head><title>Broken</title><body><div><p><a href="/ok">ok<a href=/deep/2 <<<table><tr><td></p></span></html' },
      '/nul': { headers: { 'content-type': 'text/html' }, body: Buffer.concat([Buffer.from('<title>x'), Buffer.from([0, 0xff, 0xfe, 0xc3, 0x28]), Buffer.from('</title><script>if (a < b) { document.write("<a href=\\"/js\\">") }</script><!-- unclosed comment')]) },
      '/binary.bin': { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(5000, 7) },
      '/ok': page('OK page'),
      '/img.png': { headers: { 'content-type': 'image/png', 'content-length': '3' }, body: Buffer.alloc(3) },
    };
    for (let i = 1; i <= 20; i++) routes[`/deep/${i}`] = page(`Deep page ${i}`, [`/deep/${i + 1}`, '/']);
    s = await startSite(routes);
  });
  afterAll(() => s.close());

  it('audits malformed, binary and odd pages without failing and streams findings', async () => {
    const findings: Finding[] = [];
    const outcomes: Array<[FetchedPage, PageOutcome]> = [];
    const summary = await crawlSite({
      startUrl: `${s.origin}/`,
      ssrfPolicy: LOCAL,
      requestsPerSecond: 0,
      checkResources: true,
      onPage: (p, o) => {
        outcomes.push([p, o]);
        findings.push(...o.findings);
      },
    });
    expect(summary.status).toBe('completed');
    expect(summary.stats.pages).toBeGreaterThanOrEqual(25);
    expect(summary.audit?.pagesAudited).toBe(summary.stats.pages);
    expect(typeof summary.healthScore).toBe('number');
    const urls = outcomes.map(([p]) => p.url.slice(s.origin.length));
    expect(urls).toEqual(expect.arrayContaining(['/', '/broken', '/nul', '/binary.bin', '/ok', '/deep/20']));
    expect(outcomes.find(([p]) => p.url.endsWith('/binary.bin'))?.[0].html).toBeNull();
    expect(findings.length).toBeGreaterThan(0);
    expect(summary.stats.resourcesChecked).toBeGreaterThanOrEqual(1);
  });

  it('cancels and resumes with the real audit snapshot, fetching each page once', async () => {
    const before = s.hits.length;
    const ac = new AbortController();
    let n = 0;
    const first = await crawlSite({
      startUrl: `${s.origin}/`,
      ssrfPolicy: LOCAL,
      requestsPerSecond: 0,
      concurrency: 2,
      signal: ac.signal,
      onPage: () => {
        if (++n === 8) ac.abort();
      },
    });
    expect(first.status).toBe('cancelled');
    const state = JSON.parse(JSON.stringify(first.state)) as CrawlState;
    const second = await crawlSite({ startUrl: `${s.origin}/`, ssrfPolicy: LOCAL, requestsPerSecond: 0, resumeState: state });
    expect(second.status).toBe('completed');
    expect(second.audit?.pagesAudited).toBe(second.stats.pages);
    const hits = s.hits.slice(before).map((h) => h.path).filter((p) => p !== '/robots.txt' && p !== '/llms.txt' && !['/sitemap.xml', '/sitemap_index.xml', '/wp-sitemap.xml'].includes(p));
    expect(new Set(hits).size).toBe(hits.length);
    expect(second.stats.pages).toBe(hits.length);
  });
});
