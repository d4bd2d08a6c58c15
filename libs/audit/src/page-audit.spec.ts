import type { FetchedPage } from './model';
import { PageAuditor } from './page-audit';
import { SiteAudit } from './site-audit';
import { ORIGIN } from './testing/fixtures/site-builder';

function htmlPage(path: string, body: string, overrides: Partial<FetchedPage> = {}): FetchedPage {
  const url = `${ORIGIN}${path}`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page ${path} of the split audit test</title></head><body><main><h1>Page ${path}</h1>${body}</main></body></html>`;
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    contentType: 'text/html; charset=utf-8',
    html,
    bodyBytes: html.length,
    truncated: false,
    ttfbMs: 10,
    totalMs: 20,
    redirects: [],
    depth: 1,
    discoveredFrom: `${ORIGIN}/`,
    inSitemap: false,
    ...overrides,
  };
}

describe('PageAuditor + addAuditedPage (the split addPage)', () => {
  it('survives a structured clone and gives the same outcomes and result as addPage', () => {
    const pages = [
      htmlPage('/', '<a href="/a">A</a><a href="/b">B</a><img src="/logo.png">'),
      htmlPage('/a', '<a href="/">Home</a><img src="/missing.png">'),
      // Two URLs whose content ends at the same place: the second counts its fetch findings only.
      htmlPage('/old', '<p>moved</p>', { finalUrl: `${ORIGIN}/a`, redirects: [{ url: `${ORIGIN}/old`, status: 301, location: `${ORIGIN}/a` }] }),
      htmlPage('/b', '<p>b</p>', { status: 404 }),
    ];
    const whole = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const split = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const auditor = new PageAuditor(structuredClone(split.pageAuditOptions()));
    for (const page of pages) {
      const expected = whole.addPage(page);
      const actual = split.addAuditedPage({ ...page, html: null }, structuredClone(auditor.audit(page)));
      expect(actual).toEqual(expected);
    }
    for (const audit of [whole, split]) audit.addResourceResult(`${ORIGIN}/missing.png`, { status: 404 });
    const a = whole.finish();
    const b = split.finish();
    expect(b).toEqual(a);
    expect(a.findings.some((f) => f.checkId === 'image-broken' && f.url === `${ORIGIN}/a`)).toBe(true);
  });

  it('reports whether the page allows its links to be followed', () => {
    const auditor = new PageAuditor({ startUrl: `${ORIGIN}/` });
    const meta = (content: string, name = 'robots') => htmlPage('/x', '').html!.replace('<head>', `<head><meta name="${name}" content="${content}">`);
    expect(auditor.audit(htmlPage('/x', '')).followLinks).toBe(true);
    expect(auditor.audit({ ...htmlPage('/x', ''), html: meta('index, nofollow') }).followLinks).toBe(false);
    expect(auditor.audit({ ...htmlPage('/x', ''), html: meta('none') }).followLinks).toBe(false);
    expect(auditor.audit({ ...htmlPage('/x', ''), html: meta('nofollow', 'googlebot') }).followLinks).toBe(true);
    expect(auditor.audit(htmlPage('/x', '', { headers: { 'x-robots-tag': 'noarchive, nofollow' } })).followLinks).toBe(false);
    expect(auditor.audit(htmlPage('/x', '', { headers: { 'x-robots-tag': 'bingbot: nofollow' } })).followLinks).toBe(true);
  });
});

describe('resource references', () => {
  it('does not keep references to resources already checked and healthy, and still reports problems found before or after', () => {
    const body = '<img src="/ok.png" alt="ok"><img src="/gone.png" alt="gone"><img src="/late.png" alt="late">';
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const control = new SiteAudit({ startUrl: `${ORIGIN}/` });
    audit.addResourceResult(`${ORIGIN}/ok.png`, { status: 200, bytes: 1000 });
    audit.addResourceResult(`${ORIGIN}/gone.png`, { status: 404 });
    control.addResourceResult(`${ORIGIN}/gone.png`, { status: 404 });
    for (let i = 0; i < 50; i++) {
      audit.addPage(htmlPage(`/p${i}`, body));
      control.addPage(htmlPage(`/p${i}`, body));
    }
    // Reported after the pages: references to it were kept.
    audit.addResourceResult(`${ORIGIN}/late.png`, { status: 500 });
    control.addResourceResult(`${ORIGIN}/late.png`, { status: 500 });
    control.addResourceResult(`${ORIGIN}/ok.png`, { status: 200, bytes: 1000 });
    // Words in the per-page reference lists: 2 references (gone, late) per page instead of 3.
    const referenceWords = (a: SiteAudit) => (a as unknown as { state: { resources: { length: number } } }).state.resources.length;
    expect(referenceWords(audit)).toBe(50 * 2 * 2);
    expect(referenceWords(control)).toBe(50 * 3 * 2);
    const found = audit.finish();
    expect(found.countsByCheck['image-broken']).toBe(100);
    expect(found.countsByCheck).toEqual(control.finish().countsByCheck);
  });
});

describe('links to loopback hosts', () => {
  const linking = (origin: string): FetchedPage => {
    const url = `${origin}/x`;
    const html = '<!DOCTYPE html><html lang="en"><head><title>A page that links to a local address</title></head><body><main><a href="http://localhost:3001/y">Local</a><a href="http://127.0.0.1:3001/z">Loopback</a></main></body></html>';
    return { ...htmlPage('/x', ''), url, finalUrl: url, html, bodyBytes: html.length };
  };
  const count = (startUrl: string, page: FetchedPage) => new PageAuditor({ startUrl, internalHosts: ['localhost'] }).audit(page).findings.filter((f) => f.checkId === 'link-to-localhost').length;

  it('are reported on a public site', () => {
    expect(count(`${ORIGIN}/`, linking(ORIGIN))).toBe(2);
  });

  it('are not reported when the site itself is served from a loopback address', () => {
    expect(count('http://127.0.0.1:3001/', linking('http://127.0.0.1:3001'))).toBe(0);
    expect(count('http://localhost:3001/', linking('http://localhost:3001'))).toBe(0);
  });
});
