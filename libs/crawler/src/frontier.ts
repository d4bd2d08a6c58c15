import { Queue } from './queue';
import type { CrawlScope } from './scope';

/** A page still to fetch, as stored in a crawl state. */
export type FrontierEntry = [url: string, depth: number, from: string | null];

export interface FrontierItem {
  url: string;
  /** Link depth from the start URL (0); -1 for sitemap-only URLs and what they link to. */
  depth: number;
  /** The page that linked here; null for the start URL and sitemap-only URLs. */
  from: string | null;
}

export interface FrontierOptions {
  scope: CrawlScope;
  normalize: (raw: string, base?: string | URL) => string | null;
  /** Pages handed to the audit at most (the frontier only keeps what that budget can use). */
  maxPages: number;
  maxDepth: number;
  /** Sitemap-only URLs join the queue once links are exhausted. */
  crawlSitemapUrls: boolean;
}

/** What of the frontier a crawl state keeps. */
export interface FrontierSnapshot {
  seen: string[];
  frontier: FrontierEntry[];
  sitemapUrls: string[];
  sitemapsPromoted: boolean;
}

const SEEN = 1;
const IN_SITEMAP = 2;

/**
 * The pages still to fetch (breadth-first), the pages being fetched, and every URL the crawl knows:
 * a URL is queued once (de-duplicated in its normalised spelling), only within scope and depth, and
 * never fetched twice. Holds URL strings only.
 */
export class Frontier {
  /**
   * Every URL the crawl knows, each string stored once, with flags: queued/fetched/refused (SEEN)
   * and listed in a sitemap (IN_SITEMAP). One map instead of two sets halves the URL memory of a
   * large crawl, where most URLs are both linked and in the sitemap.
   */
  private readonly urls = new Map<string, number>();
  private readonly queue = new Queue<FrontierItem>();
  private readonly inflight = new Set<FrontierItem>();
  private sitemapCount = 0;
  private sitemapsPromoted = false;

  constructor(private readonly o: FrontierOptions) {}

  /** A fresh crawl: the start URL, depth 0. */
  start(url: string): void {
    this.markSeen(url);
    this.queue.push({ url, depth: 0, from: null });
  }

  restore(s: FrontierSnapshot): void {
    for (const u of s.seen) this.markSeen(u);
    for (const [url, depth, from] of s.frontier) this.queue.push({ url, depth, from });
    for (const u of s.sitemapUrls) this.markSitemap(u);
    this.sitemapsPromoted = s.sitemapsPromoted;
  }

  /** In-flight pages first: they have not reached the audit yet, so a resume fetches them again. */
  snapshot(): FrontierSnapshot {
    const frontier: FrontierEntry[] = [];
    for (const it of this.inflight) frontier.push([it.url, it.depth, it.from]);
    for (const it of this.queue.toArray()) frontier.push([it.url, it.depth, it.from]);
    return { seen: this.keysWith(SEEN), frontier, sitemapUrls: this.keysWith(IN_SITEMAP), sitemapsPromoted: this.sitemapsPromoted };
  }

  isSeen(url: string): boolean {
    return ((this.urls.get(url) ?? 0) & SEEN) !== 0;
  }

  /** Known from now on: never queued or fetched (a redirect target just audited, a URL refused). */
  markSeen(url: string): void {
    this.urls.set(url, (this.urls.get(url) ?? 0) | SEEN);
  }

  markSitemap(url: string): void {
    const flags = this.urls.get(url) ?? 0;
    if ((flags & IN_SITEMAP) === 0) this.sitemapCount++;
    this.urls.set(url, flags | IN_SITEMAP);
  }

  inSitemap(url: string): boolean {
    return ((this.urls.get(url) ?? 0) & IN_SITEMAP) !== 0;
  }

  sitemapUrls(): string[] {
    return this.keysWith(IN_SITEMAP);
  }

  get sitemapUrlCount(): number {
    return this.sitemapCount;
  }

  get queued(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  /** Whether another page may start, given the pages already audited. */
  hasBudget(pagesDone: number): boolean {
    return pagesDone + this.inflight.size < this.o.maxPages;
  }

  /** The next page to fetch, now in flight; undefined when the queue is empty. */
  take(): FrontierItem | undefined {
    const item = this.queue.shift();
    if (item) this.inflight.add(item);
    return item;
  }

  /** The page reached the audit (or was refused): a state taken from now on does not list it. */
  settle(item: FrontierItem): void {
    this.inflight.delete(item);
  }

  /** Cancelled before the audit had it: back to the front, to be fetched on resume. */
  putBack(item: FrontierItem): void {
    if (this.inflight.delete(item)) this.queue.unshift(item);
  }

  /** Queues the links of `from` (its final URL `base`) that are new and in scope; returns how many. */
  enqueueLinks(links: readonly string[], from: FrontierItem, base: string, pagesDone: number): number {
    const depth = from.depth < 0 ? -1 : from.depth + 1;
    if (depth > this.o.maxDepth) return 0;
    // Keep the frontier bounded by what the page budget can still use (plus slack for refusals).
    const room = this.o.maxPages - pagesDone - this.inflight.size + 1000 - this.queue.length;
    let added = 0;
    for (const link of links) {
      if (added >= room) break;
      // Every known URL is stored normalised and normalising is idempotent, so a link spelled exactly
      // like a known URL needs no parsing (most links of a large site point at pages already seen).
      if (this.isSeen(link)) continue;
      const n = this.o.normalize(link, base);
      if (n === null || this.isSeen(n)) continue;
      if (!this.o.scope.admits(n)) continue;
      this.markSeen(n);
      this.queue.push({ url: n, depth, from: from.url });
      added++;
    }
    return added;
  }

  /**
   * Sitemap-only URLs join the queue once the link graph is exhausted, so linked URLs get their
   * link depth first. Once per crawl; true when it queued anything.
   */
  promoteSitemapUrls(): boolean {
    if (this.sitemapsPromoted || !this.o.crawlSitemapUrls) return false;
    this.sitemapsPromoted = true;
    let added = 0;
    for (const [u, flags] of this.urls) {
      if ((flags & (SEEN | IN_SITEMAP)) !== IN_SITEMAP || !this.o.scope.matchesPatterns(u)) continue;
      this.urls.set(u, flags | SEEN);
      this.queue.push({ url: u, depth: -1, from: null });
      added++;
    }
    return added > 0;
  }

  private keysWith(flag: number): string[] {
    const out: string[] = [];
    for (const [u, flags] of this.urls) if ((flags & flag) !== 0) out.push(u);
    return out;
  }
}
