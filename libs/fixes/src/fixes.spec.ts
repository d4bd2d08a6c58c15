import { applyGuardrails, buildJsonLd, ClaudeProposalGenerator, extractPageData, newGuardrailContext, riskOf, RulesProposalGenerator, unsupportedFacts, validateJsonLd, type FixableFinding, type PageData } from './index';
import { startAnthropicMessagesServer, type AnthropicMessagesServer } from './testing';

const HTML = `<!doctype html><html lang="en"><head><title>Home</title></head><body>
<h1>Sourdough basics</h1><h2>Feeding the starter</h2>
<p>Sourdough needs only flour, water and salt, plus time. A lively starter and a long cold fermentation give the open crumb. We bake at 250 degrees.</p>
<img src="/wp-content/uploads/2026/03/sourdough-loaf.jpg"><img src="/x.png" alt="Present"></body></html>`;

const site = { siteName: 'The Corner Bakery', siteUrl: 'http://bakery.test/' };
const page: PageData = extractPageData(HTML, 'http://bakery.test/2026/03/sourdough-basics/');
const finding = (checkId: string, fixKind: FixableFinding['fixKind'], p = page, issueId = checkId): FixableFinding => ({ issueId, checkId, fixKind, page: p });

describe('page data', () => {
  it('reads lang, headings, first paragraph and images', () => {
    expect(page).toMatchObject({ lang: 'en', title: 'Home', h1: ['Sourdough basics'], headings: ['Feeding the starter'] });
    expect(page.firstParagraph).toMatch(/^Sourdough needs only flour/);
    expect(page.images[0]).toEqual({ src: 'http://bakery.test/wp-content/uploads/2026/03/sourdough-loaf.jpg', alt: null });
  });
});

describe('rules generator', () => {
  it('proposes title, description, alt, h1 and canonical within limits with risk by field', async () => {
    const gen = new RulesProposalGenerator();
    const out = await gen.generate(site, [
      finding('title-too-short', 'title'), finding('meta-description-missing', 'meta-description'), finding('image-alt-missing', 'image-alt'),
      finding('h1-missing', 'h1'), finding('canonical-missing', 'canonical'), finding('broken-link', 'redirect'),
    ]);
    const by = Object.fromEntries(out.proposals.map((p) => [p.field, p]));
    expect(by.title?.after).toBe('Sourdough basics – The Corner Bakery');
    expect(by.title).toMatchObject({ before: 'Home', risk: 'MEDIUM', method: 'RULE' });
    expect(by.metaDescription?.after.length).toBeGreaterThanOrEqual(70);
    expect(by.metaDescription?.after.length).toBeLessThanOrEqual(160);
    expect(by.metaDescription?.risk).toBe('LOW');
    expect(by.imageAlt).toMatchObject({ after: 'Sourdough loaf', target: page.images[0]!.src, before: null, risk: 'LOW' });
    expect(by.canonical).toMatchObject({ after: 'http://bakery.test/2026/03/sourdough-basics/', risk: 'HIGH' });
    expect(out.rejected.find((r) => r.issueId === 'broken-link')?.reason).toMatch(/person/);
  });

  it('is deterministic and keeps titles unique across the site with a suffix from the page', async () => {
    const gen = new RulesProposalGenerator();
    const a = await gen.generate({ ...site, existingTitles: ['Sourdough basics – The Corner Bakery'] }, [finding('title-duplicate', 'title')]);
    expect(a.proposals[0]!.after).toBe('Sourdough basics – The Corner Bakery – Feeding the starter');
    const b = await gen.generate({ ...site, existingTitles: ['Sourdough basics – The Corner Bakery'] }, [finding('title-duplicate', 'title')]);
    expect(b).toEqual(a);
  });

  it('keeps descriptions unique with other sentences of the page, never with a heading glued on, else proposes none', async () => {
    const gen = new RulesProposalGenerator();
    const hello = extractPageData(`<!doctype html><html lang="en"><head><title>Hello world!</title></head><body><main><h1>Hello world!</h1>
      <p>Welcome to WordPress. This is your first post. Edit or delete it, then start writing!</p></main></body></html>`, 'http://bakery.test/2026/03/hello-world/');
    const first = 'Welcome to WordPress. This is your first post. Edit or delete it, then start writing!';
    const alone = await gen.generate({ ...site, existingDescriptions: [first] }, [finding('meta-description-missing', 'meta-description', hello)]);
    expect(alone.proposals).toEqual([]);
    expect(alone.rejected[0]!.reason).toMatch(/no source on the page for a metaDescription/);
    // With more sentences on the page, the next run of whole sentences is used.
    const longer = extractPageData(`<!doctype html><html lang="en"><head><title>Sourdough basics</title></head><body><main><h1>Sourdough basics</h1>
      <p>Sourdough needs only flour, water and salt, plus time and patience. A lively starter and a long cold fermentation give the open crumb.</p>
      <p>We feed our starter twice a day and bake at 250 degrees with steam for the first twenty minutes.</p></main></body></html>`, 'http://bakery.test/2026/03/sourdough-basics/');
    const taken = 'Sourdough needs only flour, water and salt, plus time and patience. A lively starter and a long cold fermentation give the open crumb.';
    const out = await gen.generate({ ...site, existingDescriptions: [taken] }, [finding('meta-description-missing', 'meta-description', longer)]);
    expect(out.proposals[0]!.after.toLowerCase()).not.toBe(taken.toLowerCase());
    expect(out.proposals[0]!.after).not.toMatch(/Sourdough basics\.?$/);
    expect(out.proposals[0]!.after).toBe('We feed our starter twice a day and bake at 250 degrees with steam for the first twenty minutes.');
    // The guardrails refuse a duplicate description from any generator instead of appending a suffix.
    const ctx = newGuardrailContext([], [first]);
    const dup = applyGuardrails({ issueId: 'i', field: 'metaDescription', before: null, after: first, risk: 'LOW', rationale: 'r', method: 'AI' }, hello, ctx);
    expect(dup).toMatchObject({ ok: false, rejected: { reason: expect.stringMatching(/duplicates another page's description/) as unknown } });
  });
});

describe('guardrails', () => {
  it('sets risk by field', () => {
    expect([riskOf('imageAlt'), riskOf('title'), riskOf('jsonLd'), riskOf('robots'), riskOf('redirect')]).toEqual(['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH']);
  });
  it('rejects lengths outside the limits, invented facts and another language', () => {
    const ctx = newGuardrailContext();
    const base = { issueId: 'i', before: null, risk: 'LOW' as const, rationale: 'r', method: 'AI' as const };
    expect(applyGuardrails({ ...base, field: 'title', after: 'Too short' }, page, ctx)).toMatchObject({ ok: false });
    expect(applyGuardrails({ ...base, field: 'imageAlt', after: 'x'.repeat(126) }, page, ctx)).toMatchObject({ ok: false });
    const invented = applyGuardrails({ ...base, field: 'metaDescription', after: 'Sourdough from Paris since 1999: flour, water and salt plus a long cold fermentation for the crumb.' }, page, ctx);
    expect(invented).toMatchObject({ ok: false });
    expect(unsupportedFacts('Baked at 250 degrees by Tartine', page)).toEqual(['Tartine']);
    const german = applyGuardrails({ ...base, field: 'imageAlt', after: 'Sauerteigbrot' }, page, ctx, { lang: 'de' });
    expect(german).toMatchObject({ ok: false, rejected: { reason: expect.stringMatching(/page is in "en"/) as unknown } });
  });
});

describe('JSON-LD', () => {
  it('validates required properties per type', () => {
    expect(validateJsonLd('{"@context":"https://schema.org","@type":"Article","headline":"x"}')).toEqual(['Article needs author', 'Article needs datePublished', 'Article needs image']);
    expect(validateJsonLd('{"@context":"https://schema.org","@type":"Organization","name":"A","url":"http://a/"}')).toEqual([]);
    expect(validateJsonLd('{"@context":"https://schema.org","@type":"Product","name":"A"}')).toEqual(['Product needs offers']);
    expect(validateJsonLd('nope')).toEqual(['not valid JSON']);
  });
  it('builds a breadcrumb from visible content, and an Article only when the page shows author and date', () => {
    expect((JSON.parse(buildJsonLd(page, site)!.json) as { '@type': unknown })['@type']).toBe('BreadcrumbList');
    const article = buildJsonLd({ ...page, author: 'Ana', datePublished: '2026-03-12' }, site)!;
    expect(article.type).toBe('Article');
    expect(validateJsonLd(article.json)).toEqual([]);
  });
});

describe('Claude generator (local Messages API)', () => {
  let server: AnthropicMessagesServer;
  beforeEach(async () => {
    server = await startAnthropicMessagesServer();
  });
  afterEach(() => server.close());

  it('asks through a forced tool with a cached site block, returns usage, and falls back to rules for rejected output', async () => {
    server.respond = () => ({ proposals: [
      { issueId: 'title-too-short', field: 'title', value: 'Sourdough Basics: Flour, Water, Salt and Time', lang: 'en', rationale: 'clear' },
      { issueId: 'meta-description-missing', field: 'metaDescription', value: 'Award-winning Tartine sourdough since 1999 with flour, water and salt for the best crumb.', lang: 'en', rationale: 'x' },
    ] });
    const gen = new ClaudeProposalGenerator({ apiKey: server.apiKey, baseURL: server.url, model: 'claude-test', maxRetries: 0 });
    const out = await gen.generate(site, [finding('title-too-short', 'title'), finding('meta-description-missing', 'meta-description'), finding('canonical-missing', 'canonical')]);
    const req = server.requests[0]!.body;
    expect(req.tool_choice).toEqual({ type: 'tool', name: 'propose_fixes' });
    expect(req.system![1]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(out.proposals.find((p) => p.field === 'title')).toMatchObject({ method: 'AI', after: 'Sourdough Basics: Flour, Water, Salt and Time' });
    expect(out.proposals.find((p) => p.field === 'metaDescription')).toMatchObject({ method: 'RULE' });
    expect(out.rejected[0]!.reason).toMatch(/facts not on the page/);
    expect(out.proposals.find((p) => p.field === 'canonical')).toMatchObject({ method: 'RULE', risk: 'HIGH' });
    expect(out.usage!.cacheCreationInputTokens).toBeGreaterThan(0);
    const again = await gen.generate(site, [finding('title-too-short', 'title')]);
    expect(again.usage!.cacheReadInputTokens).toBeGreaterThan(0);
    expect(again.usage!.cacheCreationInputTokens).toBe(0);
  });

  it('retries 429 (retry-after) and 529, and surfaces 401 as an authentication error', async () => {
    server.inject({ status: 429, retryAfterSeconds: 0 }, { status: 529 });
    const gen = new ClaudeProposalGenerator({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 2 });
    await expect(gen.generate(site, [finding('title-too-short', 'title')])).resolves.toMatchObject({ proposals: [{ method: 'RULE' }] });
    expect(server.requests).toHaveLength(3);
    const bad = new ClaudeProposalGenerator({ apiKey: 'wrong', baseURL: server.url, maxRetries: 0 });
    await expect(bad.generate(site, [finding('title-too-short', 'title')])).rejects.toMatchObject({ status: 401 });
  });
});
