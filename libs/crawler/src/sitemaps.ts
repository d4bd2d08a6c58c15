import { Readable } from 'node:stream';
import { Parser } from 'htmlparser2';
import { readBodyCapped } from '@seology/net';
import type { Fetcher } from './fetcher';

export interface SitemapLimits {
  /** Sitemap files fetched in total (indexes included). Default 50. */
  maxSitemaps: number;
  /** Page URLs collected. Default 50,000 (the protocol's per-file maximum), raised to maxPages by the crawler. */
  maxUrls: number;
  /** Decoded size cap per sitemap file. Default 50 MiB (the protocol's maximum). */
  maxBytes: number;
}

export const DEFAULT_SITEMAP_LIMITS: SitemapLimits = { maxSitemaps: 50, maxUrls: 50_000, maxBytes: 50 * 1024 * 1024 };

export interface SitemapResult {
  /** Normalised in-scope page URLs listed in the sitemaps, in discovery order. */
  urls: Set<string>;
  /** Every sitemap file requested, with its status (0 = network error) and URL count. */
  files: Array<{ url: string; status: number; urls: number; error?: string }>;
}

export interface ParsedSitemap {
  pages: string[];
  sitemaps: string[];
}

/** Extracts <url><loc> and <sitemap><loc> entries; plain-text sitemaps (one URL per line) are accepted too. */
export function parseSitemap(text: string): ParsedSitemap {
  const pages: string[] = [];
  const sitemaps: string[] = [];
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('<')) {
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim();
      if (/^https?:\/\//i.test(l)) pages.push(l);
    }
    return { pages, sitemaps };
  }
  const stack: string[] = [];
  let buf = '';
  const parser = new Parser(
    {
      onopentag(name) {
        // Namespaced sitemaps (<sm:url>) are matched by local name.
        const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
        stack.push(local.toLowerCase());
        if (local.toLowerCase() === 'loc') buf = '';
      },
      ontext(t) {
        if (stack[stack.length - 1] === 'loc') buf += t;
      },
      onclosetag() {
        const tag = stack.pop();
        if (tag !== 'loc') return;
        const parent = stack[stack.length - 1];
        const loc = decodeXmlEntities(buf.trim());
        if (loc === '') return;
        if (parent === 'url') pages.push(loc);
        else if (parent === 'sitemap') sitemaps.push(loc);
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(text);
  parser.end();
  return { pages, sitemaps };
}

function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    switch (e.toLowerCase()) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return e[1] === 'x' || e[1] === 'X' ? String.fromCodePoint(parseInt(e.slice(2), 16)) : String.fromCodePoint(parseInt(e.slice(1), 10));
    }
  });
}

function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

export interface DiscoverOptions {
  fetcher: Fetcher;
  /** Sitemaps named in robots.txt; when none of them can be fetched, WELL_KNOWN_SITEMAPS of the start origin are tried. */
  fromRobots: string[];
  origin: string;
  limits: SitemapLimits;
  /** Maps a listed URL to the crawl's normalised form, or null when out of scope. */
  accept: (url: string) => string | null;
  /** Whether a sitemap file URL may be fetched (same site, policy). */
  mayFetch: (url: string) => boolean;
  gate: <T>(url: string, fn: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
}

/** Where sitemaps usually live (the generic name, the common index name, WordPress core's own). */
export const WELL_KNOWN_SITEMAPS: readonly string[] = ['/sitemap.xml', '/sitemap_index.xml', '/wp-sitemap.xml'];

/**
 * Breadth-first over sitemap indexes, within the limits. Files served gzip-compressed as a file
 * (sitemap.xml.gz, application/gzip) are inflated with the same cap as plain ones. When robots.txt
 * names no sitemap that can be fetched (none, only relative or foreign URLs, or all failing), the
 * well-known locations are tried in turn until one answers with a sitemap.
 */
export async function discoverSitemaps(opts: DiscoverOptions): Promise<SitemapResult> {
  const result: SitemapResult = { urls: new Set(), files: [] };
  const queued = new Set<string>();
  // Only absolute URLs are valid in robots.txt; a relative one is reported by the audit and skipped here.
  const named = opts.fromRobots.filter((url) => /^https?:\/\//i.test(url.trim()));
  let found = await crawlSitemapTree(opts, named, queued, result);
  for (const path of WELL_KNOWN_SITEMAPS) {
    if (found) break;
    const url = `${opts.origin}${path}`;
    if (queued.has(url)) continue;
    found = await crawlSitemapTree(opts, [url], queued, result);
  }
  return result;
}

/** Fetches the given sitemaps and the indexes below them; true when at least one file answered 2xx with entries. */
async function crawlSitemapTree(opts: DiscoverOptions, roots: string[], queued: Set<string>, result: SitemapResult): Promise<boolean> {
  const queue = roots.filter((url) => !queued.has(url));
  for (const url of queue) queued.add(url);
  let found = false;
  while (queue.length > 0 && result.files.length < opts.limits.maxSitemaps && result.urls.size < opts.limits.maxUrls) {
    const url = queue.shift() as string;
    if (!opts.mayFetch(url)) continue;
    const file = { url, status: 0, urls: 0 } as SitemapResult['files'][number];
    result.files.push(file);
    try {
      const res = await opts.gate(url, () =>
        opts.fetcher.fetch(url, { maxBytes: opts.limits.maxBytes, onTooLarge: 'truncate', signal: opts.signal, siteHeaders: true, accept: 'application/xml,text/xml,*/*' }),
      );
      file.status = res.status;
      if (res.status < 200 || res.status >= 300) continue;
      let body = res.body;
      if (isGzip(body)) body = (await readBodyCapped(Readable.from([body]), 'gzip', opts.limits.maxBytes)).body;
      const parsed = parseSitemap(body.toString('utf8'));
      if (parsed.pages.length > 0 || parsed.sitemaps.length > 0) found = true;
      for (const loc of parsed.pages) {
        if (result.urls.size >= opts.limits.maxUrls) break;
        const n = opts.accept(loc);
        if (n !== null && !result.urls.has(n)) {
          result.urls.add(n);
          file.urls++;
        }
      }
      for (const child of parsed.sitemaps) {
        if (!queued.has(child)) {
          queued.add(child);
          queue.push(child);
        }
      }
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      file.error = (e as Error).message;
    }
  }
  return found;
}
