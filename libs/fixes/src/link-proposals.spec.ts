import { applyGuardrails, bestRedirectTarget, extractPageData, newGuardrailContext, RulesProposalGenerator, type FixableFinding, type LivePage } from './index';

const ORIGIN = 'http://shop.test';
const LIVE: LivePage[] = [
  { url: `${ORIGIN}/`, title: 'Trail Co' },
  { url: `${ORIGIN}/products/trail-running-shoe`, title: 'Trail running shoe – Trail Co' },
  { url: `${ORIGIN}/products/rain-jacket`, title: 'Rain jacket – Trail Co' },
  { url: `${ORIGIN}/collections/footwear`, title: 'Footwear – Trail Co' },
  { url: `${ORIGIN}/blogs/news`, title: 'News – Trail Co' },
  { url: `${ORIGIN}/pages/shoe-care`, title: 'Caring for your shoes – Trail Co' },
];
const site = { siteName: 'Trail Co', siteUrl: `${ORIGIN}/`, livePages: LIVE };

const HTML = `<!doctype html><html lang="en"><head><title>About us – Trail Co</title></head><body><h1>About us</h1>
<p>We make shoes for muddy trails. <a href="/products/old-trail-shoe">Our first shoe</a> is gone.
<a href="/products/rain-jacket">Read more</a> about staying dry, or <a href='/pages/shoe-care'>click here</a>.
<a href="/collections/footwear"></a> <a href="#top">top</a> <a href="mailto:hi@shop.test">mail</a></p></body></html>`;
const page = extractPageData(HTML, `${ORIGIN}/pages/about-us`);
const finding = (checkId: string, fixKind: FixableFinding['fixKind'], evidence: string, p = page, issueId = `${checkId}:${evidence}`): FixableFinding => ({ issueId, checkId, fixKind, evidence, page: p });

describe('page links', () => {
  it('reads body links with absolute hrefs and their visible text, skipping fragments and mailto', () => {
    expect(page.links).toEqual([
      { href: `${ORIGIN}/products/old-trail-shoe`, text: 'Our first shoe' },
      { href: `${ORIGIN}/products/rain-jacket`, text: 'Read more' },
      { href: `${ORIGIN}/pages/shoe-care`, text: 'click here' },
      { href: `${ORIGIN}/collections/footwear`, text: '' },
    ]);
  });
});

describe('redirect target for a broken internal link', () => {
  it('prefers the live page whose address shares the most words, the slug counting double', () => {
    expect(bestRedirectTarget(`${ORIGIN}/products/old-trail-shoe`, LIVE)?.url).toBe(`${ORIGIN}/products/trail-running-shoe`);
    expect(bestRedirectTarget(`${ORIGIN}/products/jacket-for-rain?variant=2`, LIVE)?.url).toBe(`${ORIGIN}/products/rain-jacket`);
  });

  it('falls back to a live parent through its words, and never to the home page', () => {
    expect(bestRedirectTarget(`${ORIGIN}/blogs/news/2019-summer-sale`, LIVE)?.url).toBe(`${ORIGIN}/blogs/news`);
    expect(bestRedirectTarget(`${ORIGIN}/zzz/qqq`, LIVE)).toBeNull();
    expect(bestRedirectTarget(`${ORIGIN}/zzz`, [{ url: `${ORIGIN}/`, title: 'zzz' }])).toBeNull();
  });

  it('ignores pages on other hosts', () => {
    expect(bestRedirectTarget(`${ORIGIN}/products/old-trail-shoe`, [{ url: 'http://other.test/products/trail-shoe', title: null }])).toBeNull();
  });
});

describe('rules generator: redirects and anchor text', () => {
  it('proposes one HIGH risk redirect per broken URL, with the broken URL as before and target, the live page as after', async () => {
    const other = extractPageData(HTML.replace('About us', 'Contact'), `${ORIGIN}/pages/contact`);
    const out = await new RulesProposalGenerator().generate(site, [
      finding('broken-internal-link', 'redirect', `${ORIGIN}/products/old-trail-shoe (404)`),
      finding('broken-internal-link', 'redirect', `${ORIGIN}/products/old-trail-shoe (404)`, other, 'second-page'),
    ]);
    expect(out.proposals).toHaveLength(1);
    expect(out.proposals[0]).toMatchObject({
      field: 'redirect', risk: 'HIGH', method: 'RULE',
      target: `${ORIGIN}/products/old-trail-shoe`,
      before: `${ORIGIN}/products/old-trail-shoe (404)`,
      after: `${ORIGIN}/products/trail-running-shoe`,
    });
    expect(out.proposals[0]!.rationale).toMatch(/404.*301/);
    expect(out.rejected).toEqual([expect.objectContaining({ issueId: 'second-page', reason: expect.stringMatching(/already proposes/) as unknown })]);
  });

  it('leaves redirect findings it cannot resolve to a person', async () => {
    const out = await new RulesProposalGenerator().generate(site, [
      finding('broken-internal-link', 'redirect', `${ORIGIN}/zzz/qqq (404)`),
      finding('redirect-chain', 'redirect', `${ORIGIN}/a -> ${ORIGIN}/b -> ${ORIGIN}/c`),
    ]);
    expect(out.proposals).toEqual([]);
    expect(out.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/no live page resembles/), expect.stringMatching(/person/)]);
  });

  it('rewrites generic link text with the destination name (MEDIUM risk), keeping a "read more" call to action', async () => {
    const out = await new RulesProposalGenerator().generate(site, [
      finding('anchor-text-non-descriptive', 'anchor-text', 'Read more'),
      finding('anchor-text-non-descriptive', 'anchor-text', 'click here'),
      finding('anchor-empty', 'anchor-text', `${ORIGIN}/collections/footwear`),
    ]);
    expect(out.rejected).toEqual([]);
    expect(out.proposals.map(({ field, risk, target, before, after }) => ({ field, risk, target, before, after }))).toEqual([
      { field: 'anchorText', risk: 'MEDIUM', target: `${ORIGIN}/products/rain-jacket`, before: 'Read more', after: 'Read more about Rain jacket' },
      { field: 'anchorText', risk: 'MEDIUM', target: `${ORIGIN}/pages/shoe-care`, before: 'click here', after: 'Caring for your shoes' },
      { field: 'anchorText', risk: 'MEDIUM', target: `${ORIGIN}/collections/footwear`, before: '', after: 'Footwear' },
    ]);
  });

  it('uses words of the address when the crawl did not see the destination, and skips links no longer on the page', async () => {
    const out = await new RulesProposalGenerator().generate({ ...site, livePages: [] }, [
      finding('anchor-text-non-descriptive', 'anchor-text', 'click here'),
      finding('anchor-text-non-descriptive', 'anchor-text', 'more info'),
    ]);
    expect(out.proposals.map((p) => p.after)).toEqual(['Shoe care']);
    expect(out.rejected[0]!.reason).toMatch(/not in the page/);
  });
});

describe('guardrails for links', () => {
  const base = { issueId: 'i', risk: 'LOW' as const, rationale: 'r', method: 'AI' as const };
  it('keeps redirects on the site and away from themselves', () => {
    const ctx = newGuardrailContext();
    const redirect = { ...base, field: 'redirect' as const, target: `${ORIGIN}/old`, before: null };
    expect(applyGuardrails({ ...redirect, after: 'https://elsewhere.test/' }, page, ctx)).toMatchObject({ ok: false, rejected: { reason: expect.stringMatching(/same site/) as unknown } });
    expect(applyGuardrails({ ...redirect, after: `${ORIGIN}/old` }, page, ctx)).toMatchObject({ ok: false, rejected: { reason: expect.stringMatching(/itself/) as unknown } });
    expect(applyGuardrails({ ...redirect, after: `${ORIGIN}/products/rain-jacket` }, page, ctx)).toMatchObject({ ok: true, proposal: { risk: 'HIGH' } });
  });
  it('rejects a new link text that is just as generic', () => {
    expect(applyGuardrails({ ...base, field: 'anchorText', target: `${ORIGIN}/x`, before: 'click here', after: 'Learn more!' }, page, newGuardrailContext())).toMatchObject({ ok: false });
  });
});
