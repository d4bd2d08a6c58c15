import { Frontier, type FrontierItem } from './frontier';
import { CrawlScope } from './scope';
import { createNormalizer } from './url-normalize';

const START = 'https://example.com/';

function frontier(extra: { maxPages?: number; maxDepth?: number; crawlSitemapUrls?: boolean; exclude?: string[] } = {}): Frontier {
  return new Frontier({
    scope: new CrawlScope(START, { exclude: extra.exclude }),
    normalize: createNormalizer(),
    maxPages: extra.maxPages ?? 100,
    maxDepth: extra.maxDepth ?? Number.POSITIVE_INFINITY,
    crawlSitemapUrls: extra.crawlSitemapUrls ?? true,
  });
}

function drain(f: Frontier): FrontierItem[] {
  const out: FrontierItem[] = [];
  for (let it = f.take(); it; it = f.take()) {
    out.push(it);
    f.settle(it);
  }
  return out;
}

describe('Frontier', () => {
  it('queues each link once in its normalised spelling, within scope, one level deeper, breadth-first', () => {
    const f = frontier();
    f.start(START);
    const home = f.take() as FrontierItem;
    expect(home).toEqual({ url: START, depth: 0, from: null });
    const added = f.enqueueLinks(['/a', '/a#top', 'https://EXAMPLE.com/a', '/b?utm_source=x', '/b', 'https://www.example.com/c', 'https://other.example/', 'mailto:x@y.z', START], home, START, 0);
    f.settle(home);
    expect(added).toBe(3);
    expect(drain(f)).toEqual([
      { url: 'https://example.com/a', depth: 1, from: START },
      { url: 'https://example.com/b', depth: 1, from: START },
      { url: 'https://www.example.com/c', depth: 1, from: START },
    ]);
    expect(f.isSeen('https://example.com/a')).toBe(true);
    expect(f.isSeen('https://other.example/')).toBe(false);
  });

  it('stops at maxDepth and keeps the queue bounded by the page budget', () => {
    const f = frontier({ maxDepth: 1, maxPages: 10 });
    const deep: FrontierItem = { url: 'https://example.com/x', depth: 1, from: START };
    expect(f.enqueueLinks(['/y'], deep, deep.url, 0)).toBe(0);
    const links = Array.from({ length: 2000 }, (_, i) => `/p${i}`);
    // room = maxPages - pages done - in flight + 1000 slack - queued
    expect(f.enqueueLinks(links, { url: START, depth: 0, from: null }, START, 4)).toBe(1006);
    expect(f.queued).toBe(1006);
  });

  it('counts pages in flight against the budget', () => {
    const f = frontier({ maxPages: 2 });
    f.start(START);
    f.enqueueLinks(['/a', '/b'], { url: START, depth: 0, from: null }, START, 0);
    expect(f.hasBudget(0)).toBe(true);
    const a = f.take();
    const b = f.take();
    expect(a && b).toBeTruthy();
    expect(f.inFlight).toBe(2);
    expect(f.hasBudget(0)).toBe(false);
    f.settle(a as FrontierItem);
    expect(f.hasBudget(1)).toBe(false);
    expect(f.hasBudget(0)).toBe(true);
  });

  it('promotes sitemap-only URLs once, after the links, at depth -1 and within the patterns', () => {
    const f = frontier({ exclude: ['/private/'] });
    f.start(START);
    for (const u of [START, 'https://example.com/only-in-sitemap', 'https://example.com/private/x']) f.markSitemap(u);
    expect(f.sitemapUrlCount).toBe(3);
    f.markSitemap(START);
    expect(f.sitemapUrlCount).toBe(3);
    drain(f);
    expect(f.promoteSitemapUrls()).toBe(true);
    expect(drain(f)).toEqual([{ url: 'https://example.com/only-in-sitemap', depth: -1, from: null }]);
    expect(f.promoteSitemapUrls()).toBe(false);
    expect(f.inSitemap('https://example.com/only-in-sitemap')).toBe(true);
  });

  it('does not promote sitemap URLs when told not to', () => {
    const f = frontier({ crawlSitemapUrls: false });
    f.markSitemap('https://example.com/s');
    expect(f.promoteSitemapUrls()).toBe(false);
    expect(f.queued).toBe(0);
  });

  it('puts a cancelled page back at the front, lists in-flight pages first in a snapshot, and restores from it', () => {
    const f = frontier();
    f.start(START);
    const home = f.take() as FrontierItem;
    f.enqueueLinks(['/a', '/b'], home, START, 0);
    f.settle(home);
    const a = f.take() as FrontierItem;
    f.markSitemap('https://example.com/s');
    const snap = f.snapshot();
    expect(snap.frontier).toEqual([
      ['https://example.com/a', 1, START],
      ['https://example.com/b', 1, START],
    ]);
    expect(snap.seen.sort()).toEqual([START, 'https://example.com/a', 'https://example.com/b']);
    expect(snap.sitemapUrls).toEqual(['https://example.com/s']);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);

    f.putBack(a);
    expect(f.take()).toBe(a);
    f.settle(a);
    f.putBack(a); // already settled: not queued again
    expect(f.queued).toBe(1);

    const resumed = frontier();
    resumed.restore(snap);
    expect(resumed.isSeen(START)).toBe(true);
    expect(resumed.inSitemap('https://example.com/s')).toBe(true);
    expect(drain(resumed).map((i) => i.url)).toEqual(['https://example.com/a', 'https://example.com/b']);
  });
});
