import { hash52 } from '../text/text-stats';
import { urlKey } from '../url/url-utils';
import { ChunkedU32List, NumberIntMap, decodeArray, encodeArray, grow } from './storage';

/** Flags per interned URL. */
export const U_FETCHED = 1; // status known from a crawl (page or redirect hop)
export const U_SITEMAP = 2;
export const U_NOINDEX = 4;
export const U_BROKEN = 8; // final outcome is 4xx/5xx or a failed fetch
export const U_REDIRECT = 16; // this URL itself answers 3xx
export const U_CONTENT = 128; // its HTML has been audited
export const U_CANONICALISED = 256; // its canonical points to another URL
export const U_STATUS_OK_HTML = 512; // 2xx HTML page

/** Flags per page record. */
export const P_INDEXABLE = 1;
export const P_CONTENT = 2;
export const P_SIMHASH = 4;

/**
 * References to URLs that may never be fetched (link targets, images, external links, hreflang
 * alternates) are stored as 52-bit URL hashes in two uint32 words instead of interned strings:
 * word 1 = low 32 bits, word 2 = high 20 bits << 12 | 12 bits of metadata. A crawl of 100k pages
 * can reference millions of distinct image and facet URLs; hashing keeps that at 8 bytes each.
 */
export const META_BITS = 12;
export const META_MASK = (1 << META_BITS) - 1;
const TWO_POW_32 = 0x100000000;

/** How the href was written, so site-level findings can name an attribute selector without storing the raw href. */
export const HREF_ABSOLUTE = 0;
export const HREF_ROOT_RELATIVE = 1;
export const HREF_OTHER = 2;

/** Stored in place of an HTTP status for a resource that could not be reached (DNS, connection, timeout). */
export const STATUS_UNREACHABLE = -1;
export const RESOURCE_KIND_CODES = ['image', 'script', 'stylesheet', 'external-link'] as const;

export function refWords(key: number, meta: number): [number, number] {
  const hi = Math.floor(key / TWO_POW_32);
  return [key >>> 0, ((hi << META_BITS) | (meta & META_MASK)) >>> 0];
}

export function refKey(lo: number, second: number): number {
  return (second >>> META_BITS) * TWO_POW_32 + lo;
}

export function refMeta(second: number): number {
  return second & META_MASK;
}

/** Metadata of a link or resource reference: form in bits 0-1, resource kind in bits 2-3. */
export function packMeta(form: number, kind = 0): number {
  return (form & 3) | ((kind & 3) << 2);
}
export function metaForm(meta: number): number {
  return meta & 3;
}
export function metaKind(meta: number): number {
  return (meta >>> 2) & 3;
}

export interface SiteStateSnapshot {
  urls: string[];
  url: Record<'status' | 'flags' | 'inlinks' | 'linkDepth' | 'page', string>;
  pageCount: number;
  page: Record<'url' | 'final' | 'depth' | 'canonical' | 'title' | 'description' | 'content' | 'simHi' | 'simLo' | 'words' | 'flags' | 'linkStart' | 'linkCount' | 'resStart' | 'resCount' | 'hrefStart' | 'hrefCount', string>;
  links: string;
  resources: string;
  hreflang: string;
  langCodes: string[];
  problemResources: { keys: [number, number][]; status: string; bytes: string; urls: (string | null)[] };
  firstTitle: [number, number][];
  secondTitle: [number, number][];
  firstDescription: [number, number][];
  secondDescription: [number, number][];
  firstContent: [number, number][];
  secondContent: [number, number][];
  duplicateText: [number, string][];
}

const NO_DEPTH = 0x7fffffff;
/** Evidence text retained per duplicate group; bounded so a site with only duplicates cannot grow it without limit. */
const MAX_DUPLICATE_TEXTS = 100_000;

/**
 * Compact state retained across the crawl. Per interned URL: 16 bytes of columns plus the string and
 * its map entry. Per page: ~90 bytes of columns plus 8 bytes per pending link and per resource
 * reference, 12 per hreflang alternate, and its share of the duplicate-detection hash maps.
 */
export class SiteState {
  private ids = new Map<string, number>();
  urls: string[] = [];
  status = new Int16Array(1024).fill(-1);
  flags = new Uint16Array(1024);
  inlinks = new Uint32Array(1024);
  linkDepth = new Int32Array(1024).fill(NO_DEPTH);
  pageOf = new Int32Array(1024).fill(-1);

  pageCount = 0;
  pUrl = new Int32Array(256);
  pFinal = new Int32Array(256);
  pDepth = new Int32Array(256);
  pCanonical = new Int32Array(256).fill(-1);
  pTitle = new Float64Array(256).fill(Number.NaN);
  pDescription = new Float64Array(256).fill(Number.NaN);
  pContent = new Float64Array(256).fill(Number.NaN);
  pSimHi = new Uint32Array(256);
  pSimLo = new Uint32Array(256);
  pWords = new Uint32Array(256);
  pFlags = new Uint8Array(256);
  pLinkStart = new Uint32Array(256);
  pLinkCount = new Uint32Array(256);
  pResStart = new Uint32Array(256);
  pResCount = new Uint32Array(256);
  pHrefStart = new Uint32Array(256);
  pHrefCount = new Uint32Array(256);

  /** Links whose target had not been fetched when the source page was audited (2 words each); resolved in finish(). */
  links = new ChunkedU32List();
  /** Sub-resources and external links of each page (2 words each). */
  resources = new ChunkedU32List();
  /** hreflang alternates: 2 words of target reference + language code id. */
  hreflang = new ChunkedU32List();
  /** Resources whose check found a problem (error status, or large enough to be an oversized image). */
  problemResources = new NumberIntMap();
  problemStatus = new Int16Array(64);
  problemBytes = new Uint32Array(64);
  problemUrls: (string | null)[] = [];
  /**
   * Resources whose check found nothing wrong (hash → 1). References to them cannot lead to a
   * finding, so pages audited after the check do not store them: on a typical site most references
   * are shared assets checked early, and this keeps the per-page reference list short. Not part of
   * the snapshot: after a resume such references are stored again, which costs memory only.
   */
  healthyResources = new NumberIntMap(64);
  /** hash52(url) → id of every fetched URL (rebuilt on restore, not serialised). */
  fetchedKeys = new NumberIntMap();
  /** Size of the pending-link list after its last compaction. */
  linksAfterCompaction = 0;
  langCodes: string[] = [];
  private langCodeIds = new Map<string, number>();

  firstTitle = new NumberIntMap();
  secondTitle = new NumberIntMap();
  firstDescription = new NumberIntMap();
  secondDescription = new NumberIntMap();
  firstContent = new NumberIntMap();
  secondContent = new NumberIntMap();
  duplicateText = new Map<number, string>();

  /** Id of a URL by its graph key (see urlKey), -1 when unknown. */
  lookup(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /**
   * Interns a URL under its graph key; `display` (the URL as first seen) is what findings report.
   * Both are normally the same string.
   */
  intern(key: string, display: string = key): number {
    const existing = this.ids.get(key);
    if (existing !== undefined) return existing;
    const id = this.urls.length;
    this.urls.push(display === key ? key : display);
    this.ids.set(key, id);
    if (id >= this.status.length) {
      const need = id + 1;
      this.status = grow(this.status, Int16Array, need, -1);
      this.flags = grow(this.flags, Uint16Array, need);
      this.inlinks = grow(this.inlinks, Uint32Array, need);
      this.linkDepth = grow(this.linkDepth, Int32Array, need, NO_DEPTH);
      this.pageOf = grow(this.pageOf, Int32Array, need, -1);
    }
    return id;
  }

  langCode(code: string): number {
    const key = code.toLowerCase();
    let id = this.langCodeIds.get(key);
    if (id === undefined) {
      id = this.langCodes.length;
      this.langCodes.push(key);
      this.langCodeIds.set(key, id);
    }
    return id;
  }

  addPage(urlId: number, finalId: number, depth: number): number {
    const index = this.pageCount++;
    if (index >= this.pUrl.length) {
      const need = index + 1;
      this.pUrl = grow(this.pUrl, Int32Array, need);
      this.pFinal = grow(this.pFinal, Int32Array, need);
      this.pDepth = grow(this.pDepth, Int32Array, need);
      this.pCanonical = grow(this.pCanonical, Int32Array, need, -1);
      this.pTitle = grow(this.pTitle, Float64Array, need, Number.NaN);
      this.pDescription = grow(this.pDescription, Float64Array, need, Number.NaN);
      this.pContent = grow(this.pContent, Float64Array, need, Number.NaN);
      this.pSimHi = grow(this.pSimHi, Uint32Array, need);
      this.pSimLo = grow(this.pSimLo, Uint32Array, need);
      this.pWords = grow(this.pWords, Uint32Array, need);
      this.pFlags = grow(this.pFlags, Uint8Array, need);
      this.pLinkStart = grow(this.pLinkStart, Uint32Array, need);
      this.pLinkCount = grow(this.pLinkCount, Uint32Array, need);
      this.pResStart = grow(this.pResStart, Uint32Array, need);
      this.pResCount = grow(this.pResCount, Uint32Array, need);
      this.pHrefStart = grow(this.pHrefStart, Uint32Array, need);
      this.pHrefCount = grow(this.pHrefCount, Uint32Array, need);
    }
    this.pUrl[index] = urlId;
    this.pFinal[index] = finalId;
    this.pDepth[index] = depth;
    if ((this.pageOf[urlId] ?? -1) < 0) this.pageOf[urlId] = index;
    if ((this.pageOf[finalId] ?? -1) < 0) this.pageOf[finalId] = index;
    return index;
  }

  /** Remembers the first two pages per hash, and the text once a hash turns out to be shared. */
  registerDuplicateKey(kind: 'title' | 'description' | 'content', key: number, pageIndex: number, text: string | null): void {
    const first = kind === 'title' ? this.firstTitle : kind === 'description' ? this.firstDescription : this.firstContent;
    const second = kind === 'title' ? this.secondTitle : kind === 'description' ? this.secondDescription : this.secondContent;
    const existing = first.get(key);
    if (existing === undefined) {
      first.set(key, pageIndex);
      return;
    }
    if (second.get(key) === undefined) {
      second.set(key, pageIndex);
      if (text !== null && this.duplicateText.size < MAX_DUPLICATE_TEXTS) this.duplicateText.set(key, text.slice(0, 160));
    }
  }

  /** Effective click depth: the crawler's depth, improved by any shorter path seen through links. */
  depthOf(pageIndex: number, linkDepth: Int32Array = this.linkDepth): number {
    const crawlerDepth = this.pDepth[pageIndex] ?? 0;
    let best = crawlerDepth >= 0 ? crawlerDepth : NO_DEPTH;
    const viaUrl = linkDepth[this.pUrl[pageIndex] ?? 0] ?? NO_DEPTH;
    const viaFinal = linkDepth[this.pFinal[pageIndex] ?? 0] ?? NO_DEPTH;
    if (viaUrl < best) best = viaUrl;
    if (viaFinal < best) best = viaFinal;
    return best === NO_DEPTH ? -1 : best;
  }

  updateLinkDepth(targetId: number, depth: number): void {
    if (depth >= 0 && depth < (this.linkDepth[targetId] ?? NO_DEPTH)) this.linkDepth[targetId] = depth;
  }

  /** Records a problem resource result; URL strings are kept for the first `maxUrls` only (examples need them). */
  recordProblemResource(key: number, url: string, status: number, bytes: number, maxUrls: number): void {
    let index = this.problemResources.get(key);
    if (index === undefined) {
      index = this.problemUrls.length;
      this.problemResources.set(key, index);
      this.problemUrls.push(index < maxUrls ? url : null);
      this.problemStatus = grow(this.problemStatus, Int16Array, index + 1);
      this.problemBytes = grow(this.problemBytes, Uint32Array, index + 1);
    }
    this.problemStatus[index] = status;
    this.problemBytes[index] = bytes;
  }

  /** Marks a URL as fetched and indexes its hash, so hashed references to it can be resolved. */
  markFetched(id: number): void {
    if (((this.flags[id] ?? 0) & U_FETCHED) !== 0) return;
    this.flags[id] = (this.flags[id] ?? 0) | U_FETCHED;
    this.fetchedKeys.set(hash52(urlKey(this.urls[id] ?? '')), id);
  }

  retainedBytes(): number {
    let strings = 0;
    for (const url of this.urls) strings += url.length + 16;
    const perUrl = this.status.length * (2 + 2 + 4 + 4 + 4) + this.urls.length * (8 + 32);
    const perPage = this.pUrl.length * (4 * 4 + 8 * 3 + 4 * 3 + 1 + 4 * 6);
    const lists =
      this.links.bytes() +
      this.resources.bytes() +
      this.hreflang.bytes() +
      this.problemResources.bytes() +
      this.healthyResources.bytes() +
      this.problemStatus.length * 6 +
      this.fetchedKeys.bytes();
    const maps =
      this.firstTitle.bytes() + this.secondTitle.bytes() + this.firstDescription.bytes() + this.secondDescription.bytes() + this.firstContent.bytes() + this.secondContent.bytes();
    let texts = 0;
    for (const text of this.duplicateText.values()) texts += text.length + 48;
    return strings + perUrl + perPage + lists + maps + texts;
  }

  snapshot(): SiteStateSnapshot {
    const n = this.urls.length;
    const p = this.pageCount;
    return {
      urls: [...this.urls],
      url: {
        status: encodeArray(this.status, n),
        flags: encodeArray(this.flags, n),
        inlinks: encodeArray(this.inlinks, n),
        linkDepth: encodeArray(this.linkDepth, n),
        page: encodeArray(this.pageOf, n),
      },
      pageCount: p,
      page: {
        url: encodeArray(this.pUrl, p),
        final: encodeArray(this.pFinal, p),
        depth: encodeArray(this.pDepth, p),
        canonical: encodeArray(this.pCanonical, p),
        title: encodeArray(this.pTitle, p),
        description: encodeArray(this.pDescription, p),
        content: encodeArray(this.pContent, p),
        simHi: encodeArray(this.pSimHi, p),
        simLo: encodeArray(this.pSimLo, p),
        words: encodeArray(this.pWords, p),
        flags: encodeArray(this.pFlags, p),
        linkStart: encodeArray(this.pLinkStart, p),
        linkCount: encodeArray(this.pLinkCount, p),
        resStart: encodeArray(this.pResStart, p),
        resCount: encodeArray(this.pResCount, p),
        hrefStart: encodeArray(this.pHrefStart, p),
        hrefCount: encodeArray(this.pHrefCount, p),
      },
      links: this.links.encode(),
      resources: this.resources.encode(),
      hreflang: this.hreflang.encode(),
      langCodes: [...this.langCodes],
      problemResources: {
        keys: this.problemResources.entries(),
        status: encodeArray(this.problemStatus, this.problemUrls.length),
        bytes: encodeArray(this.problemBytes, this.problemUrls.length),
        urls: [...this.problemUrls],
      },
      firstTitle: this.firstTitle.entries(),
      secondTitle: this.secondTitle.entries(),
      firstDescription: this.firstDescription.entries(),
      secondDescription: this.secondDescription.entries(),
      firstContent: this.firstContent.entries(),
      secondContent: this.secondContent.entries(),
      duplicateText: [...this.duplicateText.entries()],
    };
  }

  static restore(snapshot: SiteStateSnapshot): SiteState {
    const state = new SiteState();
    const n = snapshot.urls.length;
    state.urls = [...snapshot.urls];
    state.urls.forEach((url, id) => state.ids.set(urlKey(url), id));
    const cap = Math.max(1024, n);
    state.status = decodeArray(snapshot.url.status, Int16Array, cap, -1);
    state.flags = decodeArray(snapshot.url.flags, Uint16Array, cap);
    state.inlinks = decodeArray(snapshot.url.inlinks, Uint32Array, cap);
    state.linkDepth = decodeArray(snapshot.url.linkDepth, Int32Array, cap, NO_DEPTH);
    state.pageOf = decodeArray(snapshot.url.page, Int32Array, cap, -1);
    const p = snapshot.pageCount;
    const pcap = Math.max(256, p);
    const pg = snapshot.page;
    state.pageCount = p;
    state.pUrl = decodeArray(pg.url, Int32Array, pcap);
    state.pFinal = decodeArray(pg.final, Int32Array, pcap);
    state.pDepth = decodeArray(pg.depth, Int32Array, pcap);
    state.pCanonical = decodeArray(pg.canonical, Int32Array, pcap, -1);
    state.pTitle = decodeArray(pg.title, Float64Array, pcap, Number.NaN);
    state.pDescription = decodeArray(pg.description, Float64Array, pcap, Number.NaN);
    state.pContent = decodeArray(pg.content, Float64Array, pcap, Number.NaN);
    state.pSimHi = decodeArray(pg.simHi, Uint32Array, pcap);
    state.pSimLo = decodeArray(pg.simLo, Uint32Array, pcap);
    state.pWords = decodeArray(pg.words, Uint32Array, pcap);
    state.pFlags = decodeArray(pg.flags, Uint8Array, pcap);
    state.pLinkStart = decodeArray(pg.linkStart, Uint32Array, pcap);
    state.pLinkCount = decodeArray(pg.linkCount, Uint32Array, pcap);
    state.pResStart = decodeArray(pg.resStart, Uint32Array, pcap);
    state.pResCount = decodeArray(pg.resCount, Uint32Array, pcap);
    state.pHrefStart = decodeArray(pg.hrefStart, Uint32Array, pcap);
    state.pHrefCount = decodeArray(pg.hrefCount, Uint32Array, pcap);
    state.links = ChunkedU32List.decode(snapshot.links);
    state.resources = ChunkedU32List.decode(snapshot.resources);
    state.hreflang = ChunkedU32List.decode(snapshot.hreflang);
    for (const code of snapshot.langCodes) state.langCode(code);
    for (let id = 0; id < n; id++) if (((state.flags[id] ?? 0) & U_FETCHED) !== 0) state.fetchedKeys.set(hash52(urlKey(state.urls[id] ?? '')), id);
    state.linksAfterCompaction = state.links.length;
    state.problemResources = NumberIntMap.fromEntries(snapshot.problemResources.keys);
    state.problemUrls = [...snapshot.problemResources.urls];
    state.problemStatus = decodeArray(snapshot.problemResources.status, Int16Array, 64);
    state.problemBytes = decodeArray(snapshot.problemResources.bytes, Uint32Array, 64);
    state.firstTitle = NumberIntMap.fromEntries(snapshot.firstTitle);
    state.secondTitle = NumberIntMap.fromEntries(snapshot.secondTitle);
    state.firstDescription = NumberIntMap.fromEntries(snapshot.firstDescription);
    state.secondDescription = NumberIntMap.fromEntries(snapshot.secondDescription);
    state.firstContent = NumberIntMap.fromEntries(snapshot.firstContent);
    state.secondContent = NumberIntMap.fromEntries(snapshot.secondContent);
    state.duplicateText = new Map(snapshot.duplicateText);
    return state;
  }
}
