import { CHECKS } from './catalogue';
import { parsePage } from './html/page-parser';
import type { FetchedPage, Finding, PageRenderRecord, PageSummary, RenderedSnapshot, ResourceKind, ResourceRef } from './model';
import { analyzePage, hostMatcher, parseRobotsDirectives, type PageAnalysis } from './page/analysis';
import { FindingEmitter } from './page/emitter';
import { isValidHtmlLang, primaryLanguage, urlLanguage } from './page/language-codes';
import { runFetchChecks } from './page/fetch-checks';
import { runHtmlChecks } from './page/html-checks';
import { renderRecordOf, runRenderComparisonChecks, runRenderOutcomeChecks } from './page/render-checks';
import { MAX_FRAGMENT_IDS_PER_PAGE } from './site/fragment-links';
import { hrefForm } from './site/link-selectors';
import { fnv1a32, truncate } from './text/text-stats';
import { isCheckableFragment } from './url/fragments';
import { resolveThresholds, type AuditThresholds } from './thresholds';
import { normalizeUrl, safeParseUrl } from './url/url-utils';

/**
 * Everything a page audit depends on besides the page itself. Plain data, so a page auditor can be
 * rebuilt from it in another thread.
 */
export interface PageAuditOptions {
  startUrl: string;
  thresholds?: Partial<AuditThresholds>;
  internalHosts?: string[];
}

/** What the site-level state keeps of a page's content (see SiteAudit.addAuditedPage). */
export interface PageContentRecord {
  /** URL the content lives at (after redirects), normalised. */
  url: string;
  noindex: boolean;
  canonicalUrl: string | null;
  indexable: boolean;
  title: string | null;
  description: string | null;
  wordCount: number;
  contentHash: string | null;
  contentKey: number;
  simhashHi: number;
  simhashLo: number;
  /** Internal <a> targets, first occurrence each, with how the href was written (hrefForm). */
  internalLinks: Array<[url: string, form: number]>;
  /** Sub-resources and external links, first occurrence each: [url, kind code, href form]. */
  references: Array<[url: string, kind: number, form: number]>;
  /** hreflang alternates in <head> that resolved to a URL: [url, language code]. */
  hreflang: Array<[url: string, code: string]>;
  /** 32-bit hashes of the page's ids and <a name> values (null: more than MAX_FRAGMENT_IDS_PER_PAGE). */
  fragmentTargets: number[] | null;
  /** Internal links to another page with a fragment that should name an element there, first occurrence each. */
  fragmentLinks: Array<[url: string, fragment: string]>;
  /** Primary language of the page: its URL's language folder or subdomain, else a valid <html lang>. */
  language: string | null;
  /** The page declares language versions: <link rel="alternate" hreflang> in the head or an HTTP Link header. */
  hreflangAnnotated: boolean;
}

/**
 * The page-level half of the audit for one fetched page: findings, links and the compact content
 * record. Depends on nothing but the page and the options, and is structured-clone safe, so it can
 * be computed in a worker thread and applied to the site state on the crawl's thread.
 */
export interface PageAudit {
  findings: Finding[];
  /** Occurrences per check, including those beyond the per-check cap. */
  occurrences: Array<[checkId: string, count: number]>;
  /**
   * How many of `findings` (and which occurrences) come from the fetch checks alone: when the site
   * state shows the content was already audited under another URL, only these are kept.
   */
  fetchFindingCount: number;
  fetchOccurrences: Array<[checkId: string, count: number]>;
  links: string[];
  resources: ResourceRef[];
  /** False when the page's robots meta tag or X-Robots-Tag header says nofollow (or none). */
  followLinks: boolean;
  /** Null when the page has no auditable HTML content (error, non-2xx, not HTML, off-site). */
  content: PageContentRecord | null;
  /** Summary fields that come from the HTML (null without content). */
  title: string | null;
  description: string | null;
  h1: string | null;
  lang: string | null;
  /** Raw and rendered facts when the page was rendered (null otherwise, and without content). */
  render: PageRenderRecord | null;
}

export const KIND_CODE: Record<ResourceKind, number> = { image: 0, script: 1, stylesheet: 2, 'external-link': 3 };
const KNOWN_CHECKS: ReadonlySet<string> = new Set(CHECKS.map((check) => check.id));
const SUMMARY_TEXT_MAX = 300;

/** Audits pages one at a time without any site state (see PageAudit). */
export class PageAuditor {
  readonly thresholds: AuditThresholds;
  private readonly isInternalHost: (host: string) => boolean;

  constructor(options: PageAuditOptions) {
    this.thresholds = resolveThresholds(options.thresholds);
    const start = normalizeUrl(options.startUrl);
    if (start === null) throw new Error(`Invalid start URL: ${options.startUrl}`);
    this.isInternalHost = hostMatcher(new URL(start).hostname, options.internalHosts ?? []);
  }

  audit(page: FetchedPage): PageAudit {
    const t = this.thresholds;
    const out = new FindingEmitter(t.maxPageFindingsPerCheck, KNOWN_CHECKS);
    runFetchChecks(page, out, t);
    const fetchFindingCount = out.findings.length;
    const fetchOccurrences = [...out.occurrences];

    const finalUrl = normalizeUrl(page.finalUrl) ?? page.finalUrl;
    const statusOk = page.status >= 200 && page.status < 300;
    const finalParsed = safeParseUrl(finalUrl);
    // Content that ended up on another site (an off-site redirect) is not this site's content.
    const internalContent = finalParsed !== null && this.isInternalHost(finalParsed.hostname);
    const result: PageAudit = {
      findings: out.findings,
      occurrences: fetchOccurrences,
      fetchFindingCount,
      fetchOccurrences,
      links: [],
      resources: [],
      followLinks: !headerNofollow(page.headers['x-robots-tag']),
      content: null,
      title: null,
      description: null,
      h1: null,
      lang: null,
      render: null,
    };
    if (!statusOk || page.html === null || !internalContent) return result;

    // With a rendered snapshot the checks judge the rendered page (what Google indexes once it
    // renders); the raw HTML is still read for what crawlers without JavaScript see.
    const rendered = page.rendered;
    const raw = analyzePage(page, finalUrl, parsePage(page.html), page.html, this.isInternalHost);
    const useRendered = rendered !== undefined && !rendered.crashed && rendered.html.length > 0;
    const analysis = useRendered ? analyzePage(page, finalUrl, parsePage(rendered.html), rendered.html, this.isInternalHost) : raw;
    runHtmlChecks(analysis, out, t);
    if (rendered !== undefined) {
      if (useRendered) runRenderComparisonChecks(raw, analysis, out);
      runRenderOutcomeChecks(rendered, analysis.url, out);
      result.render = renderRecordOf(raw, useRendered ? analysis : null, rendered);
    }
    // Google does not render a page whose HTML response says noindex: it stays out of the index.
    const noindex = analysis.noindex || raw.robotsMeta.noindex;
    const collected = collectReferences(analysis);
    const cut = (value: string | null): string | null => (value === null ? null : truncate(value, SUMMARY_TEXT_MAX));
    result.occurrences = [...out.occurrences];
    result.links = collected.links;
    result.resources = collected.resources;
    result.followLinks = result.followLinks && !metaNofollow(analysis);
    result.title = cut(analysis.title);
    result.description = cut(analysis.description);
    result.h1 = cut(analysis.h1);
    result.lang = analysis.facts.htmlLang;
    const text = analysis.mainText;
    result.content = {
      url: analysis.url,
      noindex,
      canonicalUrl: analysis.canonical.url,
      indexable: analysis.indexable && !noindex,
      title: analysis.title,
      description: analysis.description,
      wordCount: text.wordCount,
      contentHash: text.contentHash,
      contentKey: text.contentKey,
      simhashHi: text.simhashHi,
      simhashLo: text.simhashLo,
      internalLinks: collected.internalLinks,
      references: collected.references,
      hreflang: analysis.hreflang.filter((entry) => entry.url !== null).map((entry) => [entry.url as string, entry.code]),
      fragmentTargets: fragmentTargetHashes(analysis),
      fragmentLinks: collected.fragmentLinks,
      language: pageLanguage(analysis),
      hreflangAnnotated: analysis.hreflang.length > 0 || /hreflang\s*=/i.test(page.headers['link'] ?? ''),
    };
    return result;
  }
}

/** A page rendered as a sample of an `auto` crawl: the raw HTML as served and the browser's snapshot. */
export interface RenderSampleInput {
  url: string;
  rawHtml: string | null;
  rendered: RenderedSnapshot;
  headers?: Record<string, string>;
}

/**
 * Raw and rendered facts of a sample page, as the audit of that page would record them (null when
 * there is no raw HTML or the page is on another site).
 */
export function renderRecordOfSample(auditor: PageAuditor, sample: RenderSampleInput): PageRenderRecord | null {
  if (sample.rawHtml === null) return null;
  const headers = sample.headers ?? { 'content-type': 'text/html; charset=utf-8' };
  const page: FetchedPage = {
    url: sample.url, finalUrl: sample.url, status: 200, headers, contentType: headers['content-type'] ?? null, html: sample.rawHtml,
    bodyBytes: sample.rawHtml.length, truncated: false, ttfbMs: 0, totalMs: 0, redirects: [], depth: 0, discoveredFrom: null, inSitemap: false,
    rendered: sample.rendered,
  };
  return auditor.audit(page).render;
}

/** The page summary: fetch facts from the page, HTML facts from the audit when its content counts. */
export function summarizePage(page: FetchedPage, audit: PageAudit | null): PageSummary {
  const content = audit?.content ?? null;
  return {
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    depth: page.depth,
    title: audit?.title ?? null,
    description: audit?.description ?? null,
    canonical: content?.canonicalUrl ?? null,
    h1: audit?.h1 ?? null,
    lang: audit?.lang ?? null,
    wordCount: content?.wordCount ?? 0,
    contentHash: content?.contentHash ?? null,
    indexable: content?.indexable ?? false,
    bodyBytes: page.bodyBytes,
    ttfbMs: page.ttfbMs,
    totalMs: page.totalMs,
    ...(audit !== null && audit.render !== null && content !== null ? { render: audit.render } : {}),
  };
}

/**
 * Crawlers obey only directives meant for every robot: the generic `robots` meta tag and header
 * values without an agent prefix (a `googlebot: nofollow` is Google's business).
 */
function metaNofollow(a: PageAnalysis): boolean {
  for (const meta of a.metaRobots) {
    if (meta.name === 'robots' && meta.content !== null && parseRobotsDirectives(meta.content).nofollow) return true;
  }
  return false;
}

function headerNofollow(value: string | undefined): boolean {
  if (value === undefined || value.length === 0) return false;
  return value.split(',').some((part) => !/^\s*[a-z][a-z0-9_-]*\s*:/i.test(part) && parseRobotsDirectives(part).nofollow);
}

function pageLanguage(a: PageAnalysis): string | null {
  const fromUrl = urlLanguage(a.parsedUrl);
  if (fromUrl !== null) return fromUrl;
  const htmlLang = a.facts.htmlLang?.trim() ?? '';
  return htmlLang.length > 0 && isValidHtmlLang(htmlLang) ? primaryLanguage(htmlLang) : null;
}

function fragmentTargetHashes(a: PageAnalysis): number[] | null {
  const targets = a.facts.fragmentTargets;
  if (targets.size > MAX_FRAGMENT_IDS_PER_PAGE) return null;
  const hashes: number[] = [];
  for (const id of targets) hashes.push(fnv1a32(id));
  return hashes;
}

interface CollectedReferences {
  links: string[];
  resources: ResourceRef[];
  internalLinks: Array<[string, number]>;
  references: Array<[string, number, number]>;
  fragmentLinks: Array<[string, string]>;
}

function collectReferences(a: PageAnalysis): CollectedReferences {
  const linkSet = new Set<string>();
  const fragmentLinks = new Map<string, [string, string]>();
  const internal = new Map<string, number>();
  const refs = new Map<string, [string, number, number]>();
  const resources: ResourceRef[] = [];
  const addResource = (rawValue: string, kind: ResourceKind): void => {
    const raw = rawValue.trim();
    if (raw.length === 0 || raw.startsWith('data:')) return;
    const resolved = normalizeUrl(raw, a.baseUrl);
    if (resolved === null || refs.has(resolved)) return;
    refs.set(resolved, [resolved, KIND_CODE[kind], hrefForm(raw, resolved)]);
    resources.push({ url: resolved, kind });
  };
  for (const anchor of a.anchors) {
    if (anchor.url === null) continue;
    linkSet.add(anchor.url);
    if (anchor.internal) {
      if (!internal.has(anchor.url)) internal.set(anchor.url, hrefForm(anchor.fact.href ?? '', anchor.url));
      const href = anchor.fact.href ?? '';
      const hash = href.indexOf('#');
      // Fragments on the page's own URL are checked by the page audit (link-fragment-broken).
      if (hash >= 0 && anchor.url !== a.url) {
        const fragment = href.slice(hash + 1).trim();
        const key = `${anchor.url}#${fragment}`;
        if (isCheckableFragment(fragment) && !fragmentLinks.has(key)) fragmentLinks.set(key, [anchor.url, fragment]);
      }
    } else {
      addResource(anchor.url, 'external-link');
    }
  }
  for (const link of a.facts.links) {
    if (link.href === null || !link.inHead) continue;
    if (link.rel.includes('next') || link.rel.includes('prev') || (link.rel.includes('alternate') && link.hreflang !== null)) {
      const resolved = normalizeUrl(link.href.trim(), a.baseUrl);
      if (resolved !== null) linkSet.add(resolved);
    }
  }
  if (a.canonical.url !== null) linkSet.add(a.canonical.url);
  for (const image of a.facts.images) if (image.src !== null) addResource(image.src, 'image');
  for (const script of a.facts.scripts) if (script.src !== null) addResource(script.src, 'script');
  for (const link of a.facts.links) if (link.href !== null && link.rel.includes('stylesheet')) addResource(link.href, 'stylesheet');
  return { links: [...linkSet], resources, internalLinks: [...internal], references: [...refs.values()], fragmentLinks: [...fragmentLinks.values()] };
}
