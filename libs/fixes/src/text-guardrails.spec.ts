import { applyGuardrails, newGuardrailContext, riskOf, textProblem } from './guardrails';
import { extractPageData } from './page-data';
import { duplicateKeepers, proposeByRule, RulesProposalGenerator } from './rules-generator';
import { findingStays, selfCheck } from './self-check';
import { keptOutOfSearch, shorten, siteNameOf, titleSeparatorOf, undecodedEntity, wrongBrand } from './text-rules';
import type { FixableFinding, PageData, Proposal, SiteContext } from './types';

const ORIGIN = 'https://corner-bakery.example';

/** A page as a WordPress block theme prints it: header with menu, content, comment form, footer, sidebar, cookie banner. */
function themedPage(opts: { path?: string; title?: string; content: string; h1?: string; extraH1?: string; description?: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${opts.title ?? 'Sourdough basics &#8211; The Corner Bakery'}</title>
${opts.description ? `<meta name="description" content="${opts.description}">` : ''}
<meta property="og:site_name" content="The Corner Bakery">
</head><body>
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header class="wp-block-template-part site-header"><p class="site-title"><a href="/">The Corner Bakery</a></p>
<nav class="wp-block-navigation" aria-label="Menu"><ul><li><a href="/">Home</a></li><li><a href="/about/">About us today</a></li><li><a href="/contact/">Contact us for wholesale orders</a></li></ul></nav></header>
<main id="content"><article class="post">
<h1 class="wp-block-post-title">${opts.h1 ?? 'Sourdough basics'}</h1>${opts.extraH1 ? `<h1>${opts.extraH1}</h1>` : ''}
<div class="entry-content">${opts.content}</div>
</article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>
<form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<p><label for="comment">Comment</label><textarea id="comment"></textarea></p><p><input type="submit" value="Post Comment"></p></form></div></div>
</main>
<aside class="widget-area"><h2>Recent posts</h2><ul><li><a href="/2026/04/croissant-lamination/">How we laminate croissants every weekend</a></li></ul></aside>
<footer class="site-footer"><p>Proudly powered by WordPress. Opening hours seven days a week from five in the morning.</p></footer>
<div id="cookie-notice" class="cookie-banner" role="dialog"><p>We use cookies to give you the best experience on our bakery website.</p><button>Accept all cookies</button></div>
</body></html>`;
}

const SOURDOUGH =
  '<p>Sourdough needs only flour, water and salt, plus time. A lively starter, a long cold fermentation and a very hot oven ' +
  'give the open crumb and the crackling crust.</p><p>We feed our starter twice a day and bake at 250 degrees with steam for the first twenty minutes.</p>';

const brand = { siteName: 'The Corner Bakery', notBrands: ['Demo bakery (local WordPress)', 'corner-bakery.example'] };
const site: SiteContext = { ...brand, siteUrl: `${ORIGIN}/` };

function finding(page: PageData, checkId: string, fixKind: FixableFinding['fixKind'], issueId = checkId): FixableFinding {
  return { issueId, checkId, fixKind, page };
}

function pageAt(path: string, html: string): PageData {
  return extractPageData(html, `${ORIGIN}${path}`);
}

describe('text guardrails: main content only', () => {
  const page = pageAt('/2026/03/sourdough-basics/', themedPage({ content: SOURDOUGH }));

  it('reads the content apart from menu, header, footer, sidebar, comment form and cookie banner', () => {
    expect(page.text).toContain('Sourdough needs only flour');
    for (const chrome of ['About us today', 'Contact us for wholesale orders', 'Your email address will not be published', 'Recent posts', 'Proudly powered', 'We use cookies', 'Skip to content']) {
      expect(page.text).not.toContain(chrome);
      expect(page.chromeText).toContain(chrome);
    }
  });

  it('builds a description from whole sentences of the content only', async () => {
    const result = await new RulesProposalGenerator().generate(site, [finding(page, 'meta-description-missing', 'meta-description')]);
    expect(result.proposals).toHaveLength(1);
    const description = result.proposals[0]!.after;
    expect(description).toMatch(/^(Sourdough needs|A lively starter)/);
    expect(description).toMatch(/\.$/);
    expect(description).not.toMatch(/Contact|cookies|email address|powered/i);
  });

  it('refuses a text that quotes the theme chrome, from a rule or a model', () => {
    for (const value of [
      'The Corner Bakery Home About us today Contact us for wholesale orders. We bake sourdough.',
      'Your email address will not be published. Required fields are marked *. Sourdough basics.',
      'We use cookies to give you the best experience on our bakery website, and bread.',
    ]) expect(textProblem('metaDescription', value, page, brand)).not.toBeNull();
    expect(textProblem('metaDescription', 'Sourdough needs only flour, water and salt, plus time, and a lively starter for an open crumb.', page, brand)).toBeNull();
    // The site's name is in the header, and a title may still carry it.
    expect(textProblem('title', 'Sourdough basics – The Corner Bakery', page, brand)).toBeNull();
  });
});

describe('text guardrails: entities, cuts and brand', () => {
  const page = pageAt('/2026/03/sourdough-basics/', themedPage({ content: SOURDOUGH, title: 'Sourdough &lsaquo; Basics &#8211; The Corner Bakery' }));

  it('decodes entities when reading and refuses an undecoded one in a text', () => {
    expect(page.title).toBe('Sourdough ‹ Basics – The Corner Bakery');
    expect(undecodedEntity('Sourdough &lsaquo; Basics')).toBe('&lsaquo;');
    expect(textProblem('ogTitle', 'Sourdough &lsaquo; Basics at The Corner Bakery', page, brand)).toMatch(/undecoded/);
  });

  it('shortens only at a sentence or clause boundary, else does not propose', () => {
    const fits60 = (t: string) => t.length <= 60;
    expect(shorten('Sourdough needs only flour, water and salt, plus time. A lively starter gives the crumb.', fits60)).toBe('Sourdough needs only flour, water and salt, plus time.');
    expect(shorten('Sourdough needs only flour water and salt plus time and a very lively starter for crumb', fits60)).toBeNull();
    // A prefix of the page's own sentence that stops inside the phrase is refused.
    expect(textProblem('metaDescription', 'Sourdough needs only flour, water and salt, plus time. A lively starter, a long cold fermentation and a very', page, brand)).toMatch(/middle of a phrase/);
  });

  it('brands with the site\'s own name, never the connection label, the domain or an IP', () => {
    expect(wrongBrand('Sourdough basics | Demo bakery (local WordPress)', brand.notBrands, brand.siteName)).toMatch(/connection label/);
    expect(wrongBrand('Trail notes | 127.0.0.1:8089', [], null)).toMatch(/IP address/);
    expect(wrongBrand('Sourdough basics – corner-bakery.example', [], 'The Corner Bakery')).toMatch(/address/);
    expect(wrongBrand('Sourdough basics – The Corner Bakery', brand.notBrands, brand.siteName)).toBeNull();
  });

  it('finds the site name from the platform, the pages, or the common title suffix, and nothing else', () => {
    expect(siteNameOf({ platformName: 'The Corner Bakery', pages: [{ siteNames: ['Other'] }] })).toBe('The Corner Bakery');
    expect(siteNameOf({ platformName: '127.0.0.1:8089', pages: [{ siteNames: ['The Corner Bakery'] }] })).toBe('The Corner Bakery');
    expect(siteNameOf({ titles: ['Menu | Rye & Co', 'About | Rye & Co', 'Home'] })).toBe('Rye & Co');
    expect(siteNameOf({ titles: ['Home', 'About'] })).toBeNull();
    expect(siteNameOf({ titles: ['Menu | localhost:8080', 'About | localhost:8080'] })).toBeNull();
    expect(titleSeparatorOf(['Menu | Rye & Co', 'About | Rye & Co'], 'Rye & Co')).toBe('|');
  });

  it('a title follows the site\'s own separator, and has no brand when the site names none', () => {
    const untitled = pageAt('/menu/', themedPage({ content: SOURDOUGH, title: 'Menu', h1: 'Our sourdough, rye and spelt loaves' }));
    const branded = proposeByRule(finding(untitled, 'title-too-short', 'title'), { ...site, titleSeparator: '|' });
    expect(branded).toMatchObject({ after: 'Our sourdough, rye and spelt loaves | The Corner Bakery' });
    const unbranded = proposeByRule(finding(untitled, 'title-too-short', 'title'), { siteName: null, siteUrl: `${ORIGIN}/` });
    expect(unbranded).toMatchObject({ after: 'Our sourdough, rye and spelt loaves' });
  });
});

describe('text guardrails: what is left alone', () => {
  it('of two duplicate titles, the page it fits keeps it and only the other one is changed', () => {
    const good = pageAt('/sourdough/', themedPage({ content: SOURDOUGH, title: 'Sourdough basics – The Corner Bakery', h1: 'Sourdough basics' }));
    const other = pageAt('/contact/', themedPage({ content: '<p>Call us on weekdays.</p>', title: 'Sourdough basics – The Corner Bakery', h1: 'Contact' }));
    const keepers = duplicateKeepers([finding(good, 'title-duplicate', 'title', 'a'), finding(other, 'title-duplicate', 'title', 'b')]);
    expect([...keepers]).toEqual(['a']);
  });

  it('pages a platform keeps out of search never get an index proposal', () => {
    const urls = [
      '/wp-login.php', '/wp-login.php?action=lostpassword', '/lost-password/', '/cart/', '/checkout/', '/my-account/orders/',
      '/?s=bread', '/2026/03/sourdough-basics/?replytocom=12', '/feed/', '/comments/feed/',
    ];
    for (const path of urls) {
      expect([path, keptOutOfSearch(`${ORIGIN}${path}`)]).toEqual([path, expect.any(String)]);
      const page = pageAt(path, themedPage({ content: SOURDOUGH }).replace('<head>', '<head><meta name="robots" content="noindex, follow">'));
      const proposal: Proposal = { issueId: 'i', field: 'robots', before: 'noindex, follow', after: 'index,follow', risk: riskOf('robots'), rationale: '', method: 'RULE' };
      const checked = applyGuardrails(proposal, page, newGuardrailContext());
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.rejected.reason).toMatch(/keeps this page out of search/);
    }
    expect(keptOutOfSearch(`${ORIGIN}/2026/03/sourdough-basics/`)).toBeNull();
  });
});

describe('text guardrails: h1, self-check and verification', () => {
  const twoH1 = themedPage({ content: SOURDOUGH, title: 'Sourdough for beginners &#8211; The Corner Bakery', h1: 'Sourdough basics', extraH1: 'Bake along with us' });
  const page = pageAt('/2026/03/sourdough-basics/', twoH1);

  it('an h1 fix that cannot remove the extra heading is manual with its reason; without one it fails the self-check', () => {
    const raw = proposeByRule(finding(page, 'h1-multiple', 'h1'), site);
    expect(raw).toMatchObject({ field: 'h1', manualReason: expect.stringMatching(/^The page has two h1 headings; remove one in the editor/) as unknown });
    const proposal = { ...(raw as Proposal), risk: riskOf('h1') };
    // Kept as a manual recommendation: the self-check knows the heading alone cannot clear the issue.
    expect(selfCheck(proposal, page, 'h1-multiple')).toBeNull();
    expect(proposal).toMatchObject({ before: 'Sourdough basics | Bake along with us', after: 'Sourdough basics' });
    expect(applyGuardrails(proposal, page, newGuardrailContext())).toEqual({ ok: true, proposal: expect.objectContaining({ after: "Sourdough basics" }) as unknown });
    const { manualReason: _reason, ...automatic } = proposal;
    expect(selfCheck({ ...automatic, after: 'Sourdough for beginners' }, page, 'h1-multiple')).toMatch(/still be reported for h1-multiple/);
  });

  it('verification sees the issue still on the page although the new text is there', () => {
    expect(findingStays(twoH1, page.url, { checkId: 'h1-multiple', selector: null })).toBe(true);
    const oneH1 = themedPage({ content: SOURDOUGH, h1: 'Sourdough basics' });
    expect(findingStays(oneH1, page.url, { checkId: 'h1-multiple', selector: null })).toBe(false);
  });

  it('the self-check refuses a description the audit itself would call too long, and passes a good one', () => {
    const html = themedPage({ content: SOURDOUGH });
    const p = pageAt('/2026/03/sourdough-basics/', html);
    const wide = 'WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWWW WWW.';
    const base = { issueId: 'i', field: 'metaDescription' as const, before: null, risk: riskOf('metaDescription'), rationale: '', method: 'RULE' as const };
    expect(selfCheck({ ...base, after: wide }, p, 'meta-description-missing')).toMatch(/meta-description-too-long/);
    expect(selfCheck({ ...base, after: 'Sourdough needs only flour, water and salt, plus time, and a lively starter for an open crumb.' }, p, 'meta-description-missing')).toBeNull();
  });
});
