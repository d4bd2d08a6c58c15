/**
 * Crawl URL normalisation. WHATWG parsing already lower-cases scheme and host, drops default
 * ports and resolves dot-segments; on top of that the fragment and an empty query are removed
 * (same as the audit's own normalisation, so the link graph joins up), and, unless disabled,
 * tracking parameters are dropped and the remaining parameters sorted so that the same page
 * reached with differently ordered or tagged links is fetched once.
 */

export interface NormalizeOptions {
  /** Sort query parameters by name (stable, so repeated names keep their order). Default true. */
  sortQuery?: boolean;
  /** Remove utm_* and click-id parameters. Default true. */
  stripTracking?: boolean;
  /** Extra parameter names (exact, lower-case) to remove. */
  dropParams?: readonly string[];
}

const TRACKING_EXACT = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'rb_clickid',
  's_cid',
]);

function isTrackingParam(name: string, extra: ReadonlySet<string> | null): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('utm_')) return true;
  if (TRACKING_EXACT.has(lower)) return true;
  return extra !== null && extra.has(lower);
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

export function createNormalizer(options: NormalizeOptions = {}): (raw: string, base?: string | URL) => string | null {
  const sortQuery = options.sortQuery ?? true;
  const stripTracking = options.stripTracking ?? true;
  const extra = options.dropParams && options.dropParams.length > 0 ? new Set(options.dropParams.map((p) => p.toLowerCase())) : null;
  return (raw, base) => {
    let u: URL;
    try {
      u = base === undefined ? new URL(raw) : new URL(raw, base);
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username !== '' || u.password !== '') return null;
    let host = u.host;
    if (u.hostname.endsWith('.')) host = u.hostname.slice(0, -1) + (u.port ? `:${u.port}` : '');
    let search = u.search;
    if (search.length > 1 && (sortQuery || stripTracking || extra)) {
      // Raw pairs are rearranged without re-encoding: URLSearchParams would rewrite %20 as + and
      // change what some servers receive.
      let pairs = search.slice(1).split('&').filter((p) => p !== '');
      if (stripTracking || extra) pairs = pairs.filter((p) => !(stripTracking ? isTrackingParam(paramName(p), extra) : extra!.has(paramName(p).toLowerCase())));
      if (sortQuery && pairs.length > 1) {
        const keyed = pairs.map((p, i) => ({ p, k: paramName(p), i }));
        keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
        pairs = keyed.map((x) => x.p);
      }
      search = pairs.length > 0 ? `?${pairs.join('&')}` : '';
    } else if (search === '?') {
      search = '';
    }
    return `${u.protocol}//${host}${u.pathname}${search}`;
  };
}

export const normalizeCrawlUrl = createNormalizer();
