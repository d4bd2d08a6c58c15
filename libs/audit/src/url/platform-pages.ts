/**
 * Pages a platform keeps out of the index on purpose: sign-in and password pages, comment-reply
 * variants, the shop's cart, checkout and account pages. A noindex on them is correct, and a
 * nofollow link to them is the platform's own choice, so neither is a problem to report.
 *
 * Internal search result pages are not here: they *should* be noindex, and the opposite case is
 * reported by `search-page-indexable`.
 */
const PLATFORM_PATHS: readonly [RegExp, string][] = [
  [/\/wp-login\.php$|\/wp-admin(?:\/|$)|\/(?:log-?in|sign-?in|sign-?up|register|logout|log-?out)\/?$/i, 'sign-in page'],
  [/\/(?:lost-?password|forgot-?password|password-?reset|reset-?password)\/?$|\/account\/(?:password|recover)/i, 'password reset page'],
  [/\/(?:cart|basket|checkout|my-account|account|customer\/account|wishlist)(?:\/|$)/i, 'shop account, cart or checkout page'],
];

const PLATFORM_PARAMS: readonly [string, string][] = [
  ['replytocom', 'comment-reply link'],
  ['add-to-cart', 'add-to-cart link'],
  ['action', 'sign-in page'],
];

/** Values of `?action=` on wp-login.php and similar sign-in handlers. */
const LOGIN_ACTIONS = new Set(['lostpassword', 'rp', 'resetpass', 'register', 'login', 'logout', 'confirmaction']);

/** Why the platform keeps this URL out of the index, or null when it is an ordinary page. */
export function platformNoindexReason(url: URL): string | null {
  for (const [param, reason] of PLATFORM_PARAMS) {
    const value = url.searchParams.get(param);
    if (value === null) continue;
    if (param === 'action' && !LOGIN_ACTIONS.has(value.toLowerCase())) continue;
    return reason;
  }
  const path = url.pathname;
  for (const [pattern, reason] of PLATFORM_PATHS) if (pattern.test(path)) return reason;
  return null;
}

/** True when the URL (a string) is one of the pages platformNoindexReason names. */
export function isPlatformPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return platformNoindexReason(parsed) !== null;
}

/** Query parameters that carry a site search query (WordPress `s`, most others `q` or `query`). */
const SEARCH_PARAMS = ['s', 'q', 'query', 'search', 'keyword', 'keywords'];
const SEARCH_PATH = /\/(?:search|suche|recherche|buscar|cerca|zoeken)(?:\.html?|\.php)?(?:\/[^/]+\/?)?$/i;

/** True when the URL is an internal search result page (`/?s=hose`, `/search?q=hose`, `/search/hose`). */
export function isSearchResultUrl(url: URL): boolean {
  for (const param of SEARCH_PARAMS) if (url.searchParams.has(param)) return true;
  return SEARCH_PATH.test(url.pathname);
}
