import type { CheckDefinition } from '../model';

export const RESPONSE_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'http-4xx',
    category: 'response',
    severity: 'HIGH',
    weight: 8,
    scope: 'page',
    title: 'Page returns a 4xx client error',
    explanation:
      'The URL answered with a 4xx status (404 Not Found, 410 Gone, 403 Forbidden, ...). Search engines drop such URLs from the index, any links pointing at them pass no value, and visitors who follow a link land on an error page.',
    howToFix:
      'If the content moved, redirect the URL (301) to its new location. If it is gone for good, return 404/410 and remove every internal link and sitemap entry that points at it. If the page should exist, fix the route or the permissions that make it fail.',
  },
  {
    id: 'http-5xx',
    category: 'response',
    severity: 'CRITICAL',
    weight: 9,
    scope: 'page',
    title: 'Page returns a 5xx server error',
    explanation:
      'The server failed to answer the request (500, 502, 503, ...). Repeated server errors make search engines slow down crawling of the whole site and eventually drop the affected URLs from the index.',
    howToFix:
      'Check the application and proxy logs for the failing URL, fix the underlying error, and confirm the page returns 200. For planned maintenance, return 503 with a Retry-After header for a short time only.',
  },
  {
    id: 'fetch-timeout',
    category: 'response',
    severity: 'HIGH',
    weight: 7,
    scope: 'page',
    title: 'Page timed out',
    explanation:
      'The page did not finish loading within the crawl timeout. Search engine crawlers have similar limits: slow responses reduce how many pages they fetch and pages that time out cannot be indexed.',
    howToFix:
      'Profile the server response for this URL (database queries, upstream calls, missing caching) and bring the full response time well under a few seconds. Put a cache or CDN in front of slow, mostly static pages.',
  },
  {
    id: 'fetch-failed',
    category: 'response',
    severity: 'HIGH',
    weight: 7,
    scope: 'page',
    title: 'Page could not be fetched',
    explanation:
      'The request failed before a usable HTTP response arrived (DNS failure, refused connection, TLS error, reset). To a search engine the page does not exist while this persists.',
    howToFix:
      'Reproduce the request from outside your network and fix the cause: DNS records, certificate chain, firewall or load balancer rules. The evidence field carries the network error reported by the crawler.',
  },
  {
    id: 'response-truncated',
    category: 'response',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Response body exceeds the size limit',
    explanation:
      'The HTML was larger than the crawl size limit and was cut off. Search engines also stop reading after a fixed number of bytes, so links, structured data and content near the end of the document may never be seen.',
    howToFix:
      'Reduce the HTML size: move inline scripts, styles and data blobs into cacheable files, paginate very long lists, and avoid embedding base64 images in the markup.',
  },
  {
    id: 'soft-404',
    category: 'response',
    severity: 'HIGH',
    weight: 6,
    scope: 'page',
    title: 'Error page served with status 200 (soft 404)',
    explanation:
      'The page says "not found" (in its title or main heading) but the server answered 200 OK. Search engines treat it as a soft 404: it wastes crawl budget and, if indexed, shows an error page in search results.',
    howToFix:
      'Make the application return a real 404 (or 410) status for missing content while keeping the friendly error page as the response body, or redirect the URL to the most relevant live page.',
  },
];

export const REDIRECT_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'redirect-chain',
    category: 'redirects',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Redirect chain',
    explanation:
      'Reaching the final page takes more than one redirect hop. Every hop adds latency for visitors, and search engines follow only a limited number of hops per crawl, so long chains can leave the destination undiscovered and dilute signals.',
    howToFix:
      'Point the first URL straight at the final destination with a single 301, and update internal links to use the final URL directly.',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-loop',
    category: 'redirects',
    severity: 'HIGH',
    weight: 8,
    scope: 'page',
    title: 'Redirect loop',
    explanation:
      'The redirects lead back to a URL already visited, so the page can never be loaded by visitors or crawlers.',
    howToFix:
      'Inspect the redirect rules (server configuration, CMS plugins, CDN rules) that produce the hops shown in the evidence and remove the rule that sends the final URL back to an earlier one.',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-too-many',
    category: 'redirects',
    severity: 'HIGH',
    weight: 7,
    scope: 'page',
    title: 'Too many redirects',
    explanation:
      'The crawler gave up after the maximum number of redirect hops. Search engines give up at a similar point, so the destination is never fetched.',
    howToFix:
      'Collapse the chain into a single redirect to the final URL and make sure no rule rewrites the URL repeatedly (for example adding a trailing slash and then removing it).',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-temporary',
    category: 'redirects',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Temporary redirect (302/307)',
    explanation:
      'The URL redirects with a temporary status. Search engines may keep the old URL indexed and are slower to consolidate ranking signals onto the destination than with a permanent redirect.',
    howToFix:
      'If the move is permanent, change the redirect to 301 (or 308). Keep 302/307 only for genuinely temporary situations such as short campaigns or geolocation.',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-meta-refresh',
    category: 'redirects',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Meta refresh redirect',
    explanation:
      'The page redirects with <meta http-equiv="refresh">. Meta refreshes are slower than HTTP redirects, are not reliably treated as permanent by search engines, and are an accessibility problem when the delay is short.',
    howToFix:
      'Replace the meta refresh with a server-side 301 redirect to the target URL and remove the meta tag.',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-cross-host',
    category: 'redirects',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'Redirect to a different host',
    explanation:
      'An internal URL redirects to another host name. This is expected for a domain migration, but unexpected cross-host redirects often come from stale links, misconfigured proxies or hijacked pages and send authority away from the site.',
    howToFix:
      'Confirm the destination host is intended. If not, fix the redirect rule; if it is, update internal links to point at the destination directly.',
    fixKind: 'redirect',
  },
  {
    id: 'redirect-https-to-http',
    category: 'redirects',
    severity: 'HIGH',
    weight: 7,
    scope: 'page',
    title: 'Redirect from HTTPS to HTTP',
    explanation:
      'A secure URL redirects to an insecure one. Browsers warn about or block the downgrade, the page loses the HTTPS ranking signal, and visitors are exposed to interception.',
    howToFix:
      'Serve the destination over HTTPS and change the redirect target to the https:// URL.',
    fixKind: 'redirect',
  },
];
