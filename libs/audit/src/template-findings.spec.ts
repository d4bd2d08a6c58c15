import { SiteAudit } from './site-audit';
import { TemplateFindings, templateKeyOf } from './template-findings';
import { cleanPageSpecs, cleanSite, runScenario } from './testing/fixtures/site-builder';

const finding = (checkId: string, url: string, message = 'm', evidence: string | null = null) => ({ checkId, url, selector: null, message, evidence });

describe('template-level findings', () => {
  it('reports a cause on every page once, with the page count and examples; the page rows are still there', () => {
    const paths = cleanPageSpecs().map((s) => s.path);
    const r = runScenario(cleanSite({ modify: Object.fromEntries(paths.map((p) => [p, { twitter: false }])) }));
    const result = r.audit.finish();
    const twitter = result.templateFindings?.filter((t) => t.checkId === 'twitter-card-missing') ?? [];
    expect(twitter).toHaveLength(1);
    expect(twitter[0]).toMatchObject({ pages: paths.length, share: 1 });
    expect(twitter[0].examples).toEqual([...twitter[0].examples].sort());
    expect(twitter[0].examples.length).toBe(Math.min(5, paths.length));
    expect(r.pageFindings.filter((f) => f.checkId === 'twitter-card-missing')).toHaveLength(paths.length);
    expect(twitter[0].templateKey).toBe(templateKeyOf(r.pageFindings.find((f) => f.checkId === 'twitter-card-missing')!));
  });

  it('does not group a cause on a minority of pages', () => {
    const paths = cleanPageSpecs().map((s) => s.path);
    const r = runScenario(cleanSite({ modify: Object.fromEntries(paths.slice(0, 2).map((p) => [p, { twitter: false }])) }));
    expect(r.countsByCheck['twitter-card-missing']).toBe(2);
    expect(r.audit.finish().templateFindings).toEqual([]);
  });

  it('keeps causes apart, counts a page once per cause, and needs at least half the pages and three of them', () => {
    const t = new TemplateFindings();
    for (let i = 0; i < 10; i++) {
      const url = `https://example.com/p${i}`;
      t.addPage(url, [finding('image-broken', url, 'Broken image', '/header.png'), finding('image-broken', url, 'Broken image', '/header.png'), ...(i < 4 ? [finding('image-broken', url, 'Broken image', `/own-${i}.png`)] : [])]);
    }
    const groups = t.result(10);
    expect(groups).toEqual([expect.objectContaining({ checkId: 'image-broken', evidence: '/header.png', pages: 10, share: 1, examples: ['https://example.com/p0', 'https://example.com/p1', 'https://example.com/p2', 'https://example.com/p3', 'https://example.com/p4'] })]);
    const small = new TemplateFindings();
    small.addPage('https://example.com/', [finding('x', 'https://example.com/')]);
    small.addPage('https://example.com/a', [finding('x', 'https://example.com/a')]);
    expect(small.result(2)).toEqual([]);
  });

  it('survives a snapshot and restore of the site audit', () => {
    const paths = cleanPageSpecs().map((s) => s.path);
    const scenario = cleanSite({ modify: Object.fromEntries(paths.map((p) => [p, { twitter: false }])) });
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    if (scenario.siteFiles) audit.setSiteFiles(scenario.siteFiles);
    for (const page of scenario.pages.slice(0, 3)) audit.addPage(page);
    const restored = SiteAudit.restore(JSON.parse(JSON.stringify(audit.snapshot())));
    for (const page of scenario.pages.slice(3)) restored.addPage(page);
    expect(restored.finish().templateFindings?.find((t) => t.checkId === 'twitter-card-missing')?.pages).toBe(paths.length);
  });
});
