/**
 * Retained-memory benchmark: audits a synthetic 100k-page site (BFS order, mega-menu, unique product
 * images, facet and search links that are never crawled, hreflang alternates) and prints the heap
 * retained by the SiteAudit after a full GC.
 * Run: node --expose-gc -r ./scripts/register-ts.js libs/audit/bench/site-memory.bench.ts [pages]
 */
import { SiteAudit } from '../src/site-audit';
import type { FetchedPage } from '../src/model';

const ORIGIN = 'https://shop.example.com';
const VOCABULARY = 'garden hose reel nozzle brass valve lawn sprinkler drip tomato basil compost soil mulch trowel spade rake bucket seedling pruning hedge orchard apple harvest frost fleece rainwater connector spray trigger grip handle storage bracket warranty delivery review quality durable steel recycled colour metre design repair manual'.split(' ');

function text(seed: number, count: number): string {
  let state = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(VOCABULARY[(state >>> 9) % VOCABULARY.length]);
  }
  return out.join(' ');
}

const PRODUCTS = 250_000;
const CATEGORIES = 60;

function head(title: string, path: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="description" content="${text(title.length * 7 + path.length, 20)} ${path}"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="${ORIGIN}${path}">
<link rel="alternate" hreflang="en" href="${ORIGIN}${path}"><link rel="alternate" hreflang="de" href="${ORIGIN}/de${path}"><link rel="alternate" hreflang="x-default" href="${ORIGIN}${path}">
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/app.js" defer></script></head>`;
}

function nav(): string {
  const items: string[] = [];
  for (let k = 0; k < CATEGORIES; k++) items.push(`<li><a href="/c/${k}">Category ${k}</a></li>`);
  return `<header><nav><ul>${items.join('')}</ul></nav></header>`;
}

const FOOTER = '<footer><a href="/privacy">Privacy</a><a href="/terms">Terms</a><img src="/icons/logo.svg" alt="Logo" width="16" height="16"></footer></body></html>';

function productCard(target: number): string {
  return `<div class="card"><a href="/p/${target}"><img src="/img/${target}/thumb.jpg" alt="Product ${target}" width="200" height="200"></a><a href="/p/${target}">${text(target, 4)}</a></div>`;
}

/** HTML for a URL of the synthetic shop: categories (with facets and pagination) and products. */
function pageHtml(path: string, seed: number): string {
  const category = /^\/c\/(\d+)(?:\?page=(\d+))?(?:[?&]color=(\d+)&size=(\d+))?$/.exec(path);
  if (path === '/' || category !== null) {
    const k = category === null ? 0 : Number(category[1]);
    const page = category?.[2] === undefined ? 0 : Number(category[2]);
    const cards: string[] = [];
    for (let j = 0; j < 48; j++) cards.push(productCard((k * 4001 + page * 48 + j * 7 + (category?.[3] === undefined ? 0 : Number(category[3]) * 13)) % PRODUCTS));
    const facets: string[] = [];
    for (let j = 0; j < 8; j++) facets.push(`<a href="/c/${k}?color=${j}&amp;size=${(page + j) % 5}">Colour ${j}</a>`);
    for (let j = 0; j < 3; j++) facets.push(`<a href="/search?q=c${k}-p${page}-${j}">Related search ${j}</a>`);
    return `${head(`Category ${k} page ${page} – ${text(seed, 5)}`, path)}<body>${nav()}<main><h1>Category ${k}: ${text(seed + 1, 4)}</h1>
<p>${text(seed + 2, 220)}</p><section>${cards.join('')}</section><p>${facets.join(' ')}</p>
<a href="/c/${k}?page=${page + 1}">Next page</a></main>${FOOTER}`;
  }
  const i = Number(path.slice(3));
  const related: string[] = [];
  for (let j = 0; j < 12; j++) related.push(productCard((i * 31 + j * 97 + 1) % PRODUCTS));
  const images: string[] = [];
  for (let j = 0; j < 15; j++) images.push(`<img src="/img/${i}/${j}.jpg" alt="View ${j} of product ${i}" width="800" height="600">`);
  return `${head(`${text(i, 6)} – product ${i}`, path)}<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Product ${i}","offers":{"@type":"Offer","price":"9.99","priceCurrency":"EUR"}}</script>
<body>${nav()}<main><h1>Product ${i}: ${text(i + 3, 5)}</h1><p>${text(i * 3 + 1, 220)}</p>${images.join('')}<section>${related.join('')}</section>
<p><a href="/search?q=p${i}">Similar products</a> <a href="https://www.w3.org/standards/">Standards</a> <a href="https://partner-${i % 50}.example.org/">Partner</a></p></main>${FOOTER}`;
}

function fetched(path: string, depth: number, from: string | null, html: string): FetchedPage {
  const url = `${ORIGIN}${path}`;
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=1', 'x-content-type-options': 'nosniff' },
    contentType: 'text/html; charset=utf-8',
    html,
    bodyBytes: html.length,
    truncated: false,
    ttfbMs: 100,
    totalMs: 150,
    redirects: [],
    depth,
    discoveredFrom: from,
    inSitemap: path.startsWith('/p/'),
  };
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  // Typed arrays live outside the JS heap ("external"), so both are counted.
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

function main(): void {
  if ((globalThis as { gc?: () => void }).gc === undefined) console.warn('Run with --expose-gc for accurate numbers.');
  const limit = Number(process.argv[2] ?? 100_000);
  const before = heapMb();
  const audit = new SiteAudit({ startUrl: `${ORIGIN}/` });
  let sitemap: string[] | null = [];
  for (let i = 0; i < limit; i++) sitemap.push(`${ORIGIN}/p/${i}`);
  audit.setSiteFiles({ robotsTxt: { status: 200, body: 'User-agent: *\nDisallow: /search\n' }, llmsTxt: { status: 404 }, sitemapUrls: sitemap });
  sitemap = null;
  // A breadth-first crawler: its queue and seen-set are dropped before the retained size is measured.
  let queue: { path: string; depth: number; from: string | null }[] | null = [{ path: '/', depth: 0, from: null }];
  let seen: Set<string> | null = new Set(['/']);
  let cursor = 0;
  let fetchedCount = 0;
  const started = Date.now();
  while (cursor < queue.length && fetchedCount < limit) {
    const next = queue[cursor++];
    const outcome = audit.addPage(fetched(next.path, next.depth, next.from, pageHtml(next.path, fetchedCount)));
    fetchedCount++;
    for (const link of outcome.links) {
      if (!link.startsWith(ORIGIN)) continue;
      const path = link.slice(ORIGIN.length);
      if (seen.has(path) || path.startsWith('/de/')) continue;
      seen.add(path);
      if (path.startsWith('/search')) {
        audit.addRobotsBlocked(link, `${ORIGIN}${next.path}`);
        continue;
      }
      if (path === '/privacy' || path === '/terms') continue;
      queue.push({ path, depth: next.depth + 1, from: `${ORIGIN}${next.path}` });
    }
    // Resource checking: a few broken and oversized images, like a real site.
    for (const resource of outcome.resources) {
      if (resource.kind === 'image' && resource.url.endsWith('/3.jpg') && fetchedCount % 100 === 0) audit.addResourceResult(resource.url, { status: 404 });
      if (resource.kind === 'image' && resource.url.endsWith('/4.jpg') && fetchedCount % 100 === 0) audit.addResourceResult(resource.url, { status: 200, bytes: 900_000 });
    }
    if (fetchedCount % 20_000 === 0) console.log(`${fetchedCount} pages, ${((Date.now() - started) / fetchedCount).toFixed(2)} ms/page (incl. HTML generation)`);
  }
  const frontier = queue.length - cursor;
  queue = null;
  seen = null;
  const retained = heapMb() - before;
  const finishStart = Date.now();
  const result = audit.finish();
  const finishMs = Date.now() - finishStart;
  const afterFinish = heapMb() - before;
  console.log(`pages: ${fetchedCount} (unfetched frontier ${frontier}), crawl time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`retained heap + external after all pages: ${retained.toFixed(1)} MB (audit's own estimate ${(audit.retainedBytes() / 1024 / 1024).toFixed(1)} MB)`);
  console.log(`finish(): ${finishMs} ms, heap with result ${afterFinish.toFixed(1)} MB, site findings ${result.findings.length}, health ${result.healthScore}`);
  const state = (audit as unknown as { state: Record<string, { bytes?: () => number; length?: number; size?: number }> }).state;
  const parts = ['links', 'resources', 'hreflang', 'firstTitle', 'firstDescription', 'firstContent', 'fetchedKeys', 'problemResources'];
  console.log(parts.map((name) => `${name}=${((state[name].bytes?.() ?? 0) / 1024 / 1024).toFixed(1)}MB`).join(' '), `urls=${(state.urls as unknown as string[]).length}`);
  const snapshotChars = JSON.stringify(audit.snapshot()).length;
  console.log(`snapshot JSON size: ${(snapshotChars / 1024 / 1024).toFixed(1)} MB`);
  console.log(Object.entries(result.countsByCheck).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id, n]) => `${id}=${n}`).join(' '));
}

if (require.main === module) main();
