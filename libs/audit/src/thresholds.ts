/**
 * Tunable limits used by the checks. Defaults follow what search engines visibly do
 * (snippet truncation widths, crawl-depth guidance) rather than arbitrary round numbers.
 */
export interface AuditThresholds {
  /** Titles narrower than this (20 px Arial, as for titleMaxPixels) rarely describe the page well enough to earn the click. */
  titleMinPixels: number;
  /** Google truncates desktop titles at roughly 580 px (20 px Arial). */
  titleMaxPixels: number;
  descriptionMinChars: number;
  /** Desktop snippets are cut at roughly 920 px (14 px Arial). */
  descriptionMaxPixels: number;
  imageAltMaxChars: number;
  /** Visible words below which an indexable page counts as thin. */
  thinContentWords: number;
  /** Visible text characters / HTML characters, as a percentage. */
  minTextHtmlRatioPercent: number;
  /** Only pages with at least this many words take part in near-duplicate detection (short texts collide). */
  nearDuplicateMinWords: number;
  /** Maximum simhash Hamming distance (of 64 bits) for two pages to count as near duplicates. */
  nearDuplicateMaxDistance: number;
  maxLinksPerPage: number;
  maxCrawlDepth: number;
  ttfbSlowMs: number;
  pageSlowMs: number;
  htmlMaxBytes: number;
  maxResources: number;
  maxScripts: number;
  maxStylesheets: number;
  maxDomElements: number;
  imageMaxBytes: number;
  urlMaxChars: number;
  urlMaxParams: number;
  /** Site-level findings kept per check (the total is still counted). */
  maxSiteFindingsPerCheck: number;
  /** Page-level findings returned per check for one page (the total is still counted). */
  maxPageFindingsPerCheck: number;
}

export const DEFAULT_THRESHOLDS: Readonly<AuditThresholds> = Object.freeze({
  titleMinPixels: 200,
  titleMaxPixels: 580,
  descriptionMinChars: 70,
  descriptionMaxPixels: 920,
  imageAltMaxChars: 125,
  thinContentWords: 200,
  minTextHtmlRatioPercent: 10,
  nearDuplicateMinWords: 50,
  nearDuplicateMaxDistance: 3,
  maxLinksPerPage: 300,
  maxCrawlDepth: 3,
  ttfbSlowMs: 600,
  pageSlowMs: 3000,
  htmlMaxBytes: 512 * 1024,
  maxResources: 100,
  maxScripts: 30,
  maxStylesheets: 10,
  maxDomElements: 3000,
  imageMaxBytes: 300 * 1024,
  urlMaxChars: 115,
  urlMaxParams: 3,
  maxSiteFindingsPerCheck: 1000,
  maxPageFindingsPerCheck: 50,
});

export function resolveThresholds(partial?: Partial<AuditThresholds>): AuditThresholds {
  const out: AuditThresholds = { ...DEFAULT_THRESHOLDS };
  if (!partial) return out;
  for (const key of Object.keys(partial) as (keyof AuditThresholds)[]) {
    const value = partial[key];
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
