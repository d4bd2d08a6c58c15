import { lintRobotsTxt } from './robots-lint';

describe('lintRobotsTxt', () => {
  it('names every line crawlers cannot apply, with the reason', () => {
    const body = ['Disallow: /tmp/', 'User-agent: *', 'Dissallow: /admin/', 'Noindex: /drafts/', 'Disallow: private', 'Crawl-delay: soon', 'just some words', 'Sitemap: /sitemap.xml', 'Sitemap: https://example.com/sitemap.xml'].join('\n');
    expect(lintRobotsTxt(body).map((p) => [p.line, p.problem])).toEqual([
      [1, 'The rule comes before any User-agent line, so it applies to no crawler.'],
      [3, '"Dissallow" is not a robots.txt field (did you mean "Disallow"?); crawlers ignore the line.'],
      [4, 'Google stopped reading "Noindex" in robots.txt in 2019; use a robots meta tag or X-Robots-Tag header.'],
      [5, 'The path "private" does not start with "/" and matches no URL.'],
      [6, 'Crawl-delay expects a number of seconds, not "soon".'],
      [7, 'The line is not a "field: value" pair and is ignored.'],
      [8, 'The Sitemap URL must be absolute (https://host/path); "/sitemap.xml" is ignored.'],
    ]);
  });

  it('accepts comments, a byte-order mark, CRLF, empty Disallow, wildcards and documented extensions', () => {
    const body = '\uFEFF# comment\r\nUser-agent: *\r\nDisallow: # nothing\r\nDisallow: *.pdf$\r\nAllow: /\r\nCrawl-delay: 1.5\r\nContent-Signal: search=yes\r\nHost: example.com\r\nClean-param: ref /shop/\r\n\r\nSitemap: http://example.com/s.xml\r\n';
    expect(lintRobotsTxt(body)).toEqual([]);
  });
});
