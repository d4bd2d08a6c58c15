import { isRetryableStatus } from '../http/retry';
import { findImgTags, imgAlt, withAlt } from './html-img';
import { normalizePageUrl, samePage, toSitePath } from './url';

describe('retryable answers', () => {
  it('retries 429 and transient 5xx only', () => {
    expect([429, 500, 502, 503, 504, 501, 505, 400, 404].map(isRetryableStatus)).toEqual([true, true, true, true, true, false, false, false, false]);
  });
});

describe('URL helpers', () => {
  it('normalises what does not change the page', () => {
    expect(normalizePageUrl('HTTPS://Example.COM:443/a/b/#x')).toBe('https://example.com/a/b');
    expect(normalizePageUrl('http://example.com')).toBe('http://example.com/');
    expect(normalizePageUrl('http://example.com/a?b=1')).toBe('http://example.com/a?b=1');
    expect(normalizePageUrl('mailto:x@example.com')).toBeNull();
    expect(samePage('http://example.com/a/', 'https://example.com/a')).toBe(true);
    expect(samePage('https://example.com/a?x=1', 'https://example.com/a')).toBe(false);
  });

  it('turns redirect sources into site paths and refuses other hosts', () => {
    expect(toSitePath('old', 'example.com')).toBe('/old');
    expect(toSitePath('https://www.example.com/old?x=1', 'example.com')).toBe('/old?x=1');
    expect(toSitePath('https://evil.example/old', 'example.com')).toBeNull();
    expect(toSitePath('//evil.example/old', 'example.com')).toBeNull();
  });
});

describe('img alt editing', () => {
  it('replaces, inserts and removes the alt of one tag only', () => {
    const html = `<p><img src="a.png" alt='x &amp; y' /><img class="wp-image-3" src=b.png></p>`;
    const [a, b] = findImgTags(html);
    expect([imgAlt(a), imgAlt(b)]).toEqual(['x & y', null]);
    expect(withAlt(a, 'new "one"')).toBe(`<img src="a.png" alt="new &quot;one&quot;" />`);
    expect(withAlt(a, null)).toBe(`<img src="a.png" />`);
    expect(withAlt(b, '')).toBe(`<img alt="" class="wp-image-3" src=b.png>`);
  });

  it('is not fooled by ">" inside attribute values', () => {
    const tags = findImgTags(`<img data-x="a>b" alt="ok"><img alt='c>d'>`);
    expect(tags.map(imgAlt)).toEqual(['ok', 'c>d']);
  });
});
