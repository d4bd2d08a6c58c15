import { parseRetryAfter as netParseRetryAfter } from '@seology/net';
import { charsetFromContentType, compilePattern, createNormalizer, CrawlScope, decodeHtml, isHtmlResponse, normalizeCrawlUrl, parseRetryAfter, parseSitemap, productToken, registrableDomain } from './index';

describe('URL normalisation', () => {
  it.each([
    ['HTTP://Example.COM:80/a/./b/../c?', 'http://example.com/a/c'],
    ['https://example.com:443/#top', 'https://example.com/'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://example.com/p?b=2&a=1&utm_source=news&utm_medium=mail', 'https://example.com/p?a=1&b=2'],
    ['https://example.com/p?gclid=abc&fbclid=x', 'https://example.com/p'],
    ['https://example.com/p?q=a%20b&a=1#frag', 'https://example.com/p?a=1&q=a%20b'],
    ['https://example.com/p?x=2&a=1&x=1', 'https://example.com/p?a=1&x=2&x=1'],
    ['https://example.com./path', 'https://example.com/path'],
    ['https://example.com/%7Euser', 'https://example.com/%7Euser'],
    ['mailto:someone@example.com', null],
    ['javascript:void(0)', null],
    ['https://user:pw@example.com/', null],
    ['not a url', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCrawlUrl(input)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(normalizeCrawlUrl('../b?utm_campaign=x#f', 'https://example.com/a/c/d')).toBe('https://example.com/a/b');
  });

  it('can keep query order and tracking parameters, and drop extra ones', () => {
    const keep = createNormalizer({ sortQuery: false, stripTracking: false });
    expect(keep('https://e.com/?b=1&utm_source=x&a=2')).toBe('https://e.com/?b=1&utm_source=x&a=2');
    const extra = createNormalizer({ dropParams: ['sessionid'] });
    expect(extra('https://e.com/?SessionId=9&b=1')).toBe('https://e.com/?b=1');
  });
});

describe('scope', () => {
  it('treats www and apex as one site by default, other hosts and ports not', () => {
    const s = new CrawlScope('https://example.com/');
    expect(s.isSameSite('https://www.example.com/x')).toBe(true);
    expect(s.isSameSite('http://example.com/x')).toBe(true);
    expect(s.isSameSite('https://blog.example.com/')).toBe(false);
    expect(s.isSameSite('https://example.com:8080/')).toBe(false);
    expect(s.isSameSite('https://example.org/')).toBe(false);
  });

  it("'host' mode is exact and 'domain' mode spans sub-domains", () => {
    expect(new CrawlScope('https://www.example.com/', { mode: 'host' }).isSameSite('https://example.com/')).toBe(false);
    const d = new CrawlScope('https://www.example.co.uk/', { mode: 'domain' });
    expect(d.isSameSite('https://shop.example.co.uk/')).toBe(true);
    expect(d.isSameSite('https://other.co.uk/')).toBe(false);
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
    expect(registrableDomain('www.example.com.au')).toBe('example.com.au');
  });

  it('applies include and exclude globs and regexes', () => {
    const s = new CrawlScope('https://example.com/', { include: ['/blog/**', '/docs/*'], exclude: ['/blog/drafts/', /\?page=\d{2,}/] });
    expect(s.admits('https://example.com/blog/2024/post')).toBe(true);
    expect(s.admits('https://example.com/docs/intro')).toBe(true);
    expect(s.admits('https://example.com/docs/intro/deeper')).toBe(true); // prefix match
    expect(s.admits('https://example.com/blog/drafts/x')).toBe(false);
    expect(s.admits('https://example.com/blog/?page=12')).toBe(false);
    expect(s.admits('https://example.com/blog/?page=2')).toBe(true);
    expect(s.admits('https://example.com/shop/')).toBe(false);
    expect(s.admits('https://other.com/blog/x')).toBe(false);
  });

  it('compiles string patterns: globs, /regex/ and re:', () => {
    const pq = (u: string) => new URL(u).pathname + new URL(u).search;
    const t = (p: string, u: string) => compilePattern(p)(u, pq(u));
    expect(t('/a/*/c', 'https://e.com/a/b/c')).toBe(true);
    expect(t('/a/*/c', 'https://e.com/a/b/x/c')).toBe(false);
    expect(t('/a/**/c', 'https://e.com/a/b/x/c')).toBe(true);
    expect(t('https://e.com/a', 'https://e.com/a/b')).toBe(true);
    expect(t('/\\.pdf$/i', 'https://e.com/x.PDF')).toBe(true);
    expect(t('re:^https://e\\.com/only$', 'https://e.com/only')).toBe(true);
    expect(t('re:^https://e\\.com/only$', 'https://e.com/only/not')).toBe(false);
    expect(t('/blog/', 'https://e.com/blog/post')).toBe(true);
  });
});

describe('sitemap parsing', () => {
  it('reads urlset, sitemapindex, namespaces and entities', () => {
    const s = parseSitemap(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://e.com/a?x=1&amp;y=2 </loc><lastmod>2024-01-01</lastmod></url>
      <url><loc>https://e.com/b</loc></url></urlset>`);
    expect(s.pages).toEqual(['https://e.com/a?x=1&y=2', 'https://e.com/b']);
    const idx = parseSitemap(`<sm:sitemapindex xmlns:sm="x"><sm:sitemap><sm:loc>https://e.com/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>`);
    expect(idx).toEqual({ pages: [], sitemaps: ['https://e.com/s1.xml'] });
  });

  it('accepts plain-text sitemaps and survives garbage', () => {
    expect(parseSitemap('https://e.com/1\nnot a url\r\nhttps://e.com/2\n').pages).toEqual(['https://e.com/1', 'https://e.com/2']);
    expect(parseSitemap('<urlset><url><loc>https://e.com/x</loc><url><loc>').pages).toEqual(['https://e.com/x']);
  });
});

describe('Retry-After', () => {
  it('is the one reading of the header in @seology/net (its tests live there)', () => {
    expect(parseRetryAfter).toBe(netParseRetryAfter);
  });
});

describe('charset decoding', () => {
  const latin1 = Buffer.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x3c, 0x2f, 0x70, 0x3e]); // <p>café €</p> in windows-1252

  it('uses the header charset, mapping latin1 to windows-1252 as browsers do', () => {
    expect(decodeHtml(latin1, 'text/html; charset=ISO-8859-1')).toEqual({ text: '<p>café €</p>', charset: 'windows-1252' });
  });

  it('falls back to <meta charset> and then UTF-8', () => {
    const withMeta = Buffer.concat([Buffer.from('<meta charset="windows-1252">'), latin1]);
    expect(decodeHtml(withMeta, 'text/html').text).toContain('café €');
    const httpEquiv = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=latin1">'), latin1]);
    expect(decodeHtml(httpEquiv, null).text).toContain('café');
    expect(decodeHtml(Buffer.from('<p>naïve ✓</p>'), 'text/html').text).toBe('<p>naïve ✓</p>');
    expect(decodeHtml(Buffer.from('\ufeff<p>bom</p>'), 'text/html; charset=windows-1252').text).toBe('<p>bom</p>');
    expect(decodeHtml(Buffer.from('<p>x</p>'), 'text/html; charset=no-such-charset').charset).toBe('utf-8');
  });

  it('recognises HTML content types and sniffs when there is none', () => {
    expect(charsetFromContentType('text/html; charset="utf-8"')).toBe('utf-8');
    expect(isHtmlResponse('application/xhtml+xml')).toBe(true);
    expect(isHtmlResponse('application/pdf')).toBe(false);
    expect(isHtmlResponse(null, Buffer.from('  <!DOCTYPE html><html>'))).toBe(true);
    expect(isHtmlResponse(null, Buffer.from('%PDF-1.7'))).toBe(false);
  });
});

it('takes the robots product token from the user agent', () => {
  expect(productToken('SeologyBot/1.0 (+https://seology.ai/bot)')).toBe('SeologyBot');
});
