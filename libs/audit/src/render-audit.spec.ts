import { PageAuditor } from './page-audit';
import type { PageRenderRecord, RenderFacts } from './model';
import { decideRendering, shouldRenderSite } from './render-decision';
import { SiteAudit } from './site-audit';
import { ORIGIN, buildHtml, buildPage, cleanPage, cleanPageSpecs, cleanSite, renderedCleanPage, runScenario, withRendered } from './testing/fixtures/site-builder';

const PRODUCT = '/products/blue-widget';

describe('the audit of a rendered page', () => {
  it('a site whose pages render to the same HTML has no finding, as without rendering', () => {
    const site = cleanSite();
    const scenario = { ...site, pages: site.pages.map((page) => withRendered(page, page.html ?? '')) };
    const result = runScenario(scenario);
    expect(result.findings).toEqual([]);
    expect(result.healthScore).toBe(100);
  });

  it('runs the page checks on the rendered DOM, not on the raw HTML', () => {
    // A title that only JavaScript writes satisfies the title checks, and one JavaScript removes fails them.
    const written = runScenario({ pages: [renderedCleanPage(PRODUCT, { title: null }, {})] }).findings.map((f) => f.checkId);
    expect(written).not.toContain('title-missing');
    expect(written).toContain('render-title-only-rendered');
    const removed = runScenario({ pages: [renderedCleanPage(PRODUCT, {}, { title: null })] }).findings.map((f) => f.checkId);
    expect(removed).toEqual(expect.arrayContaining(['title-missing', 'render-title-changed']));
    // Without a snapshot the raw HTML is what is audited.
    expect(runScenario({ pages: [buildPage(cleanPage(PRODUCT, { title: null }))] }).findings.map((f) => f.checkId)).toContain('title-missing');
  });

  it('keeps raw and rendered facts in the page summary, and follows the links of the rendered page', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const outcome = audit.addPage(renderedCleanPage(PRODUCT, { title: 'Shop', nav: '', mainText: '<p>Loading</p>' }, {}));
    const render = outcome.summary.render as PageRenderRecord;
    expect(render.raw).toMatchObject({ title: 'Shop', internalLinks: 0, wordCount: expect.any(Number) as unknown });
    expect(render.raw.wordCount).toBeLessThan(10);
    expect(render.rendered).toMatchObject({ title: 'Blue Widget Hose Connector – Brass, Leak-Free', internalLinks: 5, h1: 'Blue widget hose connector' });
    expect(render.rendered?.wordCount).toBeGreaterThan(200);
    expect(outcome.summary.title).toBe('Blue Widget Hose Connector – Brass, Leak-Free');
    expect(outcome.links).toContain(`${ORIGIN}/about`);
  });

  it('a page whose HTML says noindex stays out of the index even when JavaScript removes it', () => {
    const outcome = new SiteAudit({ startUrl: `${ORIGIN}/` }).addPage(
      renderedCleanPage(PRODUCT, { headEnd: '<meta name="robots" content="noindex">' }, {}),
    );
    expect(outcome.summary.indexable).toBe(false);
    expect(outcome.findings.map((f) => f.checkId)).toContain('render-noindex-removed');
  });

  it('a crashed render is audited from the raw HTML and says so', () => {
    const page = withRendered(buildPage(cleanPage(PRODUCT, { title: null })), '', { crashed: true });
    const outcome = new SiteAudit({ startUrl: `${ORIGIN}/` }).addPage(page);
    expect(outcome.findings.map((f) => f.checkId)).toEqual(expect.arrayContaining(['title-missing', 'render-crashed']));
    expect(outcome.summary.render?.rendered).toBeNull();
  });

  it('the page audit split (another thread, structured clone) gives the same outcome as addPage', () => {
    const page = renderedCleanPage(PRODUCT, { title: null, nav: '' }, {}, { errors: ['ReferenceError: x is not defined'] });
    const inThread = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const split = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const auditor = new PageAuditor(structuredClone(split.pageAuditOptions()));
    const audited = structuredClone(auditor.audit(structuredClone(page)));
    expect(split.addAuditedPage({ ...page, html: null, rendered: undefined }, audited)).toEqual(inThread.addPage(page));
  });
});

function facts(changes: Partial<RenderFacts> = {}): RenderFacts {
  return { title: 'A page', description: 'About it', canonical: `${ORIGIN}/a`, robots: null, noindex: false, h1: 'A page', internalLinks: 12, wordCount: 300, ...changes };
}

function record(raw: Partial<RenderFacts>, rendered: Partial<RenderFacts> | null): PageRenderRecord {
  return { raw: facts(raw), rendered: rendered === null ? null : facts(rendered), ms: 900, timedOut: false, crashed: rendered === null, errors: 0, failedRequests: 0, blockedRequests: 0 };
}

describe('shouldRenderSite', () => {
  it('switches rendering on when sample pages show links only after JavaScript', () => {
    const samples = [...Array.from({ length: 8 }, () => record({ internalLinks: 0, wordCount: 3 }, {})), record({}, {}), record({}, {})];
    const verdict = shouldRenderSite(samples);
    expect(verdict).toMatchObject({ render: true, sampled: 10, differing: 8 });
    expect(verdict.differences).toMatchObject({ links: 8, content: 8, title: 0 });
    expect(verdict.summary).toBe('Rendering switched on: 8 of 10 sample pages show links only after JavaScript.');
  });

  it('leaves rendering off when raw and rendered pages agree, or differ by less than a clear margin', () => {
    const same = shouldRenderSite(Array.from({ length: 5 }, () => record({}, {})));
    expect(same).toMatchObject({ render: false, sampled: 5, differing: 0 });
    expect(same.summary).toBe('Rendering not needed: all 5 sample pages look the same with and without JavaScript.');
    // Two extra links on a page with 12 and a few more words are not a clear margin.
    expect(shouldRenderSite([record({}, { internalLinks: 14, wordCount: 400 })]).render).toBe(false);
    // One page in ten is below the share that switches rendering on.
    const one = shouldRenderSite([record({ title: 'App' }, {}), ...Array.from({ length: 9 }, () => record({}, {}))]);
    expect(one).toMatchObject({ render: false, differing: 1 });
    expect(one.summary).toBe('Rendering not needed: only 1 of 10 sample pages get or change their title in JavaScript.');
  });

  it('a changed title, h1, canonical or robots tag on enough pages switches it on', () => {
    for (const change of [{ title: 'App' }, { h1: null }, { canonical: null }, { robots: 'noindex', noindex: true }] as Partial<RenderFacts>[]) {
      expect(shouldRenderSite([record(change, {}), record(change, {}), record({}, {})]).render).toBe(true);
    }
  });

  it('does not count pages the browser crashed on', () => {
    const verdict = shouldRenderSite([record({}, null), record({}, null)]);
    expect(verdict).toMatchObject({ render: false, sampled: 0 });
    expect(verdict.summary).toBe('Rendering not switched on: none of 2 sample pages could be rendered.');
  });

  it('decides from the records the audit of rendered pages produces', () => {
    const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const spa = cleanPageSpecs().map((spec) => withRendered(buildPage({ ...spec, nav: '', mainText: '<p>Loading</p>', h1: null }), buildHtml(spec)));
    const records = spa.map((page) => audit.addPage(page).summary.render).filter((r): r is PageRenderRecord => r !== undefined);
    expect(records).toHaveLength(6);
    expect(shouldRenderSite(records).render).toBe(true);
    const staticSite = new SiteAudit({ startUrl: `${ORIGIN}/` });
    const plain = cleanPageSpecs().map((spec) => staticSite.addPage(withRendered(buildPage(spec), buildHtml(spec))).summary.render);
    expect(shouldRenderSite(plain.filter((r): r is PageRenderRecord => r !== undefined))).toMatchObject({ render: false, sampled: 6 });
  });
});

describe('decideRendering (samples as the crawler holds them)', () => {
  it('reads raw HTML and snapshot like the audit and decides', () => {
    const options = { startUrl: `${ORIGIN}/` };
    const spa = cleanPageSpecs().map((spec) => ({
      url: `${ORIGIN}${spec.path}`,
      rawHtml: buildHtml({ ...spec, nav: '', mainText: '<p>Loading</p>', h1: null }),
      rendered: withRendered(buildPage(spec), buildHtml(spec)).rendered as NonNullable<ReturnType<typeof withRendered>['rendered']>,
    }));
    const verdict = decideRendering(spa, options);
    expect(verdict).toMatchObject({ render: true, sampled: 6, differing: 6 });
    expect(verdict.summary).toMatch(/^Rendering switched on: 6 of 6 sample pages /);
    const plain = spa.map((sample) => ({ ...sample, rawHtml: sample.rendered.html }));
    expect(decideRendering(plain, options)).toMatchObject({ render: false, sampled: 6, differing: 0 });
    expect(decideRendering(spa.map((sample) => ({ ...sample, rawHtml: null })), options)).toMatchObject({ render: false, sampled: 0 });
  });
});
