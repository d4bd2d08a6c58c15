import { SiteAudit } from './site-audit';
import type { FetchedPage } from './model';
import { ORIGIN, absolute, bareFetch, buildPage, cleanPage, cleanSite, runScenario, type Scenario } from './testing/fixtures/site-builder';

const PRODUCT_URL = absolute('/products/blue-widget');

function rawPage(url: string, html: string | null, overrides: Partial<FetchedPage> = {}): FetchedPage {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    contentType: 'text/html; charset=utf-8',
    html,
    bodyBytes: html === null ? 0 : html.length,
    truncated: false,
    ttfbMs: 50,
    totalMs: 80,
    redirects: [],
    depth: 1,
    discoveredFrom: `${ORIGIN}/`,
    inSitemap: false,
    ...overrides,
  };
}

function replay(scenario: Scenario, audit: SiteAudit, from: number, to: number): void {
  for (const page of scenario.pages.slice(from, to)) audit.addPage(page);
}

describe('SiteAudit.addPage outcome', () => {
  it('returns absolute, de-duplicated links without fragments, plus alternates, pagination and canonical', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const html = `<!DOCTYPE html><html lang="en"><head><title>Links test page for the crawler</title>
      <link rel="canonical" href="${ORIGIN}/list?page=2">
      <link rel="next" href="/list?page=3"><link rel="prev" href="/list?page=1">
      <link rel="alternate" hreflang="de" href="/de/list?page=2">
      <link rel="stylesheet" href="/a.css"><script src="/a.js"></script></head>
      <body><a href="/x#top">X</a><a href="/x">X again</a><a href="x2">Relative</a><a href="https://other.example.org/p">Other</a>
      <a href="mailto:a@b.c">Mail</a><a href="javascript:go()">JS</a><a href="#">Hash</a><img src="/i.png" alt="i"><img src="data:image/png;base64,AA" alt="d"></body></html>`;
    const outcome = audit.addPage(rawPage(`${ORIGIN}/list?page=2`, html));
    expect(outcome.links.sort()).toEqual(
      [`${ORIGIN}/x`, `${ORIGIN}/x2`, 'https://other.example.org/p', `${ORIGIN}/list?page=3`, `${ORIGIN}/list?page=1`, `${ORIGIN}/de/list?page=2`, `${ORIGIN}/list?page=2`].sort(),
    );
    expect(outcome.resources).toEqual(
      expect.arrayContaining([
        { url: 'https://other.example.org/p', kind: 'external-link' },
        { url: `${ORIGIN}/i.png`, kind: 'image' },
        { url: `${ORIGIN}/a.js`, kind: 'script' },
        { url: `${ORIGIN}/a.css`, kind: 'stylesheet' },
      ]),
    );
    expect(outcome.resources).toHaveLength(4);
    expect(outcome.summary).toMatchObject({ url: `${ORIGIN}/list?page=2`, title: 'Links test page for the crawler', lang: 'en', status: 200, indexable: true });
    expect(outcome.summary.contentHash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('honours <base href> when resolving links', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const outcome = audit.addPage(rawPage(`${ORIGIN}/a/b`, '<html><head><base href="/docs/"></head><body><a href="page">P</a></body></html>'));
    expect(outcome.links).toEqual([`${ORIGIN}/docs/page`]);
  });

  it('reports fetch problems on the requested URL and content problems on the final URL', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const page = buildPage(cleanPage('/products/blue-widget', { title: null }), {
      url: absolute('/promo'),
      finalUrl: PRODUCT_URL,
      redirects: [{ url: absolute('/promo'), status: 302, location: '/products/blue-widget' }],
    });
    const findings = audit.addPage(page).findings;
    expect(findings.find((finding) => finding.checkId === 'redirect-temporary')?.url).toBe(absolute('/promo'));
    expect(findings.find((finding) => finding.checkId === 'title-missing')?.url).toBe(PRODUCT_URL);
  });

  it('does not audit content that redirected off-site', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const outcome = audit.addPage(rawPage(absolute('/out'), '<html><body>Elsewhere</body></html>', {
      finalUrl: 'https://elsewhere.example.net/',
      redirects: [{ url: absolute('/out'), status: 301, location: 'https://elsewhere.example.net/' }],
    }));
    expect(outcome.findings.map((finding) => finding.checkId)).toEqual(['redirect-cross-host']);
    expect(outcome.links).toEqual([]);
  });

  it('caps page findings per check but counts every occurrence', () => {
    const images = Array.from({ length: 70 }, (_, i) => `<img src="/i${i}.png" width="1" height="1">`).join('');
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const outcome = audit.addPage(buildPage(cleanPage('/products/blue-widget', { extraMain: images })));
    expect(outcome.findings.filter((finding) => finding.checkId === 'image-alt-missing')).toHaveLength(50);
    const result = audit.finish();
    expect(result.countsByCheck['image-alt-missing']).toBe(70);
    expect(result.pagesAffectedByCheck?.['image-alt-missing']).toBe(1);
  });

  it('counts a URL handed over twice as one page', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const page = buildPage(cleanPage('/about'));
    audit.addPage(page);
    const again = audit.addPage(page);
    expect(again.links).toEqual([]);
    expect(audit.finish().pagesAudited).toBe(1);
  });
});

describe('SiteAudit site-level behaviour', () => {
  const brokenTarget = bareFetch('/discontinued', { status: 404, inSitemap: false });
  const withLink = { modify: { '/products/blue-widget': { extraMain: '<a href="/discontinued">Spare parts catalogue</a>' } } };

  it('finds a broken internal link whether the target was fetched before or after the linking page', () => {
    const after = runScenario(cleanSite({ ...withLink, extraPages: [brokenTarget] }));
    const before = runScenario(cleanSite({ ...withLink, leadingPages: [brokenTarget] }));
    const pick = (findings: typeof after.findings) => findings.filter((finding) => finding.checkId === 'broken-internal-link');
    expect(pick(after.findings)).toEqual(pick(before.findings));
    expect(pick(after.findings)).toHaveLength(1);
  });

  it('ignores links to URLs that were never fetched', () => {
    const result = runScenario(cleanSite(withLink));
    expect(result.findings.filter((finding) => finding.checkId === 'broken-internal-link')).toEqual([]);
  });

  it('caps site findings per check, keeping complete counts', () => {
    const links = Array.from({ length: 5 }, (_, i) => `<a href="/gone-${i}">Old range ${i}</a>`).join('');
    const scenario = cleanSite({ modify: { '/products/blue-widget': { extraMain: links } }, extraPages: Array.from({ length: 5 }, (_, i) => bareFetch(`/gone-${i}`, { status: 404, inSitemap: false })) });
    const result = runScenario({ ...scenario, thresholds: { maxSiteFindingsPerCheck: 2 } });
    const audit = result.audit.finish();
    expect(audit.findings.filter((finding) => finding.checkId === 'broken-internal-link')).toHaveLength(2);
    expect(audit.countsByCheck['broken-internal-link']).toBe(5);
    expect(audit.pagesAffectedByCheck?.['broken-internal-link']).toBe(1);
    expect(audit.cappedChecks).toContain('broken-internal-link');
  });

  it('finish() can be called repeatedly with the same result', () => {
    const result = runScenario(cleanSite({ ...withLink, extraPages: [brokenTarget] }));
    expect(result.audit.finish()).toEqual(result.audit.finish());
  });

  it('uses a shorter link path than the crawler depth when one was seen', () => {
    const deep = buildPage({ path: '/deep', seed: 70 }, { depth: 7, inSitemap: false });
    const linked = runScenario(cleanSite({ modify: { '/about': { extraMain: '<a href="/deep">Deep archive page</a>' } }, extraPages: [deep] }));
    expect(linked.findings.filter((finding) => finding.checkId === 'crawl-depth-high')).toEqual([]);
    const unlinked = runScenario(cleanSite({ extraPages: [deep] }));
    expect(unlinked.findings.filter((finding) => finding.checkId === 'crawl-depth-high').map((finding) => finding.url)).toEqual([absolute('/deep')]);
  });
});

describe('SiteAudit snapshot/restore', () => {
  function problemSite(): Scenario {
    return cleanSite({
      modify: {
        '/products/blue-widget': { extraMain: '<a href="/discontinued">Spare parts catalogue</a><img src="/img/missing.jpg" alt="Missing" width="1" height="1"><a href="/faq#returns">Returns</a>' },
        '/faq': { extraMain: '<a href="/products/blue-widget#warranty">Warranty</a>' },
        '/about': { title: cleanPage('/faq').title, seed: 16, h1: 'Questions and answers', imageAlt: 'Photo of faq' },
        '/de/': { hreflang: [['de', absolute('/de/')]] },
      },
      extraPages: [bareFetch('/discontinued', { status: 404 }), buildPage({ path: '/landing', seed: 80 }, { depth: -1, discoveredFrom: null })],
      extraSitemapUrls: [absolute('/landing')],
      resources: [[absolute('/img/missing.jpg'), { status: 404 }]],
      robotsBlocked: [[absolute('/admin/x'), absolute('/about')]],
    });
  }

  it('resumes from a JSON snapshot with exactly the same result as an uninterrupted audit', () => {
    const scenario = problemSite();
    const whole = runScenario(scenario).audit.finish();
    expect(whole.findings.length).toBeGreaterThan(5);
    // Both halves of a cross-page fragment check must survive the snapshot (the link before and after its target).
    expect(whole.findings.filter((f) => f.checkId === 'link-fragment-missing-on-target').map((f) => f.evidence).sort()).toEqual([absolute('/faq#returns'), absolute('/products/blue-widget#warranty')]);

    const first = new SiteAudit({ startUrl: `${ORIGIN}/` });
    first.setSiteFiles(scenario.siteFiles!);
    const half = Math.floor(scenario.pages.length / 2);
    replay(scenario, first, 0, half);
    const json = JSON.stringify(first.snapshot());
    const resumed = SiteAudit.restore(JSON.parse(json));
    replay(scenario, resumed, half, scenario.pages.length);
    for (const [url, from] of scenario.robotsBlocked ?? []) resumed.addRobotsBlocked(url, from);
    for (const [url, result] of scenario.resources ?? []) resumed.addResourceResult(url, result);
    expect(resumed.finish()).toEqual(whole);
  });

  it('rejects something that is not a snapshot', () => {
    expect(() => SiteAudit.restore({ hello: 'world' })).toThrow(/snapshot/);
    expect(() => SiteAudit.restore(null)).toThrow(/snapshot/);
  });

  it('keeps thresholds across a restore', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/`, thresholds: { thinContentWords: 5 } });
    const restored = SiteAudit.restore(JSON.parse(JSON.stringify(audit.snapshot())));
    expect(restored.thresholds.thinContentWords).toBe(5);
  });
});

describe('constructor', () => {
  it('rejects an invalid start URL', () => {
    expect(() => new SiteAudit({ startUrl: 'not a url' })).toThrow(/start URL/);
  });

  it('treats www and the apex host as the same site', () => {
    const audit = new SiteAudit({ startUrl: 'https://www.example.com/' });
    const outcome = audit.addPage(rawPage(`${ORIGIN}/`, '<html><body><a href="https://www.example.com/a">A</a></body></html>'));
    expect(outcome.resources.filter((resource) => resource.kind === 'external-link')).toEqual([]);
  });
});

describe('pending-link compaction', () => {
  it('resolves links whose targets were fetched later and keeps counts exact across compactions', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/n/0` });
    const pages = 1600;
    let expectedBroken = 0;
    for (let i = 0; i < pages; i++) {
      const url = `${ORIGIN}/n/${i}`;
      if (i % 10 === 9) {
        audit.addPage(rawPage(url, null, { status: 404, contentType: null }));
        continue;
      }
      const unfetched = Array.from({ length: 100 }, (_, j) => `<a href="/never/${i}/${j}">Never ${j}</a>`).join('');
      if (i + 1 < pages && (i + 1) % 10 === 9) expectedBroken++;
      audit.addPage(rawPage(url, `<html><body><a href="/n/${i + 1}">Next page</a>${unfetched}</body></html>`, { depth: i }));
    }
    const state = (audit as unknown as { state: { linksAfterCompaction: number } }).state;
    expect(state.linksAfterCompaction).toBeGreaterThan(0);
    const result = audit.finish();
    expect(result.countsByCheck['broken-internal-link']).toBe(expectedBroken);
    const restored = SiteAudit.restore(JSON.parse(JSON.stringify(audit.snapshot())));
    expect(restored.finish()).toEqual(result);
  });
});

describe('URL identity in the link graph', () => {
  it('joins links written with another parameter order or tracking parameters to the fetched page', () => {
    const scenario = cleanSite({
      modify: { '/about': { extraMain: '<a href="/list?size=m&amp;color=blue&amp;utm_source=mail">Blue connectors in size M</a>' } },
      extraPages: [bareFetch('/list?color=blue&size=m', { status: 404, inSitemap: false })],
    });
    const broken = runScenario(scenario).findings.filter((finding) => finding.checkId === 'broken-internal-link');
    expect(broken.map((finding) => [finding.url, finding.selector])).toEqual([[absolute('/about'), 'a[href*="list"]']]);
  });
});
