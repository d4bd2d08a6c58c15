import type { FetchedPage } from '../model';
import type { AnchorFact, ImageFact, LinkFact, MetaFact, PageFacts } from '../html/page-parser';
import { analyzeText, collapseWhitespace, measureText, type TextStats } from '../text/text-stats';
import { hostOfNormalized, normalizeUrl, resolveHref, siteHostKey, type HrefKind } from '../url/url-utils';

export interface RobotsDirectives {
  noindex: boolean;
  nofollow: boolean;
  nosnippet: boolean;
}

/** One <a> after URL resolution. */
export interface ResolvedAnchor {
  fact: AnchorFact;
  kind: HrefKind;
  url: string | null;
  internal: boolean;
  /** Lower-cased host name of the target ('' when unresolved). */
  host: string;
  /** Accessible name: text, linked image alt, aria-label or title. */
  name: string;
  /** Visible text plus linked image alt (what search engines use as anchor text). */
  anchorText: string;
}

export interface HreflangEntry {
  code: string;
  url: string | null;
  link: LinkFact;
}

export interface CanonicalInfo {
  /** Canonical declarations in <head>, in document order. */
  headLinks: LinkFact[];
  bodyLinks: LinkFact[];
  /** Resolved URL from the first head canonical, or the Link header when there is no tag. */
  url: string | null;
  headerUrl: string | null;
  htmlUrl: string | null;
  /** All distinct resolved canonical URLs (tags in head + header). */
  distinct: string[];
}

/** Everything the page checks need, derived once from the parsed facts. */
export interface PageAnalysis {
  page: FetchedPage;
  /** URL the content lives at (after redirects). */
  url: string;
  parsedUrl: URL;
  baseUrl: URL;
  isHttps: boolean;
  facts: PageFacts;
  html: string;
  metaRobots: MetaFact[];
  robotsMeta: RobotsDirectives;
  robotsHeader: RobotsDirectives;
  noindex: boolean;
  canonical: CanonicalInfo;
  title: string | null;
  description: string | null;
  h1: string | null;
  mainText: TextStats;
  visibleWordCount: number;
  visibleTextChars: number;
  anchors: ResolvedAnchor[];
  hreflang: HreflangEntry[];
  indexable: boolean;
}

const EMPTY_DIRECTIVES: RobotsDirectives = { noindex: false, nofollow: false, nosnippet: false };

/** Parses robots directives ("noindex, nofollow", "googlebot: noindex", "none", "max-snippet:0"). */
export function parseRobotsDirectives(value: string, into: RobotsDirectives = { ...EMPTY_DIRECTIVES }): RobotsDirectives {
  for (const rawPart of value.toLowerCase().split(',')) {
    let part = rawPart.trim();
    // A leading "agent:" names the crawler the rule is for; only generic and Google/Bing rules matter here.
    const agent = /^([a-z][a-z0-9_-]*)\s*:\s*(.*)$/.exec(part);
    if (agent !== null && !['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after'].includes(agent[1] ?? '')) {
      if (!['googlebot', 'bingbot', 'robots', 'otherbot'].includes(agent[1] ?? '') && agent[1] !== '*') continue;
      part = (agent[2] ?? '').trim();
    }
    for (const token of part.split(/\s+/)) {
      if (token === 'noindex' || token === 'none') into.noindex = true;
      if (token === 'nofollow' || token === 'none') into.nofollow = true;
      if (token === 'nosnippet') into.nosnippet = true;
    }
    if (/max-snippet\s*:\s*0(?!\d)/.test(part)) into.nosnippet = true;
  }
  return into;
}

/** Extracts canonical targets from a Link header: `<https://a/>; rel="canonical", <...>; rel=alternate`. */
export function parseLinkHeaderCanonicals(value: string | undefined): string[] {
  if (value === undefined || value.length === 0) return [];
  const out: string[] = [];
  const pattern = /<([^>]*)>\s*((?:;[^,<]*)*)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value)) !== null) {
    const params = (match[2] ?? '').toLowerCase();
    if (/;\s*rel\s*=\s*"?[^";]*\bcanonical\b/.test(params)) out.push((match[1] ?? '').trim());
  }
  return out;
}

export function firstNonEmpty(values: (string | null | undefined)[]): string | null {
  for (const value of values) if (value !== null && value !== undefined && value.trim().length > 0) return value;
  return null;
}

export function analyzePage(page: FetchedPage, contentUrl: string, facts: PageFacts, html: string, isInternalHost: (host: string) => boolean): PageAnalysis {
  const parsedUrl = new URL(contentUrl);
  let baseUrl = parsedUrl;
  if (facts.baseHref !== null) {
    const base = normalizeUrl(facts.baseHref, parsedUrl);
    if (base !== null) baseUrl = new URL(base);
  }

  const metaRobots = facts.metas.filter((meta) => meta.name === 'robots' || meta.name === 'googlebot');
  const robotsMeta: RobotsDirectives = { ...EMPTY_DIRECTIVES };
  for (const meta of metaRobots) if (meta.content !== null) parseRobotsDirectives(meta.content, robotsMeta);
  const robotsHeader = parseRobotsDirectives(page.headers['x-robots-tag'] ?? '');
  const noindex = robotsMeta.noindex || robotsHeader.noindex;

  const headLinks: LinkFact[] = [];
  const bodyLinks: LinkFact[] = [];
  for (const link of facts.links) {
    if (!link.rel.includes('canonical')) continue;
    (link.inHead ? headLinks : bodyLinks).push(link);
  }
  const distinct = new Set<string>();
  let htmlUrl: string | null = null;
  for (const link of headLinks) {
    const resolved = link.href === null || link.href.trim() === '' ? null : normalizeUrl(link.href.trim(), baseUrl);
    if (resolved !== null) {
      if (htmlUrl === null) htmlUrl = resolved;
      distinct.add(resolved);
    }
  }
  let headerUrl: string | null = null;
  for (const raw of parseLinkHeaderCanonicals(page.headers['link'])) {
    const resolved = normalizeUrl(raw, parsedUrl);
    if (resolved !== null) {
      if (headerUrl === null) headerUrl = resolved;
      distinct.add(resolved);
    }
  }
  const canonical: CanonicalInfo = { headLinks, bodyLinks, url: htmlUrl ?? headerUrl, headerUrl, htmlUrl, distinct: [...distinct] };

  const headTitle = facts.titles.find((title) => title.inHead) ?? facts.titles[0];
  const title = headTitle === undefined ? null : collapseWhitespace(headTitle.text);
  const descriptionMeta = facts.metas.find((meta) => meta.name === 'description' && meta.inHead) ?? facts.metas.find((meta) => meta.name === 'description');
  const description = descriptionMeta === undefined ? null : collapseWhitespace(descriptionMeta.content ?? '');
  const firstH1 = facts.headings.find((heading) => heading.level === 1);
  const h1 = firstH1 === undefined ? null : collapseWhitespace(firstH1.text);

  const mainText = analyzeText(facts.mainText);
  const boilerplate = measureText(facts.boilerplateText);
  const visible = {
    wordCount: mainText.wordCount + boilerplate.wordCount,
    collapsedLength: mainText.collapsedLength + boilerplate.collapsedLength + (boilerplate.collapsedLength > 0 && mainText.collapsedLength > 0 ? 1 : 0),
  };

  const resolveCache = new Map<string, { kind: HrefKind; url: string | null }>();
  const anchors: ResolvedAnchor[] = [];
  for (const fact of facts.anchors) {
    const raw = fact.href;
    let resolved = raw === null ? undefined : resolveCache.get(raw);
    if (resolved === undefined) {
      resolved = resolveHref(raw, baseUrl);
      if (raw !== null) resolveCache.set(raw, resolved);
    }
    let internal = false;
    let host = '';
    if (resolved.url !== null) {
      host = hostOfNormalized(resolved.url);
      internal = isInternalHost(host);
    }
    const text = collapseWhitespace(fact.text);
    const alt = collapseWhitespace(fact.imageAlt);
    const anchorText = text.length > 0 && alt.length > 0 ? `${text} ${alt}` : text || alt;
    const name = anchorText || collapseWhitespace(fact.ariaLabel) || collapseWhitespace(fact.titleAttr);
    anchors.push({ fact, kind: resolved.kind, url: resolved.url, internal, host, name, anchorText });
  }

  const hreflang: HreflangEntry[] = [];
  for (const link of facts.links) {
    if (!link.inHead || link.hreflang === null || !link.rel.includes('alternate')) continue;
    const url = link.href === null || link.href.trim() === '' ? null : normalizeUrl(link.href.trim(), baseUrl);
    hreflang.push({ code: link.hreflang.trim(), url, link });
  }

  const statusOk = page.status >= 200 && page.status < 300;
  const indexable = statusOk && !noindex && (canonical.url === null || canonical.url === contentUrl);

  return {
    page,
    url: contentUrl,
    parsedUrl,
    baseUrl,
    isHttps: parsedUrl.protocol === 'https:',
    facts,
    html,
    metaRobots,
    robotsMeta,
    robotsHeader,
    noindex,
    canonical,
    title,
    description,
    h1,
    mainText,
    visibleWordCount: visible.wordCount,
    visibleTextChars: visible.collapsedLength,
    anchors,
    hreflang,
    indexable,
  };
}

export function hostMatcher(startHost: string, extraHosts: readonly string[] = []): (host: string) => boolean {
  const keys = new Set([siteHostKey(startHost), ...extraHosts.map(siteHostKey)]);
  return (host: string) => keys.has(siteHostKey(host));
}

export type { ImageFact };
