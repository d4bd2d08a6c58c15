/**
 * Which discovered URLs belong to the crawl: the same site as the start URL (by default the same
 * host with "www." ignored, so apex and www count as one site) and the include/exclude patterns.
 */

export type ScopeMode = 'host' | 'site' | 'domain';

export type UrlPattern = string | RegExp;

// Second-level labels under which registrations happen (example.co.uk, example.com.au). A
// heuristic rather than the full public-suffix list, which is only needed for 'domain' scope.
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'nic', 'ltd', 'plc', 'sch']);

/** Registrable domain by heuristic: last two labels, or three under a ccTLD second level such as co.uk. */
export function registrableDomain(hostname: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (/^[0-9.]+$/.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const tld = labels.at(-1) ?? '';
  const sld = labels.at(-2) ?? '';
  if (tld.length === 2 && SECOND_LEVEL.has(sld)) return labels.slice(-3).join('.');
  return labels.slice(-2).join('.');
}

function hostKey(u: URL, mode: ScopeMode): string {
  const port = u.port ? `:${u.port}` : '';
  const h = u.hostname;
  if (mode === 'host') return h + port;
  if (mode === 'site') return (h.startsWith('www.') ? h.slice(4) : h) + port;
  return registrableDomain(h) + port;
}

function escapeRegex(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a pattern. RegExp objects, "re:<source>" and "/source/flags" strings whose source uses
 * regex syntax are regular expressions tested against the full URL. Other strings are globs:
 * "*" matches within a path segment, "**" across segments, and the glob is matched as a prefix —
 * against path+query when it starts with "/", else against the full URL.
 */
export function compilePattern(p: UrlPattern): (url: string, pathAndQuery: string) => boolean {
  if (p instanceof RegExp) {
    const re = new RegExp(p.source, p.flags.replace('g', '').replace('y', ''));
    return (url) => re.test(url);
  }
  if (p.startsWith('re:')) {
    const re = new RegExp(p.slice(3));
    return (url) => re.test(url);
  }
  const literal = /^\/(.+)\/([imsu]*)$/.exec(p);
  const [, literalSource = '', literalFlags = ''] = literal ?? [];
  if (literal && /[\\^$()[\]{}|+]/.test(literalSource)) {
    const re = new RegExp(literalSource, literalFlags);
    return (url) => re.test(url);
  }
  const source = '^' + p.split('**').map((part) => part.split('*').map(escapeRegex).join('[^/]*')).join('.*');
  const re = new RegExp(source);
  return p.startsWith('/') ? (_url, pq) => re.test(pq) : (url) => re.test(url);
}

export interface ScopeOptions {
  mode?: ScopeMode;
  include?: readonly UrlPattern[];
  exclude?: readonly UrlPattern[];
  /** Extra hosts crawled as part of the site (e.g. a blog on another sub-domain). */
  extraHosts?: readonly string[];
}

export class CrawlScope {
  private readonly mode: ScopeMode;
  private readonly siteKeys: Set<string>;
  private readonly include: Array<(u: string, pq: string) => boolean>;
  private readonly exclude: Array<(u: string, pq: string) => boolean>;

  constructor(startUrl: string, options: ScopeOptions = {}) {
    this.mode = options.mode ?? 'site';
    const start = new URL(startUrl);
    this.siteKeys = new Set([hostKey(start, this.mode)]);
    for (const h of options.extraHosts ?? []) this.siteKeys.add(hostKey(new URL(`http://${h}`), this.mode));
    this.include = (options.include ?? []).map(compilePattern);
    this.exclude = (options.exclude ?? []).map(compilePattern);
  }

  /** Same site as the start URL (patterns not applied). */
  isSameSite(url: string | URL): boolean {
    let u: URL;
    try {
      u = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return false;
    }
    return this.siteKeys.has(hostKey(u, this.mode));
  }

  /** Whether the include/exclude patterns admit this URL. */
  matchesPatterns(url: string): boolean {
    if (this.include.length === 0 && this.exclude.length === 0) return true;
    const schemeEnd = url.indexOf('//');
    const pathStart = url.indexOf('/', schemeEnd + 2);
    const pq = pathStart === -1 ? '/' : url.slice(pathStart);
    if (this.include.length > 0 && !this.include.some((f) => f(url, pq))) return false;
    return !this.exclude.some((f) => f(url, pq));
  }

  /** Should a discovered URL be crawled? */
  admits(url: string): boolean {
    return this.isSameSite(url) && this.matchesPatterns(url);
  }
}
