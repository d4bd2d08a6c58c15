import type { FixKind } from '@seology/contracts';

/**
 * The contract between the crawler (fetching, scope, politeness) and the audit (parsing and checks).
 *
 * The crawler fetches; the audit parses each HTML page exactly once, runs the page-level checks,
 * hands back the links to follow, and keeps only the compact per-page state that site-level checks
 * need (so a 100k-page crawl stays within its memory budget). Site-level checks run in `finish()`.
 */

import type { TemplateFinding } from './template-findings';

/** Same values as the Prisma `Severity` enum. */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO';

export const SEVERITY_ORDER: readonly Severity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export type CheckCategory =
  | 'response'
  | 'redirects'
  | 'indexability'
  | 'canonical'
  | 'titles'
  | 'descriptions'
  | 'headings'
  | 'content'
  | 'images'
  | 'links'
  | 'architecture'
  | 'hreflang'
  | 'structured-data'
  | 'social'
  | 'mobile'
  | 'performance'
  | 'security'
  | 'url'
  | 'ai-search';

/** What kind of automatic fix the product can propose for a finding of this check: one definition, in the contracts. */
export type { FixKind };

export interface CheckDefinition {
  /** Stable, kebab-case, never renamed once published (issues are fingerprinted by it). */
  id: string;
  category: CheckCategory;
  severity: Severity;
  /** 1..10, published in docs/checks.md and used by the scoring. */
  weight: number;
  title: string;
  /** One paragraph: why this hurts search visibility. */
  explanation: string;
  /** One paragraph: what to change. */
  howToFix: string;
  /** 'page' checks run per page as it arrives; 'site' checks run in finish() over everything seen. */
  scope: 'page' | 'site';
  fixKind?: FixKind;
  /**
   * How the health score measures reach: 'pages' (default) = share of audited pages with a finding,
   * 'site' = the whole site is affected once the check fires (robots.txt, llms.txt, sitemap presence).
   */
  affects?: 'pages' | 'site';
}

export interface Finding {
  checkId: string;
  url: string;
  /** CSS selector of the offending element, where there is one. */
  selector: string | null;
  /** A sentence a person can act on. */
  message: string;
  /** The value found (truncated to a few hundred characters). */
  evidence: string | null;
}

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** One fetched URL as the crawler hands it to the audit. */
export interface FetchedPage {
  /** URL as discovered and normalised (before redirects). */
  url: string;
  /** URL after following redirects (equals url when there were none). */
  finalUrl: string;
  /** Final HTTP status; 0 when the fetch failed (see error). */
  status: number;
  /** 'timeout' | 'too-large' | 'ssrf-blocked' | 'redirect-loop' | 'too-many-redirects' | network error text. */
  error?: string;
  /** Final response headers, names lower-cased. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Decoded body when the response is HTML (text/html or application/xhtml+xml), else null. */
  html: string | null;
  /** Bytes received (after decompression, up to the cap). */
  bodyBytes: number;
  /** True when the body was cut off at the size cap. */
  truncated: boolean;
  ttfbMs: number;
  totalMs: number;
  /** Every redirect hop, in order. Empty when there was none. */
  redirects: RedirectHop[];
  /** Link depth from the start URL (start URL = 0; sitemap-only URLs get the depth they are first linked at, or -1). */
  depth: number;
  /** Page that first linked here, null for the start URL and sitemap-only URLs. */
  discoveredFrom: string | null;
  /** Listed in an XML sitemap. */
  inSitemap: boolean;
  /**
   * The page as a browser built it, when the crawl renders JavaScript. `html` above stays the raw
   * response, so the audit can compare what a crawler without JavaScript sees with what Google renders.
   */
  rendered?: RenderedSnapshot;
}

/** What rendering one page in headless Chromium produced. */
export interface RenderedSnapshot {
  /** `document.documentElement.outerHTML` once the page settled (or when the time budget ran out). */
  html: string;
  /** URL of the document after client-side and HTTP redirects. */
  finalUrl: string;
  /** Wall time spent rendering. */
  ms: number;
  /** The per-page time budget ran out; `html` is what the page held at the cut. */
  timedOut: boolean;
  /** The renderer crashed on this page; `html` is empty. */
  crashed: boolean;
  /** Uncaught page errors (first 10, each at most 300 characters). */
  errors: string[];
  /** Requests the page made that failed (first 20). */
  failedRequests: { url: string; reason: string }[];
  /** Requests Seology refused to make for the page (first 20), and why. */
  blockedRequests: { url: string; reason: 'ssrf' | 'resource-type' | 'robots' | 'over-budget' }[];
}

export type ResourceKind = 'image' | 'script' | 'stylesheet' | 'external-link';

export interface ResourceRef {
  url: string;
  kind: ResourceKind;
}

/** Compact per-page record kept for reporting and crawl diffs. */
export interface PageSummary {
  url: string;
  finalUrl: string;
  status: number;
  depth: number;
  title: string | null;
  description: string | null;
  canonical: string | null;
  h1: string | null;
  lang: string | null;
  wordCount: number;
  /** sha1 hex of the normalised visible text (exact-duplicate detection, crawl diffs). */
  contentHash: string | null;
  indexable: boolean;
  bodyBytes: number;
  ttfbMs: number;
  totalMs: number;
  inlinks?: number;
}

export interface PageOutcome {
  /** Absolute http(s) URLs found in <a href> (and <link rel=next/prev>, hreflang alternates, the canonical target), fragment stripped, deduplicated. The crawler applies scope. */
  links: string[];
  /** Sub-resources and external links the crawler may check (HEAD/GET) when resource checking is on. */
  resources: ResourceRef[];
  /** Page-level findings for this page (stream them out; the audit does not keep them). */
  findings: Finding[];
  summary: PageSummary;
  /**
   * False when the page's generic robots meta tag or X-Robots-Tag header says nofollow (or none):
   * the page is audited but a crawler must not follow its links. Absent means true.
   */
  followLinks?: boolean;
}

export interface ResourceResult {
  status: number;
  error?: string;
  /**
   * The resource could not be reached at all (DNS failure, connection refused or timed out, no
   * network): status is 0 and nothing about the URL itself is known, so it is not reported as broken.
   */
  unreachable?: boolean;
  bytes?: number;
  contentType?: string | null;
  redirected?: boolean;
}

export interface SiteFiles {
  robotsTxt: { status: number; body: string | null };
  llmsTxt: { status: number };
  /** URLs listed in the site's sitemaps. */
  sitemapUrls: Iterable<string>;
}

export interface AuditResult {
  /** Site-level findings produced in finish(). */
  findings: Finding[];
  healthScore: number;
  /** Findings per check over the whole audit (page-level and site-level). */
  countsByCheck: Record<string, number>;
  pagesAudited: number;
  /** Distinct pages with at least one finding, per check (the reach used by the health score). */
  pagesAffectedByCheck?: Record<string, number>;
  /** Page counts of the causes on more pages than the score's knee (see the health score formula). */
  widespreadCauses?: Array<{ checkId: string; pages: number }>;
  /** Checks whose site-level examples were capped (the count in countsByCheck is still complete). */
  cappedChecks?: string[];
  /**
   * Page-level causes found on most pages (same check, message and value): one template fix each,
   * reported once. Their page rows were still streamed; in the score each counts once (see widespreadCauses).
   */
  templateFindings?: TemplateFinding[];
  /**
   * Checks on which a widespread cause could have gone ungrouped because the bounds of template
   * detection were reached (see MAX_COUNTED_CAUSES); absent when none. Their pages count in full.
   */
  templateGroupingIncomplete?: string[];
  /** Internal inlinks of every fetched URL, links resolved at finish included (for a URL explorer). */
  pageInlinks?: () => Iterable<[url: string, inlinks: number]>;
}
