import { decodeHtmlEntities, editPage, parsePage, readPageSeo } from '../index';

/** A page as WordPress's classic themes print it: masthead with menu, entry, comments with a form, sidebar, footer. */
const CLASSIC = `<!doctype html><html lang="en"><head><title>Sourdough basics &ndash; The Corner Bakery</title>
<meta property="og:site_name" content="The Corner Bakery"></head><body>
<a class="skip-link screen-reader-text" href="#main">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title">The Corner Bakery</p>
<nav id="site-navigation" class="main-navigation"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about/">About</a></li><li><a href="/contact/">Contact us today</a></li></ul></nav></header>
<main id="main" class="site-main"><article><header class="entry-header"><h1 class="entry-title">Sourdough basics</h1></header>
<div class="entry-content"><p>Sourdough needs a starter, flour and time.</p><h2>Feeding</h2><p>Feed it daily &amp; keep it warm.</p></div>
<footer class="entry-footer"><span class="posted-on"><time datetime="2026-03-01T08:00:00+00:00">March 1</time></span> Posted in Bread</footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">One reply</h2>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form id="commentform"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p></form></div></div></main>
<aside id="secondary" class="widget-area"><h2>Recent posts</h2><p>Rye week</p></aside>
<div class="cookie-notice" role="dialog"><p>We use cookies.</p></div>
<footer id="colophon" class="site-footer"><p>Proudly powered by WordPress</p></footer></body></html>`;

describe('page reader (the audit parser, for proposals and verification)', () => {
  it('reads head tags and ignores commented-out markup and script bodies', () => {
    const html = `<!doctype html><html><head>
      <title>A &amp; B</title>
      <!-- <meta name="description" content="commented"> -->
      <meta name="Description" content="Real">
      <meta property="og:title" content="OG &lsaquo; Site">
      <link rel="alternate canonical" href="/canon">
      <script>var s = '<meta name="robots" content="noindex">';</script>
      <script type="application/ld+json">{"@type":"Thing"}</script>
    </head><body><h1> Hello <b>world</b> </h1><img src="/i.png"><img src="/j.png" alt=""></body></html>`;
    expect(readPageSeo(html, 'https://example.com/page')).toMatchObject({
      title: 'A & B',
      metaDescription: 'Real',
      robots: null,
      canonical: 'https://example.com/canon',
      ogTitle: 'OG ‹ Site',
      h1: ['Hello world'],
      jsonLd: ['{"@type":"Thing"}'],
      images: [
        { src: 'https://example.com/i.png', alt: null },
        { src: 'https://example.com/j.png', alt: '' },
      ],
    });
  });

  it('keeps only the content: no menu, masthead, comments, form, sidebar, cookie banner or footer', () => {
    const facts = parsePage(CLASSIC);
    const content = facts.contentText.replace(/\s+/g, ' ').trim();
    expect(content).toBe('Sourdough basics Sourdough needs a starter, flour and time. Feeding Feed it daily & keep it warm.');
    expect(facts.paragraphs.filter((p) => p.inContent).map((p) => p.text)).toEqual(['Sourdough needs a starter, flour and time.', 'Feed it daily & keep it warm.']);
    expect(facts.headings.map((h) => [h.text, h.inContent])).toEqual([['Sourdough basics', true], ['Feeding', true], ['One reply', false], ['Leave a Reply', false], ['Recent posts', false]]);
    for (const chrome of ['Contact us today', 'Your email address will not be published', 'We use cookies', 'Proudly powered', 'Rye week', 'Skip to content', 'Posted in']) {
      expect(content).not.toContain(chrome);
      expect(facts.chromeText).toContain(chrome);
    }
    expect(facts.times).toEqual(['2026-03-01T08:00:00+00:00']);
  });

  it('without <main>, everything outside chrome is content', () => {
    const facts = parsePage('<body><nav>Home Shop</nav><div><p>Real text here.</p></div><footer>Legal</footer></body>');
    expect(facts.contentText.trim()).toBe('Real text here.');
    expect(facts.paragraphs[0]).toEqual({ text: 'Real text here.', inContent: true });
  });

  it('decodes every reference, named or numeric, and keeps "<" as text', () => {
    expect(decodeHtmlEntities('Log In &lsaquo; Bakery &amp; Co &#8211; a &lt; b < c &rsquo;&#x2014;')).toBe('Log In ‹ Bakery & Co – a < b < c ’—');
  });

  it('edits one element of a copy of the page and adds missing head tags', () => {
    const html = '<html><head><title>Old</title><meta name="description" content="old"></head><body><h1>A</h1><img src="/a.png"></body></html>';
    expect(readPageSeo(editPage(html, { kind: 'title', value: 'New & better' })).title).toBe('New & better');
    expect(readPageSeo(editPage(html, { kind: 'meta', key: 'description', value: 'Fresh "bread"' })).metaDescription).toBe('Fresh "bread"');
    expect(readPageSeo(editPage(html, { kind: 'meta', key: 'og:title', value: 'OG' })).ogTitle).toBe('OG');
    expect(readPageSeo(editPage(html, { kind: 'canonical', href: 'https://x.test/' })).canonical).toBe('https://x.test/');
    expect(readPageSeo(editPage(html, { kind: 'h1', value: 'B' })).h1).toEqual(['B']);
    expect(readPageSeo(editPage(html, { kind: 'imageAlt', src: 'https://x.test/a.png', alt: 'A loaf', baseUrl: 'https://x.test/' })).images[0]!.alt).toBe('A loaf');
    expect(readPageSeo(editPage(html, { kind: 'jsonLd', json: '{"@type":"Thing"}' })).jsonLd).toEqual(['{"@type":"Thing"}']);
  });
});
