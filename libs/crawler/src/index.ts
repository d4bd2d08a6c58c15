export { Crawler, crawlSite, DEFAULT_USER_AGENT, type CrawlOptions, type CrawlProgress, type CrawlState, type CrawlStats, type CrawlSummary } from './crawler';
export { defaultAuditFactory, type AuditFactory, type AuditPort } from './audit-port';
export { createNormalizer, normalizeCrawlUrl, type NormalizeOptions } from './url-normalize';
export { CrawlScope, compilePattern, registrableDomain, type ScopeMode, type ScopeOptions, type UrlPattern } from './scope';
export { parseSitemap, DEFAULT_SITEMAP_LIMITS, type SitemapLimits, type SitemapResult } from './sitemaps';
export { decodeHtml, isHtmlResponse, charsetFromContentType } from './charset';
export { parseRetryAfter } from '@seology/net';
export { productToken } from './robots';
