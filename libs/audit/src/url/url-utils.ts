/**
 * URL handling shared by the page checks and the site graph. The same normalisation must be applied
 * to crawled URLs and to discovered link targets, otherwise the link graph does not join up; the
 * crawler can call `normalizeUrl` too.
 */

export type HrefKind = 'ok' | 'empty' | 'fragment' | 'javascript' | 'non-http' | 'malformed';

export interface ResolvedHref {
  kind: HrefKind;
  /** Normalised absolute URL (fragment removed) when kind is 'ok'. */
  url: string | null;
}

/** Parses an absolute URL; null for anything that is not http(s). Fragment is removed, an empty query too. */
export function normalizeUrl(raw: string, base?: string | URL): string | null {
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hash !== '') parsed.hash = '';
  let href = parsed.href;
  if (href.endsWith('?')) href = href.slice(0, -1);
  return href;
}

export function safeParseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

export function resolveHref(rawHref: string | null, base: URL): ResolvedHref {
  if (rawHref === null) return { kind: 'empty', url: null };
  const href = rawHref.trim();
  if (href.length === 0) return { kind: 'empty', url: null };
  const first = href.charCodeAt(0);
  if (first === 0x23 /* # */) return { kind: 'fragment', url: null };
  const lower = href.slice(0, 11).toLowerCase();
  if (lower.startsWith('javascript:')) return { kind: 'javascript', url: null };
  const colon = href.indexOf(':');
  if (colon > 0 && colon < 12) {
    const scheme = href.slice(0, colon).toLowerCase();
    if (/^[a-z][a-z0-9+.-]*$/.test(scheme) && scheme !== 'http' && scheme !== 'https') return { kind: 'non-http', url: null };
  }
  const url = normalizeUrl(href, base);
  return url === null ? { kind: 'malformed', url: null } : { kind: 'ok', url };
}

/** Host used to decide what is internal: `www.` is treated as the same site. */
export function siteHostKey(host: string): string {
  const lower = host.toLowerCase();
  return lower.startsWith('www.') ? lower.slice(4) : lower;
}

export function isLoopbackHost(host: string): boolean {
  // Cheap rejection first: this runs for every link on every page.
  const first = host.charCodeAt(0);
  if (first !== 0x6c /* l */ && first !== 0x4c /* L */ && first !== 0x31 /* 1 */ && first !== 0x30 /* 0 */ && first !== 0x5b /* [ */ && !host.endsWith('localhost')) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** `https://example.com/a/b?x=1` → `/a/b?x=1`: how most sites write internal links. */
export function pathAndQuery(url: string): string {
  const schemeEnd = url.indexOf('//');
  const pathStart = url.indexOf('/', schemeEnd + 2);
  return pathStart === -1 ? '/' : url.slice(pathStart);
}

export function originOf(url: string): string {
  const parsed = safeParseUrl(url);
  return parsed === null ? url : parsed.origin;
}

/** Host name of a URL produced by normalizeUrl (already lower-cased), without parsing it again. */
export function hostOfNormalized(url: string): string {
  const hostStart = url.indexOf('//') + 2;
  let hostEnd = hostStart;
  while (hostEnd < url.length) {
    const code = url.charCodeAt(hostEnd);
    if (code === 0x2f /* / */ || code === 0x3f /* ? */ || code === 0x23 /* # */) break;
    hostEnd++;
  }
  let host = url.slice(hostStart, hostEnd);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

const TRACKING_PARAMS = new Set([
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid',
  'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'rb_clickid', 's_cid',
]);

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Identity of a URL in the site graph: a normalised URL whose query has tracking parameters removed
 * and the remaining parameters sorted by name. Crawlers commonly fetch URLs in that canonical form,
 * so keying the graph by it joins links written in any parameter order to the page that was fetched.
 * Pairs are moved, never re-encoded.
 */
export function urlKey(normalized: string): string {
  const queryStart = normalized.indexOf('?');
  if (queryStart === -1) return normalized;
  let pairs = normalized
    .slice(queryStart + 1)
    .split('&')
    .filter((pair) => pair !== '');
  pairs = pairs.filter((pair) => {
    const name = paramName(pair).toLowerCase();
    return !name.startsWith('utm_') && !TRACKING_PARAMS.has(name);
  });
  if (pairs.length > 1) {
    const keyed = pairs.map((pair, index) => ({ pair, name: paramName(pair), index }));
    keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
    pairs = keyed.map((entry) => entry.pair);
  }
  const base = normalized.slice(0, queryStart);
  return pairs.length > 0 ? `${base}?${pairs.join('&')}` : base;
}
