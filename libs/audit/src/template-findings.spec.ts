import { SiteAudit } from './site-audit';
import { MAX_COUNTED_CAUSES, TemplateFindings, templateKeyOf } from './template-findings';
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
    expect(twitter[0]?.examples).toEqual([...(twitter[0]?.examples ?? [])].sort());
    expect(twitter[0]?.examples.length).toBe(Math.min(5, paths.length));
    expect(r.pageFindings.filter((f) => f.checkId === 'twitter-card-missing')).toHaveLength(paths.length);
    expect(twitter[0]?.templateKey).toBe(templateKeyOf(r.pageFindings.find((f) => f.checkId === 'twitter-card-missing')!));
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

  it('finds a template cause that first appears after thousands of other causes of its check, with its exact count', () => {
    const t = new TemplateFindings();
    // 3,000 pages each with a title of its own (3,000 causes of one check), then 4,000 pages sharing one.
    for (let i = 0; i < 3000; i++) t.addPage(`https://example.com/blog/${i}`, [finding('title-too-long', `https://example.com/blog/${i}`, 'Title too long', `Post number ${i} of a long series`)]);
    for (let i = 0; i < 4000; i++) t.addPage(`https://example.com/docs/${i}`, [finding('title-too-long', `https://example.com/docs/${i}`, 'Title too long', 'Reference manual of the project - chapter')]);
    const groups = t.result(7000);
    expect(groups).toEqual([expect.objectContaining({ checkId: 'title-too-long', evidence: 'Reference manual of the project - chapter', pages: 4000 })]);
    expect(groups[0]?.examples).toHaveLength(5);
    expect(t.widespread(700)).toEqual([{ checkId: 'title-too-long', pages: 4000 }]);
    expect(t.incompleteChecks(700)).toEqual([]);
  });

  it('says which checks could hide a cause once its counters run out, and never counts less than it saw', () => {
    const bound = 2000;
    expect(bound).toBeLessThan(MAX_COUNTED_CAUSES);
    const t = new TemplateFindings(bound);
    // Fill the counters with distinct causes of one check on a few pages.
    const perPage = 100;
    const pages = Math.ceil(bound / perPage);
    for (let p = 0; p < pages; p++) {
      const url = `https://example.com/gallery/${p}`;
      t.addPage(url, Array.from({ length: perPage }, (_, i) => finding('image-alt-missing', url, 'No alt', `/img/${p}-${i}.jpg`)));
    }
    // A template cause of another check that starts only now finds no counter.
    for (let p = 0; p < 2 * pages; p++) t.addPage(`https://example.com/late/${p}`, [finding('twitter-card-missing', `https://example.com/late/${p}`, 'No card')]);
    const audited = 3 * pages;
    expect(t.result(audited)).toEqual([]);
    expect(t.widespread(0.1 * audited)).toEqual([]);
    expect(t.incompleteChecks(0.1 * audited)).toEqual(['twitter-card-missing']);
  });

  it('keeps exact counts and texts across a snapshot', () => {
    const t = new TemplateFindings();
    for (let i = 0; i < 300; i++) t.addPage(`https://example.com/a/${i}`, [finding('x', `https://example.com/a/${i}`, 'm', `own ${i}`)]);
    for (let i = 0; i < 200; i++) t.addPage(`https://example.com/b/${i}`, [finding('x', `https://example.com/b/${i}`, 'm', 'shared')]);
    const restored = TemplateFindings.restore(JSON.parse(JSON.stringify(t.snapshot())));
    for (let i = 200; i < 400; i++) restored.addPage(`https://example.com/b/${i}`, [finding('x', `https://example.com/b/${i}`, 'm', 'shared')]);
    expect(restored.result(700)).toEqual([expect.objectContaining({ evidence: 'shared', pages: 400 })]);
  });
});
