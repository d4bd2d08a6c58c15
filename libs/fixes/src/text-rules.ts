import { DEFAULT_THRESHOLDS, estimatePixelWidth, isSearchResultUrl, platformNoindexReason } from '@seology/audit';
import type { PageData, ProposalField } from './types';

/** Separators themes put between a page's name and the site's name in titles. */
const TITLE_SEPARATOR = /\s+(?:[|–—·•»‹›:]|-|::)\s+/;

/** The parts of a title around its separators ("Trail shoe – My Store" → ["Trail shoe", "My Store"]). */
export function titleParts(title: string): string[] {
  return title.split(TITLE_SEPARATOR).map((part) => part.trim()).filter(Boolean);
}

/**
 * The site name most titles of a site end (or start) with: WordPress and most themes print
 * "Page – Site title". Needs at least two titles sharing it, and half of all multi-part titles.
 */
export function commonTitleSuffix(titles: Array<string | null>): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  let multiPart = 0;
  for (const title of titles) {
    const parts = title ? titleParts(title) : [];
    if (parts.length < 2) continue;
    multiPart++;
    for (const part of new Set([parts[parts.length - 1]!, parts[0]!])) {
      const key = part.toLowerCase();
      const entry = counts.get(key) ?? { name: part, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n >= 2 && best.n * 2 >= multiPart ? best.name : null;
}

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/;
const IPV6 = /\[[0-9a-f:]+\](?::\d+)?/i;
/** A host name as text: "shop.example.com", "localhost:8080". */
const HOST_LIKE = /\b(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?::\d+)?\b/i;

/** Why a text is branded with something that is not the site's name (a connection label, the domain, an IP), or null. */
export function wrongBrand(value: string, notBrands: string[], siteName: string | null): string | null {
  if (IPV4.test(value) || IPV6.test(value)) return 'names an IP address instead of the site';
  const lower = value.toLowerCase();
  const own = siteName?.toLowerCase() ?? null;
  for (const name of notBrands) {
    const n = name.trim().toLowerCase();
    if (n.length < 3 || (own && (own === n || own.includes(n)))) continue;
    if (lower.includes(n)) return `names "${name}" (a connection label or address), not the site's own name`;
  }
  const host = HOST_LIKE.exec(value)?.[0];
  if (host && !(own && own.includes(host.toLowerCase()))) return `names the address "${host}" instead of the site's name`;
  return null;
}

/** Sentences a theme or plugin prints around content; never worth publishing as a page's text. */
const BOILERPLATE_PHRASES = [
  'your email address will not be published', 'required fields are marked', 'leave a reply', 'leave a comment', 'cancel reply',
  'save my name, email, and website', 'post comment', 'skip to content', 'proudly powered by', 'powered by wordpress',
  'we use cookies', 'this website uses cookies', 'accept all cookies', 'cookie policy', 'all rights reserved', 'log in to reply',
  'you must be logged in', 'search for:', 'posted in', 'posted on', 'read more', 'continue reading', 'uncategorized', 'add to cart',
];

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
}

function shingles(tokens: string[], n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(' '));
  return out;
}

/**
 * Why a text quotes the page's chrome rather than its content (menus, forms, comment areas, footers,
 * cookie banners), or null: a known boilerplate sentence, or three words in a row that the chrome
 * has and the content does not.
 */
export function quotesChrome(value: string, page: Pick<PageData, 'text' | 'chromeText'>): string | null {
  const lower = value.toLowerCase();
  const phrase = BOILERPLATE_PHRASES.find((p) => lower.includes(p) && !page.text.toLowerCase().includes(p));
  if (phrase) return `contains "${phrase}", which themes print around content`;
  if (!page.chromeText) return null;
  const content = shingles(words(page.text), 3);
  const chrome = new Set<string>();
  for (const line of page.chromeText.split('\n')) for (const s of shingles(words(line), 3)) chrome.add(s);
  // Menus are lists of short items, one text node each: join neighbouring lines too.
  for (const s of shingles(words(page.chromeText.replace(/\n/g, ' ')), 3)) chrome.add(s);
  for (const s of shingles(words(value), 3)) if (chrome.has(s) && !content.has(s)) return `quotes "${s}" from the page's navigation, header, footer, sidebar or forms`;
  return null;
}

/** Characters a person reads instead of an undecoded reference ("&lsaquo;", "&#8211;", "&amp;"). */
export function undecodedEntity(value: string): string | null {
  return /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(value)?.[0] ?? null;
}

const SENTENCE_END = /[.!?…](?=\s|$)/g;
const CLAUSE_END = /[,;:](?=\s)|\s[–—]\s|\s-\s/g;

/**
 * Shortens a text at its last sentence end that fits, else its last clause boundary, never inside a
 * word or phrase. Returns null when no boundary leaves at least `min` characters (then do not propose).
 */
export function shorten(text: string, fits: (candidate: string) => boolean, min = 1): string | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (fits(clean)) return clean;
  const ends = (pattern: RegExp) => [...clean.matchAll(pattern)].map((m) => m.index + (pattern === SENTENCE_END ? 1 : 0)).reverse();
  for (const end of ends(SENTENCE_END)) {
    const candidate = clean.slice(0, end).trim();
    if (candidate.length >= min && fits(candidate)) return candidate;
  }
  for (const end of ends(CLAUSE_END)) {
    const candidate = clean.slice(0, end).replace(/[\s,;:–—-]+$/, '').trim();
    if (candidate.length >= min && fits(candidate)) return candidate;
  }
  return null;
}

/** True when `value` is a prefix of `source` that stops inside a phrase (not at a sentence or clause end). */
export function cutMidPhrase(value: string, sources: Array<string | null>): boolean {
  const v = value.replace(/[.…]+$/, '').replace(/\s+/g, ' ').trim();
  if (v.length < 10) return false;
  for (const source of sources) {
    const s = source?.replace(/\s+/g, ' ').trim();
    if (!s || s.length <= v.length || !s.startsWith(v)) continue;
    const rest = s.slice(v.length);
    if (!/^(?:[.!?…,;:]|\s[–—|-]\s)/.test(rest)) return true;
  }
  return false;
}

/** How the audit measures titles and descriptions (pixels of Arial, as results show them). */
export function pixelLimitProblem(field: ProposalField, value: string, t = DEFAULT_THRESHOLDS): string | null {
  if (field === 'title') {
    const px = estimatePixelWidth(value, 20);
    if (px < t.titleMinPixels) return `title is about ${px} px wide (minimum ${t.titleMinPixels} px)`;
    if (px > t.titleMaxPixels) return `title is about ${px} px wide (results show ${t.titleMaxPixels} px)`;
  }
  if (field === 'metaDescription') {
    const px = estimatePixelWidth(value, 14);
    if (value.length < t.descriptionMinChars) return `description has ${value.length} characters (minimum ${t.descriptionMinChars})`;
    if (px > t.descriptionMaxPixels) return `description is about ${px} px wide (snippets show ${t.descriptionMaxPixels} px)`;
  }
  return null;
}

/** A current title or description the audit has nothing against (length and width), so nothing to gain by changing it. */
export function acceptable(field: 'title' | 'metaDescription', value: string | null): boolean {
  return !!value && value.trim().length > 0 && pixelLimitProblem(field, value.trim()) === null;
}

/**
 * Pages a platform keeps out of search on purpose: the audit's list (sign-in, password reset, cart,
 * checkout, account, comment-reply links), internal search, feeds, admin, API and preview URLs.
 * They are not noindex problems and never get an index proposal.
 */
export function keptOutOfSearch(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const platform = platformNoindexReason(u);
  if (platform) return `a ${platform}`;
  if (isSearchResultUrl(u)) return 'an internal search page';
  const path = u.pathname.toLowerCase();
  if (/\/feed\/?$|\/(?:rss|atom)(?:\.xml)?\/?$|\/comments\/feed/.test(path) || u.searchParams.has('feed')) return 'a feed';
  if (/^\/wp-(?:admin|json)(?:\/|$)/.test(path) || u.searchParams.has('rest_route') || u.searchParams.has('preview')) return 'an admin, API or preview address';
  return null;
}

/** The separator the site's own titles put before (or after) the site name, e.g. "|" in "Menu | My Bakery"; null when they do not show one. */
export function titleSeparatorOf(titles: Array<string | null>, siteName: string | null): string | null {
  if (!siteName) return null;
  const counts = new Map<string, number>();
  const name = siteName.toLowerCase();
  for (const title of titles) {
    const m = title ? /\s+([|–—·•»‹›:-]|::)\s+/.exec(title) : null;
    if (!m || !title!.toLowerCase().includes(name)) continue;
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The most frequent name, when at least half of the pages that name their site agree on it. */
function agreedName(names: string[]): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  for (const name of names) {
    const key = name.trim().toLowerCase();
    if (!key) continue;
    const entry = counts.get(key) ?? { name: name.trim(), n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n * 2 >= names.length ? best.name : null;
}

/**
 * The site's own name, the only brand a text may carry: the platform's site title (WordPress REST
 * root `name`), else what the pages call their site (og:site_name, JSON-LD WebSite/Organization
 * name), else the common title suffix of the crawled pages. Never the connection's label, the domain
 * or an IP; null when the site does not say (then no text is branded).
 */
export function siteNameOf(sources: { platformName?: string | null; pages?: Array<Pick<PageData, 'siteNames'>>; titles?: Array<string | null> }): string | null {
  const platform = sources.platformName?.trim();
  if (platform && !IPV4.test(platform) && !HOST_LIKE.test(platform)) return platform;
  const fromPages = agreedName((sources.pages ?? []).flatMap((p) => p.siteNames ?? []).filter((n) => !IPV4.test(n) && !HOST_LIKE.test(n)));
  if (fromPages) return fromPages;
  const suffix = commonTitleSuffix(sources.titles ?? []);
  return suffix && !IPV4.test(suffix) && !HOST_LIKE.test(suffix) ? suffix : null;
}
