import type { Fetcher } from './fetcher';
import type { HostGates } from './host-gate';
import type { RobotsCache, RobotsRules } from './robots';
import type { CrawlScope } from './scope';
import { DEFAULT_SITEMAP_LIMITS, discoverSitemaps, type SitemapLimits, type SitemapResult } from './sitemaps';

export interface SiteFilesDeps {
  fetcher: Fetcher;
  robots: RobotsCache;
  gates: HostGates;
  scope: CrawlScope;
  normalize: (raw: string, base?: string | URL) => string | null;
}

export interface SiteFilesOptions {
  /** false: no sitemap discovery; an object overrides limits. */
  sitemaps: boolean | Partial<SitemapLimits>;
  /** The crawl's page budget: a crawl allowed more pages than the default URL limit sees that many sitemap entries. */
  maxPages: number;
}

export interface SiteFiles {
  robots: RobotsRules;
  /** HTTP status of /llms.txt; 0 when it could not be fetched. */
  llmsTxtStatus: number;
  /** Same-site sitemap URLs (normalised) and every sitemap file read. */
  sitemap: SitemapResult;
}

/**
 * The site-level files read before any page: robots.txt (cached for the crawl), /llms.txt (status
 * only) and the sitemaps named by robots.txt or found at the well-known locations, same-site only.
 * Requests go through the host gates like pages do. Throws only when `signal` aborts.
 */
export async function loadSiteFiles(origin: string, d: SiteFilesDeps, o: SiteFilesOptions, signal: AbortSignal): Promise<SiteFiles> {
  const robots = await d.robots.get(origin, signal);
  const llms = d.gates
    .run(`${origin}/llms.txt`, signal, () => d.fetcher.fetch(`${origin}/llms.txt`, { signal, siteHeaders: true, shouldReadBody: () => false, maxRedirects: 5 }))
    .then(
      (r) => r.status,
      (e: unknown) => {
        if (signal.aborted) throw e;
        return 0;
      },
    );
  let sitemap: SitemapResult = { urls: new Set(), files: [] };
  if (o.sitemaps !== false) {
    const limits = { ...DEFAULT_SITEMAP_LIMITS, maxUrls: Math.max(DEFAULT_SITEMAP_LIMITS.maxUrls, o.maxPages), ...(typeof o.sitemaps === 'object' ? o.sitemaps : {}) };
    const sameSite = (u: string): string | null => {
      const n = d.normalize(u);
      return n !== null && d.scope.isSameSite(n) ? n : null;
    };
    sitemap = await discoverSitemaps({
      fetcher: d.fetcher,
      fromRobots: robots.sitemaps,
      origin,
      limits,
      accept: sameSite,
      mayFetch: (u) => sameSite(u) !== null,
      gate: (url, fn) => d.gates.run(url, signal, fn),
      signal,
    });
  }
  return { robots, llmsTxtStatus: await llms, sitemap };
}
