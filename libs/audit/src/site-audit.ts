import { CHECKS } from './catalogue';
import type { AuditResult, FetchedPage, Finding, PageOutcome, ResourceResult, SiteFiles } from './model';
import { PageAuditor, summarizePage, type PageAudit, type PageAuditOptions, type PageContentRecord } from './page-audit';
import { causeKnee, computeHealthScore, type HealthInput } from './scoring';
import { TemplateFindings } from './template-findings';
import { SiteFindingStore, type FindingStoreSnapshot } from './site/finding-store';
import { FragmentLinks, type FragmentLinksSnapshot } from './site/fragment-links';
import { SiteLanguages, type SiteLanguagesSnapshot } from './site/site-languages';
import { ChunkedU32List } from './site/storage';
import { referenceSelector } from './site/link-selectors';
import { runSiteChecks, type SiteFilesState } from './site/site-checks';
import {
  HREF_OTHER,
  P_CONTENT,
  P_INDEXABLE,
  P_SIMHASH,
  SiteState,
  U_BROKEN,
  U_CANONICALISED,
  U_CONTENT,
  U_FETCHED,
  U_NOINDEX,
  U_REDIRECT,
  STATUS_UNREACHABLE,
  U_SITEMAP,
  U_STATUS_OK_HTML,
  metaForm,
  packMeta,
  refKey,
  refMeta,
  refWords,
  type SiteStateSnapshot,
} from './site/site-state';
import { hash52, truncate } from './text/text-stats';
import { resolveThresholds, type AuditThresholds } from './thresholds';
import { isPlatformPage } from './url/platform-pages';
import { normalizeUrl, urlKey } from './url/url-utils';

export interface SiteAuditOptions {
  /** The crawl's start URL: defines the site's host and depth 0. */
  startUrl: string;
  thresholds?: Partial<AuditThresholds>;
  /** Additional host names treated as the same site (e.g. a separate www/apex or a CDN-less alias). */
  internalHosts?: string[];
}

interface SiteAuditSnapshot {
  format: 'seology-site-audit';
  version: 1;
  options: { startUrl: string; thresholds: AuditThresholds; internalHosts: string[] };
  pagesAudited: number;
  pagesOk?: number;
  templates?: unknown;
  pageOccurrences: Record<string, number>;
  pageAffected: Record<string, number>;
  siteFiles: SiteFilesState | null;
  state: SiteStateSnapshot;
  liveFindings: FindingStoreSnapshot;
  fragments?: FragmentLinksSnapshot;
  languages?: SiteLanguagesSnapshot;
}

/** Problem resources whose URL string is retained for examples; later ones are still counted. */
const MAX_RETAINED_RESOURCE_URLS = 20_000;
/** Healthy resources remembered at most (see SiteState.healthyResources); beyond it references are simply stored. */
const MAX_HEALTHY_RESOURCES = 200_000;
/** Pending-link words that must accumulate before a compaction is worth its pass over the list. */
const COMPACTION_MIN_WORDS = 1 << 18;

function isBrokenStatus(status: number): boolean {
  return status === 0 || status >= 400;
}

/**
 * Audits a crawl page by page. `addPage` parses each HTML document once, returns the page-level
 * findings (they are not retained) and keeps only compact per-page state; `finish` runs the
 * site-level checks over that state.
 *
 * `addPage` is the page-level half (PageAuditor, stateless) followed by `addAuditedPage`, the
 * site-level half. A crawler can run the first in worker threads (built from `pageAuditOptions()`)
 * and hand the results to `addAuditedPage` on its own thread.
 */
export class SiteAudit {
  readonly thresholds: AuditThresholds;
  readonly startUrl: string;
  private readonly startKey: string;
  private readonly internalHosts: string[];
  private readonly pageAuditor: PageAuditor;
  private state = new SiteState();
  /** Site-level findings that are decided while the crawl runs (links to already-fetched targets, robots blocks). */
  private live: SiteFindingStore;
  private pageOccurrences = new Map<string, number>();
  private pageAffected = new Map<string, number>();
  private pagesAudited = 0;
  /** Pages that answered 2xx: none means the site is down, whatever the checks found. */
  private pagesOk = 0;
  private templates = new TemplateFindings();
  private fragments = new FragmentLinks();
  private languages = new SiteLanguages();
  private siteFiles: SiteFilesState | null = null;

  constructor(options: SiteAuditOptions) {
    this.thresholds = resolveThresholds(options.thresholds);
    const start = normalizeUrl(options.startUrl);
    if (start === null) throw new Error(`Invalid start URL: ${options.startUrl}`);
    this.startUrl = start;
    this.startKey = urlKey(start);
    this.internalHosts = [...(options.internalHosts ?? [])];
    this.pageAuditor = new PageAuditor({ startUrl: start, thresholds: this.thresholds, internalHosts: this.internalHosts });
    this.live = new SiteFindingStore(this.thresholds.maxSiteFindingsPerCheck);
  }

  /** robots.txt, llms.txt and sitemap URLs; may be called before, during or after the pages, and more than once. */
  setSiteFiles(files: SiteFiles): void {
    const previous = this.siteFiles;
    let sitemapCount = previous?.sitemapCount ?? 0;
    for (const raw of files.sitemapUrls) {
      const url = normalizeUrl(raw);
      if (url === null) continue;
      const id = this.state.intern(urlKey(url), url);
      if (((this.state.flags[id] ?? 0) & U_SITEMAP) === 0) sitemapCount++;
      this.state.flags[id] = (this.state.flags[id] ?? 0) | U_SITEMAP;
    }
    this.siteFiles = {
      robotsStatus: files.robotsTxt.status,
      robotsBody: files.robotsTxt.body,
      llmsStatus: files.llmsTxt.status,
      sitemapCount,
    };
  }

  /** Plain-data options from which a PageAuditor equivalent to this audit's own can be built (e.g. in a worker thread). */
  pageAuditOptions(): PageAuditOptions {
    return { startUrl: this.startUrl, thresholds: { ...this.thresholds }, internalHosts: [...this.internalHosts] };
  }

  addPage(page: FetchedPage): PageOutcome {
    return this.addAuditedPage(page, this.pageAuditor.audit(page));
  }

  /**
   * The site-level half of addPage: records the fetch and, unless the same content was already
   * audited under another URL, the page's content record. `page.html` is not used (it may be null
   * when the page-level audit ran elsewhere); `audit` must come from a PageAuditor with this
   * audit's `pageAuditOptions()`.
   */
  addAuditedPage(page: FetchedPage, audit: PageAudit): PageOutcome {
    const state = this.state;
    const url = normalizeUrl(page.url) ?? page.url;
    const finalUrl = normalizeUrl(page.finalUrl) ?? page.finalUrl;

    const urlId = state.intern(urlKey(url), url);
    const finalId = state.intern(urlKey(finalUrl), finalUrl);
    const alreadySeen = (state.pageOf[urlId] ?? -1) >= 0 && ((state.flags[urlId] ?? 0) & U_FETCHED) !== 0;
    const contentSeen = ((state.flags[finalId] ?? 0) & U_CONTENT) !== 0;
    this.recordFetch(page, urlId, finalId);

    let pageIndex = -1;
    if (!alreadySeen) {
      pageIndex = state.addPage(urlId, finalId, page.depth);
      this.pagesAudited++;
      if (page.status >= 200 && page.status < 300) this.pagesOk++;
      if (urlKey(url) === this.startKey || urlKey(finalUrl) === this.startKey) state.updateLinkDepth(urlId, 0);
    }
    if (page.inSitemap) state.flags[urlId] = (state.flags[urlId] ?? 0) | U_SITEMAP;

    // Content already audited under another URL (two URLs redirecting to one) counts once: only the
    // fetch-level findings of this URL are kept.
    const content = contentSeen ? null : audit.content;
    let findings = audit.findings;
    let occurrences = audit.occurrences;
    if (contentSeen) {
      findings = findings.slice(0, audit.fetchFindingCount);
      occurrences = audit.fetchOccurrences;
    }
    if (content !== null) {
      state.flags[finalId] = (state.flags[finalId] ?? 0) | (U_CONTENT | U_STATUS_OK_HTML);
      if (pageIndex >= 0) this.registerContent(pageIndex, content);
    }

    // A URL handed over again is reported again but not counted twice.
    if (!alreadySeen) {
      this.countPageFindings(occurrences);
      this.templates.addPage(url, findings);
    }

    return {
      links: content === null ? [] : audit.links,
      resources: content === null ? [] : audit.resources,
      findings,
      summary: summarizePage(page, content === null ? null : audit),
      followLinks: content === null ? true : audit.followLinks,
    };
  }

  private countPageFindings(occurrences: ReadonlyArray<readonly [string, number]>): void {
    for (const [checkId, count] of occurrences) {
      this.pageOccurrences.set(checkId, (this.pageOccurrences.get(checkId) ?? 0) + count);
      this.pageAffected.set(checkId, (this.pageAffected.get(checkId) ?? 0) + 1);
    }
  }

  addResourceResult(url: string, result: ResourceResult): void {
    const key = urlKey(normalizeUrl(url) ?? url);
    const status = result.status > 0 ? Math.min(999, Math.round(result.status)) : result.unreachable === true ? STATUS_UNREACHABLE : 0;
    const bytes = result.bytes !== undefined && result.bytes > 0 ? Math.min(0xffffffff, Math.round(result.bytes)) : 0;
    const broken = status <= 0 || status >= 400;
    // Only problems are kept: a healthy resource needs no state at all.
    const hash = hash52(key);
    if (broken || bytes > this.thresholds.imageMaxBytes) {
      this.state.recordProblemResource(hash, key, status, bytes, MAX_RETAINED_RESOURCE_URLS);
    } else if (this.state.problemResources.get(hash) !== undefined) {
      this.state.recordProblemResource(hash, key, status, bytes, MAX_RETAINED_RESOURCE_URLS);
    } else if (this.state.healthyResources.size < MAX_HEALTHY_RESOURCES) {
      this.state.healthyResources.set(hash, 1);
    }
  }

  addRobotsBlocked(url: string, fromUrl: string): void {
    const state = this.state;
    const target = normalizeUrl(url) ?? url;
    const from = normalizeUrl(fromUrl) ?? fromUrl;
    const fromId = state.lookup(urlKey(from));
    const pageIndex = fromId >= 0 ? (state.pageOf[fromId] ?? -1) : -1;
    this.live.add('robots-blocked-linked', pageIndex, () => ({
      checkId: 'robots-blocked-linked',
      url: from,
      selector: referenceSelector('a', 'href', target, HREF_OTHER),
      message: 'The page links to a URL that robots.txt blocks.',
      evidence: truncate(target),
    }));
  }

  finish(): AuditResult {
    const store = this.live.clone();
    const state = this.state;
    const keyIndex = state.fetchedKeys;
    // Links recorded before their targets were fetched: count them now (inlinks, depth) and check their status.
    const inlinks = state.inlinks.slice();
    const linkDepth = state.linkDepth.slice();
    for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
      const start = state.pLinkStart[pageIndex] ?? 0;
      const count = state.pLinkCount[pageIndex] ?? 0;
      const sourceDepth = state.depthOf(pageIndex);
      for (let i = 0; i < count; i++) {
        const lo = state.links.get(start + 2 * i);
        const second = state.links.get(start + 2 * i + 1);
        const targetId = keyIndex.get(refKey(lo, second));
        if (targetId === undefined) continue;
        inlinks[targetId] = (inlinks[targetId] ?? 0) + 1;
        if (sourceDepth >= 0 && sourceDepth + 1 < (linkDepth[targetId] ?? Infinity)) linkDepth[targetId] = sourceDepth + 1;
        this.resolveLink(store, pageIndex, targetId, metaForm(refMeta(second)));
      }
    }
    this.fragments.report(state, keyIndex, store);
    this.languages.report(store, this.startUrl, (this.pageOccurrences.get('hreflang-in-links-only') ?? 0) > 0);
    runSiteChecks({ state, store, thresholds: this.thresholds, siteFiles: this.siteFiles, startUrl: this.startUrl, startId: state.lookup(this.startKey), keyIndex, inlinks, linkDepth });

    const countsByCheck: Record<string, number> = {};
    const pagesAffectedByCheck: Record<string, number> = {};
    const cappedChecks: string[] = [];
    for (const check of CHECKS) {
      const count = (this.pageOccurrences.get(check.id) ?? 0) + store.count(check.id);
      if (count === 0) continue;
      countsByCheck[check.id] = count;
      pagesAffectedByCheck[check.id] = (this.pageAffected.get(check.id) ?? 0) + store.affectedPages(check.id) || (check.affects === 'site' ? 1 : 0);
      if (store.isCapped(check.id)) cappedChecks.push(check.id);
    }
    const widespreadCauses = this.templates.widespread(causeKnee(this.pagesAudited));
    const healthScore = computeHealthScore({ pagesAudited: this.pagesAudited, pagesAffectedByCheck, pagesOk: this.pagesOk, widespreadCauses });
    const templateFindings = this.templates.result(this.pagesAudited);
    function* pageInlinks(): Iterable<[string, number]> {
      for (let id = 0; id < state.urls.length; id++) if ((state.pageOf[id] ?? -1) >= 0) yield [state.urls[id] ?? '', inlinks[id] ?? 0];
    }
    const templateGroupingIncomplete = this.templates.incompleteChecks(causeKnee(this.pagesAudited));
    const result: AuditResult = {
      findings: store.findings(),
      healthScore,
      countsByCheck,
      pagesAudited: this.pagesAudited,
      pagesAffectedByCheck,
      widespreadCauses,
      cappedChecks,
      templateFindings,
      ...(templateGroupingIncomplete.length > 0 ? { templateGroupingIncomplete } : {}),
    };
    // A view over the state, not data: kept out of JSON reports and out of result comparisons.
    Object.defineProperty(result, 'pageInlinks', { value: pageInlinks, enumerable: false });
    return result;
  }

  /** Approximate bytes of retained site state (for memory budgeting and diagnostics). */
  retainedBytes(): number {
    return this.state.retainedBytes() + this.fragments.bytes();
  }

  snapshot(): unknown {
    const snapshot: SiteAuditSnapshot = {
      format: 'seology-site-audit',
      version: 1,
      options: { startUrl: this.startUrl, thresholds: { ...this.thresholds }, internalHosts: [...this.internalHosts] },
      pagesAudited: this.pagesAudited,
      pagesOk: this.pagesOk,
      templates: this.templates.snapshot(),
      pageOccurrences: Object.fromEntries(this.pageOccurrences),
      pageAffected: Object.fromEntries(this.pageAffected),
      siteFiles: this.siteFiles === null ? null : { ...this.siteFiles },
      state: this.state.snapshot(),
      liveFindings: this.live.snapshot(),
      fragments: this.fragments.snapshot(this.state.pageCount),
      languages: this.languages.snapshot(),
    };
    return snapshot;
  }

  static restore(snapshot: unknown): SiteAudit {
    const data = snapshot as SiteAuditSnapshot;
    if (data === null || typeof data !== 'object' || data.format !== 'seology-site-audit' || data.version !== 1) {
      throw new Error('Not a SiteAudit snapshot (or an unsupported version)');
    }
    const audit = new SiteAudit({ startUrl: data.options.startUrl, thresholds: data.options.thresholds, internalHosts: data.options.internalHosts });
    audit.pagesAudited = data.pagesAudited;
    // Snapshots from before pagesOk was kept: assume the site answered.
    audit.pagesOk = data.pagesOk ?? data.pagesAudited;
    audit.templates = TemplateFindings.restore(data.templates);
    audit.pageOccurrences = new Map(Object.entries(data.pageOccurrences));
    audit.pageAffected = new Map(Object.entries(data.pageAffected));
    audit.siteFiles = data.siteFiles === null ? null : { ...data.siteFiles };
    audit.state = SiteState.restore(data.state);
    audit.live = SiteFindingStore.restore(data.liveFindings, audit.thresholds.maxSiteFindingsPerCheck);
    audit.fragments = FragmentLinks.restore(data.fragments);
    audit.languages = SiteLanguages.restore(data.languages);
    return audit;
  }

  static healthScore(input: HealthInput): number {
    return computeHealthScore(input);
  }

  private recordFetch(page: FetchedPage, urlId: number, finalId: number): void {
    const state = this.state;
    const clamp = (status: number): number => Math.max(0, Math.min(999, status));
    const outcome = isBrokenStatus(page.status) ? U_BROKEN : 0;
    // Every hop leads to the same final outcome, so a link to any of them is as broken as the chain's end.
    for (const hop of page.redirects) {
      const hopUrl = normalizeUrl(hop.url) ?? hop.url;
      const hopId = state.intern(urlKey(hopUrl), hopUrl);
      state.status[hopId] = clamp(hop.status);
      state.flags[hopId] = (state.flags[hopId] ?? 0) | (outcome | (hop.status >= 300 && hop.status < 400 ? U_REDIRECT : 0));
      state.markFetched(hopId);
    }
    state.status[finalId] = clamp(page.status);
    state.flags[finalId] = (state.flags[finalId] ?? 0) | (outcome | (page.status >= 300 && page.status < 400 ? U_REDIRECT : 0));
    state.markFetched(finalId);
    if (urlId !== finalId) {
      state.flags[urlId] = (state.flags[urlId] ?? 0) | (outcome | (page.redirects.length > 0 ? U_REDIRECT : 0));
      state.markFetched(urlId);
      if (((state.flags[urlId] ?? 0) & U_REDIRECT) !== 0 && ((state.status[urlId] ?? -1) < 300 || (state.status[urlId] ?? -1) >= 400)) {
        state.status[urlId] = clamp(page.redirects[0]?.status ?? page.status);
      }
    }
  }

  /**
   * Resolves pending links whose targets have been fetched since they were recorded and drops them
   * from the list. Runs whenever the list has doubled, so it costs O(1) amortised per link and the
   * list only keeps links to targets that are still unfetched.
   */
  private compactPendingLinks(): void {
    const state = this.state;
    const next = new ChunkedU32List();
    for (let pageIndex = 0; pageIndex < state.pageCount; pageIndex++) {
      const start = state.pLinkStart[pageIndex] ?? 0;
      const count = state.pLinkCount[pageIndex] ?? 0;
      state.pLinkStart[pageIndex] = next.length;
      if (count === 0) continue;
      const sourceDepth = state.depthOf(pageIndex);
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const lo = state.links.get(start + 2 * i);
        const second = state.links.get(start + 2 * i + 1);
        const targetId = state.fetchedKeys.get(refKey(lo, second));
        if (targetId === undefined) {
          next.push(lo);
          next.push(second);
          kept++;
          continue;
        }
        state.inlinks[targetId] = (state.inlinks[targetId] ?? 0) + 1;
        if (sourceDepth >= 0) state.updateLinkDepth(targetId, sourceDepth + 1);
        this.resolveLink(this.live, pageIndex, targetId, metaForm(refMeta(second)));
      }
      state.pLinkCount[pageIndex] = kept;
    }
    state.links = next;
    state.linksAfterCompaction = next.length;
  }

  private registerContent(pageIndex: number, a: PageContentRecord): void {
    const state = this.state;
    const t = this.thresholds;
    const urlId = state.pUrl[pageIndex] ?? 0;
    const finalId = state.pFinal[pageIndex] ?? 0;
    let pageFlags = P_CONTENT;
    if (a.noindex) {
      state.flags[urlId] = (state.flags[urlId] ?? 0) | U_NOINDEX;
      state.flags[finalId] = (state.flags[finalId] ?? 0) | U_NOINDEX;
    }
    if (a.canonicalUrl !== null && a.canonicalUrl !== a.url) {
      state.pCanonical[pageIndex] = state.intern(urlKey(a.canonicalUrl), a.canonicalUrl);
      state.flags[finalId] = (state.flags[finalId] ?? 0) | U_CANONICALISED;
      state.flags[urlId] = (state.flags[urlId] ?? 0) | U_CANONICALISED;
    }
    state.pWords[pageIndex] = a.wordCount;
    if (a.indexable) {
      pageFlags |= P_INDEXABLE;
      if (a.title !== null && a.title.length > 0) {
        const key = hash52(a.title);
        state.pTitle[pageIndex] = key;
        state.registerDuplicateKey('title', key, pageIndex, a.title);
      }
      if (a.description !== null && a.description.length > 0) {
        const key = hash52(a.description);
        state.pDescription[pageIndex] = key;
        state.registerDuplicateKey('description', key, pageIndex, a.description);
      }
      if (a.contentHash !== null && a.wordCount > 0) {
        const key = a.contentKey;
        state.pContent[pageIndex] = key;
        state.registerDuplicateKey('content', key, pageIndex, null);
      }
      if (a.wordCount >= t.nearDuplicateMinWords) {
        pageFlags |= P_SIMHASH;
        state.pSimHi[pageIndex] = a.simhashHi;
        state.pSimLo[pageIndex] = a.simhashLo;
      }
    }
    state.pFlags[pageIndex] = pageFlags;

    // Links: count inlinks and depth now; resolve against already-fetched targets now, keep the rest (hashed) for finish().
    const sourceDepth = state.depthOf(pageIndex);
    state.pLinkStart[pageIndex] = state.links.length;
    let pending = 0;
    const seenKeys = new Set<string>();
    for (const [target, writtenForm] of a.internalLinks) {
      let form = writtenForm;
      const targetKey = urlKey(target);
      if (seenKeys.has(targetKey)) continue;
      seenKeys.add(targetKey);
      const targetId = state.lookup(targetKey);
      if (targetId >= 0 && (targetId === urlId || targetId === finalId)) continue;
      // The href can only be rebuilt exactly when it was written in the graph's canonical form.
      if (targetKey !== target) form = HREF_OTHER;
      if (targetId >= 0 && ((state.flags[targetId] ?? 0) & U_FETCHED) !== 0) {
        state.inlinks[targetId] = (state.inlinks[targetId] ?? 0) + 1;
        if (sourceDepth >= 0) state.updateLinkDepth(targetId, sourceDepth + 1);
        this.resolveLink(this.live, pageIndex, targetId, form);
      } else {
        const [lo, second] = refWords(hash52(targetKey), packMeta(form));
        state.links.push(lo);
        state.links.push(second);
        pending++;
      }
    }
    state.pLinkCount[pageIndex] = pending;
    if (state.links.length > 2 * state.linksAfterCompaction + COMPACTION_MIN_WORDS) this.compactPendingLinks();

    state.pResStart[pageIndex] = state.resources.length;
    let references = 0;
    for (const [resource, kind, form] of a.references) {
      const hash = hash52(urlKey(resource));
      // Already checked and fine: nothing to report about it, whatever page references it.
      if (state.healthyResources.get(hash) !== undefined && state.problemResources.get(hash) === undefined) continue;
      const [lo, second] = refWords(hash, packMeta(form, kind));
      state.resources.push(lo);
      state.resources.push(second);
      references++;
    }
    state.pResCount[pageIndex] = references;

    state.pHrefStart[pageIndex] = state.hreflang.length;
    let pairs = 0;
    for (const [entryUrl, code] of a.hreflang) {
      const [lo, second] = refWords(hash52(urlKey(entryUrl)), 0);
      state.hreflang.push(lo);
      state.hreflang.push(second);
      state.hreflang.push(state.langCode(code));
      pairs++;
    }
    state.pHrefCount[pageIndex] = pairs;

    this.languages.addPage(a.language, a.hreflangAnnotated);
    this.fragments.addTargets(pageIndex, a.fragmentTargets);
    for (const [target, fragment] of a.fragmentLinks) this.fragments.addLink(pageIndex, target, fragment);
  }

  private resolveLink(store: SiteFindingStore, pageIndex: number, targetId: number, form: number): void {
    const state = this.state;
    const flags = state.flags[targetId] ?? 0;
    if ((flags & U_FETCHED) === 0) return;
    const target = state.urls[targetId] ?? '';
    const source = state.urls[state.pFinal[pageIndex] ?? 0] ?? '';
    if (form !== HREF_OTHER && urlKey(target) !== target) form = HREF_OTHER;
    if ((flags & U_BROKEN) !== 0) {
      const status = state.status[targetId] ?? -1;
      store.add('broken-internal-link', pageIndex, () => ({
        checkId: 'broken-internal-link',
        url: source,
        selector: referenceSelector('a', 'href', target, form),
        message: status > 0 && (flags & U_REDIRECT) === 0 ? `The link target returns HTTP ${status}.` : 'The link target is broken (error status or failed fetch).',
        evidence: truncate(`${target} (${status > 0 ? status : 'fetch failed'})`),
      }));
    }
    // A sign-in gate (a link to /wp-admin/) redirects by design; the link is not worth a hop less.
    if ((flags & U_REDIRECT) !== 0 && !isPlatformPage(target)) {
      store.add('internal-link-to-redirect', pageIndex, () => ({
        checkId: 'internal-link-to-redirect',
        url: source,
        selector: referenceSelector('a', 'href', target, form),
        message: `The link target redirects (HTTP ${state.status[targetId]}).`,
        evidence: truncate(target),
      }));
    }
  }
}

export type { Finding };
