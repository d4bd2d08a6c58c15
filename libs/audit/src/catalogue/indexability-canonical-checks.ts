import type { CheckDefinition } from '../model';

export const INDEXABILITY_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'noindex-meta',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Page is noindex (robots meta tag)',
    explanation:
      'A robots meta tag tells search engines not to index this page, so it can never appear in search results. This is correct for private or utility pages and a costly mistake anywhere else (a leftover from staging is the classic cause). Pages a platform noindexes on purpose are not reported: sign-in and password-reset pages, comment-reply URLs (replytocom), cart, checkout and account pages, and internal search results.',
    howToFix:
      'If the page should rank, remove "noindex" from the robots meta tag (and from any CMS setting that writes it). If it should stay out of the index, also remove it from the sitemap and reduce internal links to it.',
    fixKind: 'robots-meta',
  },
  {
    id: 'noindex-header',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Page is noindex (X-Robots-Tag header)',
    explanation:
      'The X-Robots-Tag response header contains noindex. The directive is invisible in the HTML, which makes it easy to set by accident in a server or CDN rule, and it keeps the page out of search results. Pages a platform noindexes on purpose (sign-in, password reset, comment replies, cart, checkout, account, internal search) are not reported.',
    howToFix:
      'Remove noindex from the X-Robots-Tag header for URLs that should be indexed; check server, framework middleware and CDN configuration for the rule that adds it.',
  },
  {
    id: 'nofollow-meta',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Page is nofollow (robots meta tag)',
    explanation:
      'A robots meta nofollow tells search engines not to follow any link on the page, so the pages it links to get no discovery or ranking value from it.',
    howToFix:
      'Remove "nofollow" from the page-level robots meta tag. To discourage following a single link, put rel="nofollow" on that link instead.',
    fixKind: 'robots-meta',
  },
  {
    id: 'nofollow-header',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Page is nofollow (X-Robots-Tag header)',
    explanation:
      'The X-Robots-Tag header tells search engines not to follow the links on this page, cutting the pages it links to off from its link equity.',
    howToFix: 'Remove nofollow from the X-Robots-Tag header rule that applies to this URL.',
  },
  {
    id: 'robots-meta-conflict',
    category: 'indexability',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'Several robots meta tags',
    explanation:
      'The page has more than one generic robots meta tag. Search engines combine them and apply the most restrictive directive, which is rarely what the authors of the individual tags intended.',
    howToFix: 'Keep a single <meta name="robots"> tag that states the intended directives and remove the others (often injected by a theme and a plugin at the same time).',
    fixKind: 'robots-meta',
  },
  {
    id: 'robots-meta-in-body',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Robots meta tag outside <head>',
    explanation:
      'The robots meta tag sits in the document body. Search engines only honour it in <head>, so the directive may be ignored, or honoured by one engine and not another.',
    howToFix: 'Move the robots meta tag into <head>, before any element that is not allowed there.',
    fixKind: 'robots-meta',
  },
  {
    id: 'head-broken-early',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Invalid element closes <head> early',
    explanation:
      'An element that is not allowed in <head> (an image, iframe, div, ...) appears inside it. Parsers end the head at that point, so canonical, hreflang and robots tags that follow it are treated as body content and ignored by search engines.',
    howToFix:
      'Move the offending element (see the selector) into <body>, or place all SEO-relevant tags (title, meta, canonical, hreflang) before it. Tag managers injecting pixels into <head> are a common cause.',
  },
  {
    id: 'robots-blocked-linked',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'site',
    title: 'Internal link to a URL blocked by robots.txt',
    explanation:
      'A page links to an internal URL that robots.txt disallows. Search engines cannot crawl the target, yet may still index it without content from the link alone, and the link wastes equity.',
    howToFix:
      'Either allow the URL in robots.txt (if it should be indexed) or stop linking to it from crawlable pages. Use noindex rather than robots.txt to keep a page out of the index.',
  },
  {
    id: 'sitemap-noindex',
    category: 'indexability',
    severity: 'HIGH',
    weight: 6,
    scope: 'site',
    title: 'Noindex page listed in the sitemap',
    explanation:
      'The sitemap asks search engines to index the URL while the page itself says noindex. Contradicting signals waste crawl budget and make search engines trust the sitemap less.',
    howToFix: 'Remove noindex pages from the sitemap, or remove the noindex if the page should be indexed.',
  },
  {
    id: 'sitemap-non-200',
    category: 'indexability',
    severity: 'HIGH',
    weight: 6,
    scope: 'site',
    title: 'Sitemap URL does not return 200',
    explanation:
      'A URL in the sitemap redirects, errors or could not be fetched. Sitemaps should list only final, indexable URLs; stale entries waste crawl budget and reduce trust in the sitemap.',
    howToFix: 'Replace redirecting entries with their final URLs and remove entries that return errors; regenerate the sitemap from the live set of indexable pages.',
  },
  {
    id: 'sitemap-canonicalised',
    category: 'indexability',
    severity: 'LOW',
    weight: 3,
    scope: 'site',
    title: 'Sitemap URL is canonicalised elsewhere',
    explanation:
      'The sitemap lists a URL whose canonical tag points to a different URL. Search engines will index the canonical instead, so the sitemap entry is a mixed signal.',
    howToFix: 'List the canonical URL in the sitemap instead, or fix the canonical tag if this URL is the preferred version.',
  },
  {
    id: 'sitemap-robots-blocked',
    category: 'indexability',
    severity: 'HIGH',
    weight: 6,
    scope: 'site',
    title: 'Sitemap URL blocked by robots.txt',
    explanation:
      'The sitemap submits a URL that robots.txt forbids search engines to crawl. The page cannot be crawled, so its content cannot rank.',
    howToFix: 'Remove the disallow rule that matches the URL, or remove the URL from the sitemap if it should not be crawled.',
  },
  {
    id: 'robots-txt-missing',
    category: 'indexability',
    severity: 'LOW',
    weight: 2,
    scope: 'site',
    affects: 'site',
    title: 'robots.txt is missing',
    explanation:
      'The site has no robots.txt (the request returned 4xx). Crawling is allowed by default, but the file is the standard place to declare sitemaps and keep crawlers out of infinite URL spaces such as faceted search.',
    howToFix: 'Publish /robots.txt with at least a Sitemap: line pointing at the XML sitemap, and disallow only URL spaces that should not be crawled.',
  },
  {
    id: 'robots-txt-error',
    category: 'indexability',
    severity: 'HIGH',
    weight: 7,
    scope: 'site',
    affects: 'site',
    title: 'robots.txt returns a server error',
    explanation:
      'Requesting robots.txt produced a 5xx error or failed. Google treats an unreachable robots.txt as "disallow everything" and stops crawling the site until it can read the file again.',
    howToFix: 'Make /robots.txt return 200 (or 404 if you have none) reliably; check that the web server, CDN or firewall does not fail or block that path.',
  },
  {
    id: 'search-page-indexable',
    category: 'indexability',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Internal search result page open to indexing',
    explanation:
      'An internal search result page (/?s=, /search?q=, /search/term) can be indexed. Search results are endless near-duplicates of the real pages; Google asks sites to keep them out of its index, and they waste crawl budget.',
    howToFix: 'Add <meta name="robots" content="noindex, follow"> to search result pages, or disallow the search path in robots.txt.',
    fixKind: 'robots-meta',
  },
  {
    id: 'robots-txt-invalid-line',
    category: 'indexability',
    severity: 'LOW',
    weight: 3,
    scope: 'site',
    affects: 'site',
    title: 'Invalid line in robots.txt',
    explanation:
      'A line of robots.txt is not something crawlers apply: a misspelt field ("Dissallow"), a line without "field: value", a rule before any User-agent line, a path that does not start with "/", a retired field such as "Noindex", or a relative Sitemap URL (the protocol requires an absolute one, so that sitemap is never read). Whatever the line was meant to do does not happen.',
    howToFix: 'Correct or remove the line named in the finding; write Sitemap URLs in full (https://example.com/sitemap.xml) and put every Allow/Disallow under a User-agent line.',
  },
  {
    id: 'robots-txt-blocks-site',
    category: 'indexability',
    severity: 'CRITICAL',
    weight: 10,
    scope: 'site',
    affects: 'site',
    title: 'robots.txt blocks the whole site',
    explanation:
      'robots.txt disallows the home page for all search engine crawlers (typically "Disallow: /" under "User-agent: *"). Nothing on the site can be crawled, and pages drop out of search results over time.',
    howToFix: 'Remove the blanket "Disallow: /" rule (commonly left over from a staging environment) and keep only targeted disallow rules.',
  },
  {
    id: 'sitemap-missing',
    category: 'indexability',
    severity: 'LOW',
    weight: 3,
    scope: 'site',
    affects: 'site',
    title: 'No XML sitemap found',
    explanation:
      'No sitemap URLs were found: neither in the sitemaps robots.txt names nor at /sitemap.xml, /sitemap_index.xml or /wp-sitemap.xml (tried whenever robots.txt names no sitemap that can be fetched). Sitemaps help search engines discover new and deep pages quickly and report their last modification date.',
    howToFix: 'Generate an XML sitemap of all indexable, canonical URLs, reference it from robots.txt with a Sitemap: line and submit it in the search engines\' webmaster tools.',
  },
];

export const CANONICAL_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'canonical-missing',
    category: 'canonical',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'Canonical tag missing',
    explanation:
      'The indexable page declares no canonical URL. Search engines then guess which of the URL variants (parameters, trailing slash, http/https) is the original, which can split ranking signals between duplicates.',
    howToFix: 'Add <link rel="canonical" href="..."> in <head> with the absolute, preferred URL of the page (usually the page itself).',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-multiple',
    category: 'canonical',
    severity: 'HIGH',
    weight: 6,
    scope: 'page',
    title: 'Several canonical URLs declared',
    explanation:
      'The page declares more than one distinct canonical URL (tags and/or Link header). Search engines ignore all of them when they disagree, so the page loses its canonical signal.',
    howToFix: 'Keep exactly one canonical declaration; remove the duplicates that plugins or templates add.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-relative',
    category: 'canonical',
    severity: 'LOW',
    weight: 2,
    scope: 'page',
    title: 'Canonical URL is relative',
    explanation:
      'The canonical href is a relative URL. It is resolved against the current URL, so when the page is reachable under several hosts or protocols each variant may canonicalise to itself, defeating the purpose.',
    howToFix: 'Use an absolute URL including protocol and host in the canonical tag.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-invalid',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Canonical URL is empty or invalid',
    explanation:
      'The canonical tag has an empty href or one that is not a valid http(s) URL. Search engines ignore it, so the page has no usable canonical signal.',
    howToFix: 'Set the canonical href to the absolute URL of the preferred page.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-in-body',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Canonical tag outside <head>',
    explanation:
      'The canonical link element is in the body. Search engines ignore canonical declarations outside <head>, so the page effectively has no canonical.',
    howToFix: 'Move the canonical link into <head>, ahead of any element that would end the head early.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-cross-domain',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Canonical points to another domain',
    explanation:
      'The canonical URL is on a different host. That hands this page\'s ranking to the other domain; it is legitimate for syndicated content but otherwise usually a template or migration mistake.',
    howToFix: 'If the content is original here, point the canonical at this site\'s own URL.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-header-mismatch',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'HTTP Link canonical differs from the HTML canonical',
    explanation:
      'The Link: <...>; rel="canonical" response header and the <link rel="canonical"> tag name different URLs. With conflicting canonicals, search engines ignore both.',
    howToFix: 'Make the header and the tag agree, or remove one of them.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-on-noindex',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Canonical declared on a noindex page',
    explanation:
      'The page is noindex and also declares a canonical URL. The two signals contradict each other (one says "index that URL instead", the other "drop this one"), and search engines may carry the noindex over to the canonical target.',
    howToFix: 'Use one signal: remove noindex if the canonical should consolidate the duplicate, or remove the canonical if the page should simply stay out of the index.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-to-redirect',
    category: 'canonical',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'site',
    title: 'Canonical points to a redirect',
    explanation:
      'The canonical target answers with a redirect. Search engines may not follow the hop and treat the canonical as invalid, which leaves the duplicate unconsolidated.',
    howToFix: 'Point the canonical directly at the final URL the redirect leads to.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-to-error',
    category: 'canonical',
    severity: 'HIGH',
    weight: 7,
    scope: 'site',
    title: 'Canonical points to an error page',
    explanation:
      'The canonical target returns a 4xx/5xx status or cannot be fetched. Search engines ignore the canonical, and if they honoured it the page would be replaced by an error.',
    howToFix: 'Point the canonical at a live (200) URL, normally the page itself.',
    fixKind: 'canonical',
  },
  {
    id: 'canonical-to-noindex',
    category: 'canonical',
    severity: 'HIGH',
    weight: 6,
    scope: 'site',
    title: 'Canonical points to a noindex page',
    explanation:
      'The canonical target is itself noindex. The page asks search engines to index a URL that refuses indexing, so neither URL may end up in the index.',
    howToFix: 'Point the canonical at an indexable URL, or remove the noindex from the target.',
    fixKind: 'canonical',
  },
];
