import { PlatformError, type ConnectorError } from '../errors';
import { isRetryableStatus, sendWithRetry, type RetryOptions } from '../http/retry';
import type { HttpResponse, HttpTransport } from '../http/transport';

/** The link relation WordPress uses for its REST API root (https://developer.wordpress.org/rest-api/using-the-rest-api/discovery/). */
export const REST_API_REL = 'https://api.w.org/';

/**
 * The URL of a REST route under a root, in whichever of WordPress's two forms the root has:
 * `https://example.com/wp-json/` + `wp/v2/posts` → `https://example.com/wp-json/wp/v2/posts?…`, or
 * `https://example.com/index.php?rest_route=/` → `https://example.com/index.php?rest_route=/wp/v2/posts&…`
 * (the only form a site without pretty permalinks answers).
 */
export function restRouteUrl(root: string, route: string, query?: Record<string, string | number | undefined>): string {
  const u = new URL(root);
  const clean = route.replace(/^\/+/, '');
  const extra = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) extra.set(k, String(v));
  if (u.searchParams.has('rest_route')) {
    const params = new URLSearchParams(u.search);
    params.delete('rest_route');
    for (const [k, v] of extra) params.set(k, v);
    const tail = params.toString();
    // Slashes stay readable in rest_route, as WordPress writes it; it decodes the parameter either way.
    return `${u.origin}${u.pathname}?rest_route=${encodeURIComponent(`/${clean}`).replace(/%2F/gi, '/')}${tail ? `&${tail}` : ''}`;
  }
  u.pathname = `${u.pathname.replace(/\/*$/, '/')}${clean}`;
  for (const [k, v] of extra) u.searchParams.set(k, v);
  return u.href;
}

/** The REST root a page announces: its `Link: <…>; rel="https://api.w.org/"` header, else the same as a <link> in the HTML. */
export function announcedRestRoot(response: Pick<HttpResponse, 'headers' | 'body' | 'url'>): string | null {
  const resolve = (href: string): string | null => {
    try {
      // Attribute values escape & (WordPress writes index.php?rest_route=/ without one, but proxies may add query parameters).
      return new URL(href.trim().replace(/&(?:amp|#0*38|#x0*26);/gi, '&'), response.url).href;
    } catch {
      return null;
    }
  };
  for (const part of splitLinkHeader(response.headers['link'] ?? '')) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?https:\/\/api\.w\.org\/"?/i.test(m[2] ?? '')) {
      const root = resolve(m[1] ?? '');
      if (root) return root;
    }
  }
  for (const tag of response.body.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?https:\/\/api\.w\.org\/["'\s>]/i.test(tag)) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const root = href ? resolve(href[1] ?? href[2] ?? href[3] ?? '') : null;
    if (root) return root;
  }
  return null;
}

/** Splits a Link header at the commas between links, not those inside <…> or quotes. */
function splitLinkHeader(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inAngle = false;
  let inQuote = false;
  for (const ch of header) {
    if (ch === '<' && !inQuote) inAngle = true;
    else if (ch === '>' && !inQuote) inAngle = false;
    else if (ch === '"' && !inAngle) inQuote = !inQuote;
    if (ch === ',' && !inAngle && !inQuote) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

/** JSON as WordPress sends it: some hosts prepend a BOM or PHP notices, so it starts at the first brace or bracket. */
export function parseWordPressJson(body: string): unknown {
  const start = body.search(/[[{]/);
  return JSON.parse(start > 0 ? body.slice(start) : body);
}

/** True when a response is the REST API index (JSON with the namespaces list), not a theme page or an error. */
export function isRestIndex(response: Pick<HttpResponse, 'status' | 'body'>): boolean {
  if (response.status < 200 || response.status >= 300) return false;
  try {
    const parsed = parseWordPressJson(response.body);
    return !!parsed && typeof parsed === 'object' && Array.isArray((parsed as { namespaces?: unknown }).namespaces);
  } catch {
    return false;
  }
}

export interface DiscoveryOptions {
  transport: HttpTransport;
  retry: RetryOptions;
  timeoutMs: number;
  /** The error for a candidate still answering 429 or 5xx after the retries: the site is busy or down, which is not "no REST API". */
  unavailable: (response: HttpResponse, attempts: number) => ConnectorError;
}

/**
 * Finds the REST API root of the WordPress at `siteUrl` as WordPress documents it: the root the home
 * page announces (Link header, then <link> in the HTML), then `/wp-json/`, then `/?rest_route=/`
 * (sites with plain permalinks, WordPress's default, only answer the last form). Each candidate must
 * answer the REST index, so a theme page served at /wp-json/ is not taken for the API.
 */
export async function discoverRestRoot(siteUrl: URL, opts: DiscoveryOptions): Promise<string> {
  const get = (url: string) =>
    sendWithRetry(
      opts.transport,
      { url, method: 'GET', headers: { accept: 'application/json, text/html;q=0.9', 'user-agent': 'Seology/1.0 (+connector)' }, timeoutMs: opts.timeoutMs, maxBytes: 4 * 1024 * 1024, maxRedirects: 3 },
      opts.retry,
      'wordpress',
    );
  // A site that cannot be reached at all fails here, with the connection error, not "not WordPress".
  const home = (await get(siteUrl.href)).response;
  const announced = home.status < 500 ? announcedRestRoot(home) : null;
  const tried: string[] = [];
  for (const candidate of [announced, new URL('wp-json/', siteUrl).href, new URL('?rest_route=/', siteUrl).href]) {
    if (candidate === null || tried.includes(candidate)) continue;
    tried.push(candidate);
    const { response, attempts } = await get(candidate);
    if (isRestIndex(response)) return candidate;
    if (isRetryableStatus(response.status)) throw opts.unavailable(response, attempts);
  }
  throw new PlatformError(
    'wordpress',
    `Could not find the WordPress REST API of ${siteUrl.href}: ` +
      (announced ? `the root the site announces (${announced}) did not answer, ` : `the home page (HTTP ${home.status}) announces no REST API root, `) +
      `and neither /wp-json/ nor /?rest_route=/ answered with the REST API index. ` +
      `Check that the site URL is the WordPress address and that no security plugin disables the REST API.`,
    null,
  );
}
