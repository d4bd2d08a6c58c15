import robotsParser from 'robots-parser';
import type { AuditThresholds } from '../thresholds';
import { truncate, hammingDistance64 } from '../text/text-stats';
import { isPlatformPage } from '../url/platform-pages';
import { originOf } from '../url/url-utils';
import type { SiteFindingStore } from './finding-store';
import { referenceSelector } from './link-selectors';
import { lintRobotsTxt } from './robots-lint';
import {
  P_CONTENT,
  P_INDEXABLE,
  P_SIMHASH,
  RESOURCE_KIND_CODES,
  STATUS_UNREACHABLE,
  U_BROKEN,
  U_CANONICALISED,
  U_FETCHED,
  U_NOINDEX,
  U_REDIRECT,
  U_SITEMAP,
  metaForm,
  metaKind,
  refKey,
  refMeta,
  type SiteState,
} from './site-state';
import type { NumberIntMap } from './storage';

export interface SiteFilesState {
  robotsStatus: number;
  robotsBody: string | null;
  llmsStatus: number;
  sitemapCount: number;
}

export interface SiteCheckInput {
  state: SiteState;
  store: SiteFindingStore;
  thresholds: AuditThresholds;
  siteFiles: SiteFilesState | null;
  startUrl: string;
  /** Id of the start URL in the URL table (-1 when it was never seen). */
  startId: number;
  /** URL hash → URL id, for resolving hashed references. */
  keyIndex: NumberIntMap;
  /** Inlink counts and link depths including the links resolved at finish. */
  inlinks: Uint32Array;
  linkDepth: Int32Array;
}

/** AI assistants' crawlers whose access decides whether the site can be cited in AI answers. */
export const AI_CRAWLERS: readonly string[] = [
  'GPTBot',
  'OAI-SearchBot',
  'ChatGPT-User',
  'ClaudeBot',
  'Claude-SearchBot',
  'PerplexityBot',
  'Google-Extended',
  'Applebot-Extended',
  'CCBot',
  'meta-externalagent',
];

type Robots = ReturnType<typeof robotsParser>;

function statusText(status: number): string {
  return status > 0 ? `HTTP ${status}` : 'fetch failed';
}

function isOkStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

export function runSiteChecks(input: SiteCheckInput): void {
  const { state } = input;
  const robots = siteFileChecks(input);
  sitemapChecks(input, robots);
  const pageUrl = (pageIndex: number): string => (state.urls[state.pFinal[pageIndex] ?? 0] ?? '');
  for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
    if (((state.pFlags[pageIndex] ?? 0) & P_CONTENT) === 0) continue;
    canonicalTargetChecks(input, pageIndex, pageUrl(pageIndex));
    architectureChecks(input, pageIndex, pageUrl(pageIndex));
    hreflangReturnChecks(input, pageIndex, pageUrl(pageIndex));
    resourceChecks(input, pageIndex, pageUrl(pageIndex));
  }
  duplicateChecks(input, 'title', state.pTitle, state.firstTitle, state.secondTitle);
  duplicateChecks(input, 'description', state.pDescription, state.firstDescription, state.secondDescription);
  duplicateChecks(input, 'content', state.pContent, state.firstContent, state.secondContent);
  nearDuplicateChecks(input);
}

function siteFileChecks(input: SiteCheckInput): Robots | null {
  const files = input.siteFiles;
  if (files === null) return null;
  const { store } = input;
  const origin = originOf(input.startUrl);
  const robotsUrl = `${origin}/robots.txt`;
  let robots: Robots | null = null;
  const status = files.robotsStatus;
  if (status === 0 || status >= 500) {
    store.add('robots-txt-error', -1, () => ({
      checkId: 'robots-txt-error',
      url: robotsUrl,
      selector: null,
      message: `robots.txt could not be read (${statusText(status)}); Google then stops crawling the site.`,
      evidence: statusText(status),
    }));
  } else if (status >= 400) {
    store.add('robots-txt-missing', -1, () => ({ checkId: 'robots-txt-missing', url: robotsUrl, selector: null, message: 'The site has no robots.txt.', evidence: statusText(status) }));
  } else if (isOkStatus(status) && files.robotsBody !== null) {
    robots = robotsParser(robotsUrl, files.robotsBody);
    for (const problem of lintRobotsTxt(files.robotsBody)) {
      store.add('robots-txt-invalid-line', -1, () => ({
        checkId: 'robots-txt-invalid-line',
        url: robotsUrl,
        selector: null,
        message: `robots.txt line ${problem.line}: ${problem.problem}`,
        evidence: truncate(`line ${problem.line}: ${problem.text}`),
      }));
    }
    const home = `${origin}/`;
    if (robots.isDisallowed(home, 'Googlebot') === true) {
      store.add('robots-txt-blocks-site', -1, () => ({
        checkId: 'robots-txt-blocks-site',
        url: robotsUrl,
        selector: null,
        message: 'robots.txt disallows the home page for search engine crawlers.',
        evidence: `line ${robots!.getMatchingLineNumber(home, 'Googlebot')}`,
      }));
    }
    for (const bot of AI_CRAWLERS) {
      if (robots.isDisallowed(home, bot) === true) {
        store.add('ai-crawler-blocked', -1, () => ({
          checkId: 'ai-crawler-blocked',
          url: robotsUrl,
          selector: null,
          message: `robots.txt blocks the AI crawler ${bot}.`,
          evidence: bot,
        }));
      }
    }
  }
  // The crawler reads the sitemaps robots.txt names and, failing those, the well-known locations:
  // no URL from any of them means search engines find none either.
  if (files.sitemapCount === 0) {
    const named = robots === null ? [] : robots.getSitemaps();
    store.add('sitemap-missing', -1, () => ({
      checkId: 'sitemap-missing',
      url: `${origin}/sitemap.xml`,
      selector: null,
      message:
        named.length === 0
          ? 'No XML sitemap URLs were found (robots.txt names none; /sitemap.xml, /sitemap_index.xml and /wp-sitemap.xml were tried).'
          : 'No XML sitemap URLs were found: the sitemaps robots.txt names could not be read, nor /sitemap.xml, /sitemap_index.xml or /wp-sitemap.xml.',
      evidence: named.length === 0 ? null : truncate(named.join(' | ')),
    }));
  }
  if (!isOkStatus(files.llmsStatus)) {
    store.add('llms-txt-missing', -1, () => ({ checkId: 'llms-txt-missing', url: `${origin}/llms.txt`, selector: null, message: 'The site has no /llms.txt.', evidence: statusText(files.llmsStatus) }));
  }
  return robots;
}

function sitemapChecks(input: SiteCheckInput, robots: Robots | null): void {
  const { state, store } = input;
  for (let id = 0; id < state.urls.length; id++) {
    const flags = state.flags[id] ?? 0;
    if ((flags & U_SITEMAP) === 0) continue;
    const url = state.urls[id] ?? '';
    const pageIndex = state.pageOf[id] ?? -1;
    if ((flags & U_FETCHED) !== 0) {
      const status = state.status[id] ?? -1;
      if (status !== 200) {
        store.add('sitemap-non-200', pageIndex, () => ({ checkId: 'sitemap-non-200', url, selector: null, message: `The sitemap lists a URL that returns ${statusText(status)}.`, evidence: statusText(status) }));
      }
      if ((flags & U_NOINDEX) !== 0) {
        store.add('sitemap-noindex', pageIndex, () => ({ checkId: 'sitemap-noindex', url, selector: 'meta[name="robots"]', message: 'The sitemap lists a noindex page.', evidence: url }));
      }
      if ((flags & U_CANONICALISED) !== 0 && pageIndex >= 0) {
        const canonicalId = state.pCanonical[pageIndex] ?? -1;
        const canonical = canonicalId >= 0 ? (state.urls[canonicalId] ?? '') : '';
        store.add('sitemap-canonicalised', pageIndex, () => ({
          checkId: 'sitemap-canonicalised',
          url,
          selector: 'link[rel="canonical"]',
          message: 'The sitemap lists a URL that canonicalises to another URL.',
          evidence: truncate(canonical),
        }));
      }
    }
    if (robots !== null && robots.isDisallowed(url, 'Googlebot') === true) {
      store.add('sitemap-robots-blocked', pageIndex, () => ({
        checkId: 'sitemap-robots-blocked',
        url,
        selector: null,
        message: 'The sitemap lists a URL that robots.txt blocks.',
        evidence: `robots.txt line ${robots.getMatchingLineNumber(url, 'Googlebot')}`,
      }));
    }
  }
}

function canonicalTargetChecks(input: SiteCheckInput, pageIndex: number, url: string): void {
  const { state, store } = input;
  const targetId = state.pCanonical[pageIndex] ?? -1;
  if (targetId < 0) return;
  const flags = state.flags[targetId] ?? 0;
  if ((flags & U_FETCHED) === 0) return;
  const target = state.urls[targetId] ?? '';
  const status = state.status[targetId] ?? -1;
  const selector = 'link[rel="canonical"]';
  if ((flags & U_REDIRECT) !== 0) {
    store.add('canonical-to-redirect', pageIndex, () => ({ checkId: 'canonical-to-redirect', url, selector, message: `The canonical URL redirects (${statusText(status)}).`, evidence: truncate(target) }));
  }
  if ((flags & U_BROKEN) !== 0) {
    store.add('canonical-to-error', pageIndex, () => ({ checkId: 'canonical-to-error', url, selector, message: `The canonical URL is broken (${statusText(status)}).`, evidence: truncate(target) }));
  }
  if ((flags & U_NOINDEX) !== 0) {
    store.add('canonical-to-noindex', pageIndex, () => ({ checkId: 'canonical-to-noindex', url, selector, message: 'The canonical URL is a noindex page.', evidence: truncate(target) }));
  }
}

function architectureChecks(input: SiteCheckInput, pageIndex: number, url: string): void {
  const { state, store, thresholds } = input;
  const urlId = state.pUrl[pageIndex] ?? 0;
  const finalId = state.pFinal[pageIndex] ?? 0;
  const isStart = input.startId >= 0 && (urlId === input.startId || finalId === input.startId);
  const inSitemap = (((state.flags[urlId] ?? 0) | (state.flags[finalId] ?? 0)) & U_SITEMAP) !== 0;
  const inlinks = (input.inlinks[urlId] ?? 0) + (finalId !== urlId ? (input.inlinks[finalId] ?? 0) : 0);
  if (inSitemap && inlinks === 0 && !isStart) {
    store.add('orphan-page', pageIndex, () => ({ checkId: 'orphan-page', url, selector: null, message: 'The page is in the sitemap but no crawled page links to it.', evidence: '0 internal inlinks' }));
  }
  const depth = state.depthOf(pageIndex, input.linkDepth);
  // Sign-in, cart and account pages are reached through the platform's own links, not the site's structure.
  if (depth > thresholds.maxCrawlDepth && !isPlatformPage(url)) {
    store.add('crawl-depth-high', pageIndex, () => ({
      checkId: 'crawl-depth-high',
      url,
      selector: null,
      message: `The page is ${depth} clicks from the start page (threshold ${thresholds.maxCrawlDepth}).`,
      evidence: String(depth),
    }));
  }
}

function hreflangReturnChecks(input: SiteCheckInput, pageIndex: number, url: string): void {
  const { state, store, keyIndex } = input;
  const count = state.pHrefCount[pageIndex] ?? 0;
  if (count === 0) return;
  const start = state.pHrefStart[pageIndex] ?? 0;
  const selfIds = new Set([state.pUrl[pageIndex], state.pFinal[pageIndex]]);
  for (let i = 0; i < count; i++) {
    const base = start + 3 * i;
    const targetId = keyIndex.get(refKey(state.hreflang.get(base), state.hreflang.get(base + 1)));
    if (targetId === undefined || selfIds.has(targetId)) continue;
    const code = state.langCodes[state.hreflang.get(base + 2)] ?? '';
    const flags = state.flags[targetId] ?? 0;
    if ((flags & U_FETCHED) === 0) continue;
    const target = state.urls[targetId] ?? '';
    const selector = `link[hreflang="${code.replace(/["\\]/g, '\\$&')}"]`;
    const status = state.status[targetId] ?? -1;
    if (status !== 200 || (flags & U_REDIRECT) !== 0) {
      store.add('hreflang-target-non-200', pageIndex, () => ({
        checkId: 'hreflang-target-non-200',
        url,
        selector,
        message: `The hreflang "${code}" alternate returns ${statusText(status)}.`,
        evidence: truncate(target),
      }));
      continue;
    }
    const targetPage = state.pageOf[targetId] ?? -1;
    if (targetPage < 0 || ((state.pFlags[targetPage] ?? 0) & P_CONTENT) === 0) continue;
    if ((flags & U_CANONICALISED) !== 0) {
      const canonicalId = state.pCanonical[targetPage] ?? -1;
      store.add('hreflang-target-canonicalised', pageIndex, () => ({
        checkId: 'hreflang-target-canonicalised',
        url,
        selector,
        message: `The hreflang "${code}" alternate canonicalises to another URL.`,
        evidence: truncate(`${target} → ${canonicalId >= 0 ? state.urls[canonicalId] : '?'}`),
      }));
    }
    const targetStart = state.pHrefStart[targetPage] ?? 0;
    const targetCount = state.pHrefCount[targetPage] ?? 0;
    let linksBack = false;
    for (let j = 0; j < targetCount && !linksBack; j++) {
      const back = keyIndex.get(refKey(state.hreflang.get(targetStart + 3 * j), state.hreflang.get(targetStart + 3 * j + 1)));
      if (back !== undefined && selfIds.has(back)) linksBack = true;
    }
    if (!linksBack) {
      store.add('hreflang-missing-return', pageIndex, () => ({
        checkId: 'hreflang-missing-return',
        url,
        selector,
        message: `The hreflang "${code}" alternate does not link back to this page.`,
        evidence: truncate(target),
      }));
    }
  }
}

const KIND_ELEMENT: Record<(typeof RESOURCE_KIND_CODES)[number], [string, string]> = {
  image: ['img', 'src'],
  script: ['script', 'src'],
  stylesheet: ['link', 'href'],
  'external-link': ['a', 'href'],
};

const KIND_NOUN: Record<(typeof RESOURCE_KIND_CODES)[number], string> = { image: 'image', script: 'script', stylesheet: 'stylesheet', 'external-link': 'linked URL' };

function resourceChecks(input: SiteCheckInput, pageIndex: number, url: string): void {
  const { state, store, thresholds } = input;
  if (state.problemResources.size === 0) return;
  const start = state.pResStart[pageIndex] ?? 0;
  const count = state.pResCount[pageIndex] ?? 0;
  for (let i = 0; i < count; i++) {
    const second = state.resources.get(start + 2 * i + 1);
    const problem = state.problemResources.get(refKey(state.resources.get(start + 2 * i), second));
    if (problem === undefined) continue;
    const meta = refMeta(second);
    const kind = RESOURCE_KIND_CODES[metaKind(meta)];
    if (kind === undefined) continue;
    const [tag, attribute] = KIND_ELEMENT[kind];
    const status = state.problemStatus[problem] ?? 0;
    const bytes = state.problemBytes[problem] ?? 0;
    const target = state.problemUrls[problem] ?? null;
    const broken = status === 0 || status >= 400;
    let checkId: string | null = null;
    let message = '';
    if (status === STATUS_UNREACHABLE) {
      // Nothing is known about the URL itself: its host did not resolve or answer. Not a broken link.
      checkId = 'resource-unreachable';
      message = `The ${KIND_NOUN[kind]} could not be reached (DNS failure, refused or timed-out connection); it may be broken or the network may be at fault.`;
    } else if (kind === 'image' && broken) {
      checkId = 'image-broken';
      message = `The image returns ${statusText(status)}.`;
    } else if (kind === 'image' && bytes > thresholds.imageMaxBytes) {
      checkId = 'image-oversized';
      message = `The image is ${Math.round(bytes / 1024)} KB (threshold ${Math.round(thresholds.imageMaxBytes / 1024)} KB).`;
    } else if (kind === 'external-link' && broken) {
      checkId = 'broken-external-link';
      message = `The external link returns ${statusText(status)}.`;
    } else if ((kind === 'script' || kind === 'stylesheet') && broken) {
      checkId = 'asset-broken';
      message = `The ${kind} returns ${statusText(status)}.`;
    }
    if (checkId === null) continue;
    const id = checkId;
    if (target === null) {
      // URL not retained (more problem resources than kept): counted, but no example can name it.
      store.countOnly(id, pageIndex);
      continue;
    }
    store.add(id, pageIndex, () => ({
      checkId: id,
      url,
      selector: referenceSelector(tag, attribute, target, metaForm(meta)),
      message,
      evidence: truncate(id === 'image-oversized' ? `${target} (${bytes} bytes)` : id === 'resource-unreachable' ? `${target} (unreachable)` : `${target} (${statusText(status)})`),
    }));
  }
}

const DUPLICATE_CHECK = { title: 'title-duplicate', description: 'meta-description-duplicate', content: 'content-duplicate' } as const;
const DUPLICATE_SELECTOR = { title: 'title', description: 'meta[name="description"]', content: null } as const;

function duplicateChecks(input: SiteCheckInput, kind: 'title' | 'description' | 'content', keys: Float64Array, first: NumberIntMap, second: NumberIntMap): void {
  const { state, store } = input;
  const checkId = DUPLICATE_CHECK[kind];
  // Group sizes, only for keys known to be shared (second occurrence recorded).
  const sizes = new Map<number, number>();
  for (const [key] of second.entries()) sizes.set(key, 0);
  if (sizes.size === 0) return;
  for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
    const key = keys[pageIndex] ?? 0;
    if (key !== key || ((state.pFlags[pageIndex] ?? 0) & P_INDEXABLE) === 0) continue;
    const size = sizes.get(key);
    if (size !== undefined) sizes.set(key, size + 1);
  }
  for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
    const key = keys[pageIndex] ?? 0;
    if (key !== key) continue;
    const size = sizes.get(key);
    if (size === undefined || size < 2) continue;
    const firstPage = first.get(key) ?? -1;
    const otherPage = firstPage === pageIndex ? (second.get(key) ?? -1) : firstPage;
    const url = state.urls[state.pFinal[pageIndex] ?? 0] ?? '';
    store.add(checkId, pageIndex, () => {
      const other = otherPage >= 0 ? (state.urls[state.pFinal[otherPage] ?? 0] ?? '') : '';
      const text = state.duplicateText.get(key);
      const what = kind === 'content' ? 'main content' : kind;
      return {
        checkId,
        url,
        selector: DUPLICATE_SELECTOR[kind],
        message: `The ${what} is shared by ${size} pages (also on ${other}).`,
        evidence: truncate(text !== undefined ? `${text} | ${other}` : other),
      };
    });
  }
}

/**
 * Near duplicates by simhash banding: with four 16-bit bands, two hashes within Hamming distance 3
 * must agree exactly on at least one band (pigeonhole), so sorting by each band and comparing
 * neighbours inside equal-band runs finds them without comparing all pairs.
 */
function nearDuplicateChecks(input: SiteCheckInput): void {
  const { state, store, thresholds } = input;
  const candidates: number[] = [];
  for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
    if (((state.pFlags[pageIndex] ?? 0) & (P_SIMHASH | P_INDEXABLE)) === (P_SIMHASH | P_INDEXABLE)) candidates.push(pageIndex);
  }
  if (candidates.length < 2) return;
  const maxDistance = Math.min(3, Math.max(0, thresholds.nearDuplicateMaxDistance));
  const partner = new Int32Array(state.pageCount).fill(-1);
  const distanceOf = new Uint8Array(state.pageCount);
  const keys = new Float64Array(candidates.length);
  const WINDOW = 64;
  for (let band = 0; band < 4; band++) {
    for (let i = 0; i < candidates.length; i++) {
      const pageIndex = candidates[i] ?? 0;
      const word = (band < 2 ? state.pSimLo[pageIndex] : state.pSimHi[pageIndex]) ?? 0;
      const bandValue = band % 2 === 0 ? word & 0xffff : word >>> 16;
      keys[i] = bandValue * 0x100000000 + pageIndex;
    }
    keys.sort();
    for (let i = 0; i < keys.length; i++) {
      const bandA = Math.floor((keys[i] ?? 0) / 0x100000000);
      const a = (keys[i] ?? 0) - bandA * 0x100000000;
      for (let j = i + 1; j < keys.length && j <= i + WINDOW; j++) {
        const bandB = Math.floor((keys[j] ?? 0) / 0x100000000);
        if (bandB !== bandA) break;
        const b = (keys[j] ?? 0) - bandB * 0x100000000;
        const distance = hammingDistance64(state.pSimHi[a] ?? 0, state.pSimLo[a] ?? 0, state.pSimHi[b] ?? 0, state.pSimLo[b] ?? 0);
        if (distance > maxDistance) continue;
        // Exact duplicates are reported by content-duplicate; keep this check for the "almost" cases.
        if (state.pContent[a] === state.pContent[b]) continue;
        if ((partner[a] ?? -1) < 0) {
          partner[a] = b;
          distanceOf[a] = distance;
        }
        if ((partner[b] ?? -1) < 0) {
          partner[b] = a;
          distanceOf[b] = distance;
        }
      }
    }
  }
  for (const pageIndex of candidates) {
    const other = partner[pageIndex] ?? -1;
    if (other < 0) continue;
    const url = state.urls[state.pFinal[pageIndex] ?? 0] ?? '';
    store.add('content-near-duplicate', pageIndex, () => ({
      checkId: 'content-near-duplicate',
      url,
      selector: null,
      message: `The main content is nearly identical to ${state.urls[state.pFinal[other] ?? 0]} (simhash distance ${distanceOf[pageIndex]} of 64).`,
      evidence: truncate(state.urls[state.pFinal[other] ?? 0] ?? ''),
    }));
  }
}
