import { SiteAudit } from './site-audit';
import type { FetchedPage } from './model';
import { parsePage } from './html/page-parser';
import { selectorOf } from './html/selector';

function page(html: string, url = 'https://example.com/p'): FetchedPage {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: {},
    contentType: 'text/html',
    html,
    bodyBytes: html.length,
    truncated: false,
    ttfbMs: 1,
    totalMs: 1,
    redirects: [],
    depth: 1,
    discoveredFrom: null,
    inSitemap: false,
  };
}

function garbage(length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode(state % 0xffff);
  }
  return out;
}

const MALFORMED: [string, string][] = [
  ['empty document', ''],
  ['text only', 'just some words and no markup at all'],
  ['unclosed tags', '<html><head><title>Unclosed<body><div><p>one<p>two<ul><li>a<li>b<table><tr><td>cell<a href="/x">link<img src=/i.png'],
  ['stray closing tags', '</div></p></html><h1>Heading</h2></h1></body><p>text</a>'],
  ['garbage bytes', garbage(20_000, 7)],
  ['garbage inside tags', `<html><body><div ${garbage(500, 3)}><a href="${garbage(200, 9)}">x</a><img alt="${garbage(300, 11)}"></div></body></html>`],
  ['unclosed comment and script', '<html><head><script>var a = "<div>";<!-- </head><body><p>never'],
  ['broken json-ld', '<script type="application/ld+json">{"@context": "https://schema.org", "@type": [</script>'],
  ['nested anchors and headings', '<h1><a href="/a"><h2><a href="/b">x</a></h2></a></h1><a><a><a>deep</a></a></a>'],
  ['null bytes', '<html>\u0000<body>\u0000<a href="/\u0000x">\u0000</a></body></html>'],
  ['weird attributes', '<a href= "/a" href="/b" HREF=\'/c\' ===>x</a><img src alt width=-1 height="x">'],
  ['svg and math', '<svg><title>Icon</title><a href="/s"><text>t</text></a><image href="/i.png"/></svg><math><mi>x</mi></math><p>after</p>'],
];

describe('malformed HTML', () => {
  it.each(MALFORMED)('%s does not throw', (_, html) => {
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    expect(() => audit.addPage(page(html))).not.toThrow();
    expect(() => audit.finish()).not.toThrow();
  });

  it('survives 10 000 nested divs and keeps selectors short', () => {
    const depth = 10_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<img src="/deep.png">${'</div>'.repeat(depth)}</body></html>`;
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    const outcome = audit.addPage(page(html));
    const finding = outcome.findings.find((candidate) => candidate.checkId === 'image-alt-missing');
    expect(finding).toBeDefined();
    expect(finding!.selector!.endsWith('div > img')).toBe(true);
    expect(finding!.selector!.length).toBeLessThan(200);
  });

  it('survives 10 000 unclosed nested divs', () => {
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    expect(() => audit.addPage(page(`<body>${'<div><span>'.repeat(5000)}text`))).not.toThrow();
  });

  it('audits pages whose body is missing from the fetch', () => {
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    const outcome = audit.addPage({ ...page(''), html: null, status: 200 });
    expect(outcome.links).toEqual([]);
  });
});

describe('selectors', () => {
  it('anchors at the nearest id and omits nth-of-type for unique tags', () => {
    const facts = parsePage('<html><body><main id="content"><p>a</p><p>b <img src="/x.png"></p></main><img src="/y.png"></body></html>');
    expect(facts.images[0] && selectorOf(facts.images[0].node)).toBe('main#content > p:nth-of-type(2) > img');
    expect(facts.images[1] && selectorOf(facts.images[1].node)).toBe('html > body > img');
  });

  it('escapes ids that are not plain identifiers', () => {
    const facts = parsePage('<div id="1st item"><img src="/a.png"></div>');
    expect(facts.images[0] && selectorOf(facts.images[0].node)).toBe('div#\\31 st\\ item > img');
  });

  it('tracks the head/body boundary like a browser', () => {
    const facts = parsePage('<html><head><title>T</title><meta name="a" content="1"><div>x</div><meta name="b" content="2"></head><body></body></html>');
    expect(facts.metas.map((meta) => meta.inHead)).toEqual([true, false]);
    expect(facts.headBreaker?.tag).toBe('div');
  });

  it('separates main text from navigation and footer text', () => {
    const facts = parsePage('<body><nav>Home Shop</nav><main>Real content here</main><footer>Legal</footer><script>var x = 1;</script></body>');
    expect(facts.mainText.trim()).toBe('Real content here');
    expect(facts.visibleText).toContain('Legal');
    expect(facts.visibleText).not.toContain('var x');
  });
});

describe('soft 404 wording', () => {
  function soft(title: string): boolean {
    const audit = new SiteAudit({ startUrl: 'https://example.com/' });
    return audit.addPage(page(`<html><head><title>${title}</title></head><body><h1>Products</h1></body></html>`)).findings.some((finding) => finding.checkId === 'soft-404');
  }

  it('recognises error pages but not product names with numbers', () => {
    expect(soft('404 – Page not found')).toBe(true);
    expect(soft('Seite nicht gefunden')).toBe(true);
    expect(soft('Error 404')).toBe(true);
    expect(soft('Peugeot 404 parts and accessories')).toBe(false);
    expect(soft('Found: the best garden hoses')).toBe(false);
  });
});
