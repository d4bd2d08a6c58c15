import { buildSnippet, etagMatches, renderSnippet, snippetEtag, snippetPageKey, type SnippetFix } from '../index';
import { FakeDocument, FakeElement, runSnippet } from '../testing/fake-dom';
import { SNIPPET_RUNTIME } from './snippet-runtime';

const PAGE = 'https://www.example.com/shoes/trail/';

function pageDoc(): FakeDocument {
  const doc = new FakeDocument();
  doc.title = 'Old title';
  doc.head.appendChild(new FakeElement('META', { name: 'description', content: 'Old description' }));
  doc.head.appendChild(new FakeElement('LINK', { rel: 'canonical', href: 'https://www.example.com/shoes/trail?utm=x' }));
  doc.body.appendChild(new FakeElement('IMG', { src: 'https://cdn.example.com/img/hero.jpg?v=3', class: 'hero' }));
  doc.body.appendChild(new FakeElement('IMG', { src: '/img/side.jpg', alt: 'old side' }));
  doc.body.appendChild(new FakeElement('IMG', { src: '/img/other.jpg', class: 'thumb' }));
  return doc;
}

const fix = (id: string, field: SnippetFix['field'], value: string, target?: string, pageUrl = PAGE): SnippetFix => ({ id, pageUrl, field, target, value });

describe('renderSnippet: applying fixes', () => {
  it('sets title, meta description, robots, canonical, Open Graph, image alts and JSON-LD', () => {
    const script = renderSnippet([
      fix('1', 'title', 'Trail shoes | Example'),
      fix('2', 'metaDescription', 'Grippy trail shoes.'),
      fix('3', 'robots', 'noindex, follow'),
      fix('4', 'canonical', 'https://www.example.com/shoes/trail'),
      fix('5', 'ogTitle', 'Trail shoes'),
      fix('6', 'ogDescription', 'Grip for wet rock.'),
      fix('7', 'imageAlt', 'Hero shoe on rock', 'https://cdn.example.com/img/hero.jpg'),
      fix('8', 'imageAlt', 'Side view', '/img/side.jpg'),
      fix('9', 'imageAlt', 'Thumbnail', 'img.thumb'),
      fix('10', 'jsonLd', '{"@context":"https://schema.org","@type":"Product","name":"Trail shoe"}', 'product'),
    ]);
    const { doc, alerts } = runSnippet(script, 'https://example.com/shoes/trail#reviews', pageDoc());
    expect(doc.title).toBe('Trail shoes | Example');
    expect(doc.find('meta', 'name', 'description').map((e) => e.getAttribute('content'))).toEqual(['Grippy trail shoes.']);
    expect(doc.find('meta', 'name', 'robots').map((e) => e.getAttribute('content'))).toEqual(['noindex, follow']);
    expect(doc.find('link', 'rel', 'canonical').map((e) => e.getAttribute('href'))).toEqual(['https://www.example.com/shoes/trail']);
    expect(doc.find('meta', 'property', 'og:title')[0]?.getAttribute('content')).toBe('Trail shoes');
    expect(doc.find('meta', 'property', 'og:description')[0]?.getAttribute('content')).toBe('Grip for wet rock.');
    expect(doc.getElementsByTagName('img').map((i) => i.getAttribute('alt'))).toEqual(['Hero shoe on rock', 'Side view', 'Thumbnail']);
    const ld = doc.find('script', 'type', 'application/ld+json');
    expect(ld).toHaveLength(1);
    expect(JSON.parse(ld[0]?.text ?? '')).toEqual({ '@context': 'https://schema.org', '@type': 'Product', name: 'Trail shoe' });
    expect(alerts).toEqual([]);
  });

  it('applies on every load without duplicating tags', () => {
    const script = renderSnippet([fix('1', 'metaDescription', 'D'), fix('2', 'jsonLd', '{"a":1}')]);
    const { doc, windowListeners } = runSnippet(script, PAGE, pageDoc());
    for (const fn of windowListeners['load'] ?? []) fn();
    expect(doc.find('meta', 'name', 'description')).toHaveLength(1);
    expect(doc.find('script', 'type', 'application/ld+json')).toHaveLength(1);
  });
});

describe('renderSnippet: URL matching', () => {
  const script = renderSnippet([
    fix('1', 'title', 'About us', undefined, 'https://example.com/about/'),
    fix('2', 'title', 'Red shoes', undefined, 'https://example.com/shoes?color=red'),
    fix('3', 'metaDescription', 'All shoes', undefined, 'https://example.com/shoes'),
    fix('4', 'title', 'Café', undefined, 'https://example.com/caf%c3%a9'),
  ]);
  const titleAt = (url: string) => {
    const doc = new FakeDocument();
    doc.title = 'unchanged';
    return runSnippet(script, url, doc).doc.title;
  };

  it('ignores scheme, www, the fragment and a trailing slash', () => {
    expect(titleAt('https://example.com/about')).toBe('About us');
    expect(titleAt('http://www.example.com/about/#team')).toBe('About us');
    expect(titleAt('https://EXAMPLE.com/about//')).toBe('About us');
  });

  it('does not apply to other paths or hosts', () => {
    expect(titleAt('https://example.com/about-us')).toBe('unchanged');
    expect(titleAt('https://example.com/about/team')).toBe('unchanged');
    expect(titleAt('https://example.org/about')).toBe('unchanged');
  });

  it('keeps query-specific fixes to their query and path fixes for any query', () => {
    expect(titleAt('https://example.com/shoes?color=red')).toBe('Red shoes');
    expect(titleAt('https://example.com/shoes?color=blue')).toBe('unchanged');
    const doc = runSnippet(script, 'https://example.com/shoes?color=blue', new FakeDocument()).doc;
    expect(doc.find('meta', 'name', 'description')[0]?.getAttribute('content')).toBe('All shoes');
  });

  it('matches percent-encoded paths regardless of escape case', () => {
    expect(titleAt('https://example.com/caf%C3%A9/')).toBe('Café');
    expect(snippetPageKey('https://www.example.com/caf%c3%a9/?q=1#x')).toBe('example.com/caf%C3%A9?q=1');
  });
});

describe('renderSnippet: hostile values', () => {
  const HOSTILE = '</script><script>alert(1)</script>';
  const SEPARATORS = 'line\u2028para\u2029end';

  it('embeds values so that the script cannot be broken out of, and applies them literally', () => {
    const script = renderSnippet([
      fix('1', 'title', HOSTILE),
      fix('2', 'metaDescription', `${SEPARATORS} <!-- --> $& $' $\``),
      fix('3', 'imageAlt', '"><img src=x onerror=alert(1)>', 'img.hero'),
      fix('4', 'imageAlt', 'x', 'img"]),alert(1),(["'),
      fix('5', 'jsonLd', JSON.stringify({ '@type': 'Thing', name: HOSTILE })),
      fix('6', 'title', 'elsewhere', undefined, `https://example.com/${encodeURIComponent(HOSTILE)}`),
    ]);
    expect(script.toLowerCase()).not.toContain('</script');
    expect(script).not.toContain('<!--');
    expect(script).not.toMatch(/[\u2028\u2029]/);
    // Inline in a page, the HTML parser must see exactly one script element running to the end.
    const inline = `<html><head><script>${script}</script></head></html>`;
    expect(inline.toLowerCase().split('</script').length).toBe(2);

    const { doc, alerts } = runSnippet(script, PAGE, pageDoc());
    expect(alerts).toEqual([]);
    expect(doc.title).toBe(HOSTILE);
    expect(doc.find('meta', 'name', 'description')[0]?.getAttribute('content')).toBe(`${SEPARATORS} <!-- --> $& $' $\``);
    expect(doc.querySelectorAll('img.hero')[0]?.getAttribute('alt')).toBe('"><img src=x onerror=alert(1)>');
    expect((JSON.parse(doc.find('script', 'type', 'application/ld+json')[0]?.text ?? '') as { name: string }).name).toBe(HOSTILE);
  });

  it('still applies the other fixes when a selector is invalid', () => {
    const script = renderSnippet([fix('1', 'imageAlt', 'x', '::not-a-selector(('), fix('2', 'title', 'Fine')]);
    expect(runSnippet(script, PAGE, pageDoc()).doc.title).toBe('Fine');
  });
});

describe('buildSnippet', () => {
  it('keeps the runtime small', () => {
    expect(Buffer.byteLength(SNIPPET_RUNTIME)).toBeLessThan(4096);
    expect(Buffer.byteLength(renderSnippet([]))).toBeLessThan(4096);
  });

  it('skips what the snippet cannot do, and says why', () => {
    const built = buildSnippet([
      fix('a', 'h1', 'x'),
      fix('b', 'redirect', '/new', '/old'),
      fix('c', 'jsonLd', '{not json'),
      fix('d', 'imageAlt', 'alt without target'),
      fix('e', 'title', 'x', undefined, 'javascript:alert(1)'),
      fix('f', 'title', 'ok'),
    ]);
    expect(built.included).toEqual(['f']);
    expect(built.skipped.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(built.skipped[2]?.reason).toMatch(/not valid JSON/);
  });

  it('lets the later of two fixes for the same slot win', () => {
    const built = buildSnippet([fix('old', 'title', 'Old'), fix('new', 'title', 'New')]);
    expect(built.included).toEqual(['new']);
    expect(runSnippet(built.script, PAGE).doc.title).toBe('New');
  });
});

describe('snippet ETag', () => {
  const fixes = [fix('1', 'title', 'A'), fix('2', 'metaDescription', 'B', undefined, 'https://example.com/x'), fix('3', 'imageAlt', 'C', '/i.png')];

  it('is strong, stable across input order, and changes with the content', () => {
    const a = buildSnippet(fixes);
    const b = buildSnippet([...fixes].reverse());
    expect(a.script).toBe(b.script);
    expect(a.etag).toBe(b.etag);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(a.etag).toBe(snippetEtag(a.script));
    expect(buildSnippet([...fixes.slice(0, 2), fix('3', 'imageAlt', 'D', '/i.png')]).etag).not.toBe(a.etag);
  });

  it('evaluates If-None-Match', () => {
    const { etag } = buildSnippet(fixes);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"other", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
