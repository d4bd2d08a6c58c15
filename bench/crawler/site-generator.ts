/**
 * Deterministic benchmark site: page n is generated from n alone (no files), ~90 KB of HTML with
 * 50+ links and 50+ images, varied titles, descriptions and headings, and a few planted problems
 * at fixed intervals so the audit has real work and real findings.
 */

export interface SiteShape {
  pages: number;
  /** Origin the pages are served from, e.g. http://127.0.0.1:4321 */
  origin: string;
  /** Origin used for "external" links (another host name for the same server). */
  externalOrigin: string;
  imagePool: number;
  externalPool: number;
  targetBytes: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'vi', 'su', 'pe', 'da', 'gri', 'fla', 'mon', 'ter', 'quo', 'ban', 'sel', 'dor', 'win', 'cal'];
const VOCAB: string[] = (() => {
  const r = mulberry32(42);
  const words: string[] = [];
  for (let i = 0; i < 800; i++) {
    const n = 1 + Math.floor(r() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.push(w);
  }
  return words;
})();
const TOPICS = ['Garden tools', 'Running shoes', 'Coffee grinders', 'Desk lamps', 'Hiking boots', 'Water bottles', 'Rain jackets', 'Camping stoves', 'Bike lights', 'Kitchen knives'];

function makeSentence(r: () => number, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += (i === 0 ? '' : ' ') + VOCAB[Math.floor(r() * VOCAB.length)];
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

// Building every sentence word by word costs the server more CPU than serving it; pages are
// assembled from a large pool of pre-built sentences instead, still unique per page by selection.
const POOL_SIZE = 4096;
const SENTENCE_POOL: string[][] = (() => {
  const r = mulberry32(7);
  const byLength: string[][] = [];
  for (let words = 0; words <= 80; words++) byLength.push([]);
  for (let words = 1; words <= 80; words++) {
    const bucket: string[] = [];
    for (let i = 0; i < POOL_SIZE / 64; i++) bucket.push(makeSentence(r, words));
    byLength[words] = bucket;
  }
  return byLength;
})();

function sentence(r: () => number, words: number): string {
  const list = SENTENCE_POOL[Math.min(80, Math.max(1, words))] ?? [];
  return list[Math.floor(r() * list.length)] ?? '';
}

export function pageUrl(shape: SiteShape, n: number): string {
  return n === 0 ? `${shape.origin}/` : `${shape.origin}/p/${n}`;
}

export interface PlantedProblems {
  noTitle: boolean;
  duplicateTitle: boolean;
  noDescription: boolean;
  twoH1: boolean;
  noindex: boolean;
  brokenLink: boolean;
  redirectLink: boolean;
  imageNoAlt: boolean;
  foreignCanonical: boolean;
}

export function plantedProblems(n: number): PlantedProblems {
  return {
    noTitle: n % 97 === 5,
    duplicateTitle: n % 89 === 7,
    noDescription: n % 113 === 3,
    twoH1: n % 71 === 2,
    noindex: n % 151 === 9,
    brokenLink: n % 127 === 4,
    redirectLink: n % 131 === 6,
    imageNoAlt: n % 61 === 1,
    foreignCanonical: n % 139 === 8,
  };
}

/** Page n's HTML. Links: 20 navigation links, children 2n+1 and 2n+2 (every page reachable within ~log2 N), neighbours and pseudo-random pages. */
export function generatePage(shape: SiteShape, n: number): string {
  const r = mulberry32(n * 2654435761 + 1);
  const N = shape.pages;
  const p = plantedProblems(n);
  const topic = TOPICS[n % TOPICS.length];
  const title = p.duplicateTitle ? 'Products' : `${topic} ${n}: ${sentence(r, 4).slice(0, -1)} | Bench Shop`;
  const description = `${topic} buyer's guide number ${n}. ${sentence(r, 14)} ${sentence(r, 8)}`;
  const parts: string[] = [];
  parts.push('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  if (!p.noTitle) parts.push(`<title>${title}</title>`);
  if (!p.noDescription) parts.push(`<meta name="description" content="${description}">`);
  if (p.noindex) parts.push('<meta name="robots" content="noindex">');
  const canonical = p.foreignCanonical ? pageUrl(shape, (n + 1) % N) : pageUrl(shape, n);
  parts.push(`<link rel="canonical" href="${canonical}">`);
  parts.push(`<meta property="og:title" content="${topic} ${n}"><meta property="og:description" content="${topic} guide ${n}"><meta property="og:image" content="${shape.origin}/img/${n % shape.imagePool}.png"><meta property="og:url" content="${pageUrl(shape, n)}"><meta property="og:type" content="article">`);
  parts.push('<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script>');
  parts.push(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"${topic} ${n}","datePublished":"2024-01-${String((n % 28) + 1).padStart(2, '0')}","author":{"@type":"Person","name":"Bench Author"}}</script>`);
  parts.push('<style>body{font-family:sans-serif;margin:0}nav a{margin:0 4px}.grid{display:grid;grid-template-columns:repeat(4,1fr)}</style>');
  parts.push('</head><body><header><nav>');
  for (let i = 0; i < 20; i++) parts.push(`<a href="/p/${i + 1}">${TOPICS[i % TOPICS.length]} section ${i + 1}</a>`);
  parts.push('</nav></header><main>');
  parts.push(`<h1>${topic} ${n}: ${sentence(r, 5).slice(0, -1)}</h1>`);
  if (p.twoH1) parts.push(`<h1>Second heading ${n}</h1>`);
  const links: number[] = [];
  for (const c of [2 * n + 1, 2 * n + 2, n + 1, n + 2, n - 1]) if (c > 0 && c < N) links.push(c);
  while (links.length < 36) links.push(1 + Math.floor(r() * (N - 1)));
  let imageIdx = 0;
  let linkIdx = 0;
  const bodyTarget = shape.targetBytes - 4000;
  let size = parts.reduce((a, s) => a + s.length, 0);
  let section = 0;
  while (size < bodyTarget || imageIdx < 52 || linkIdx < links.length) {
    section++;
    const chunk: string[] = [];
    chunk.push(`<section><h2>${sentence(r, 3 + (section % 4)).slice(0, -1)}</h2>`);
    for (let para = 0; para < 3; para++) {
      chunk.push('<p>');
      chunk.push(sentence(r, 40 + Math.floor(r() * 40)));
      if (linkIdx < links.length) {
        const t = links[linkIdx++] ?? 0;
        chunk.push(` See <a href="/p/${t}">${(TOPICS[t % TOPICS.length] ?? '').toLowerCase()} guide ${t}</a> for details. `);
      }
      chunk.push(sentence(r, 30 + Math.floor(r() * 30)));
      chunk.push('</p>');
    }
    chunk.push('<div class="grid">');
    for (let k = 0; k < 4 && imageIdx < 60; k++, imageIdx++) {
      const img = (n * 7 + imageIdx * 13) % shape.imagePool;
      const alt = p.imageNoAlt && imageIdx === 0 ? '' : ` alt="${topic} photo ${img}"`;
      chunk.push(`<figure><img src="/img/${img}.png"${alt} width="320" height="240" loading="lazy"><figcaption>${sentence(r, 6)}</figcaption></figure>`);
    }
    chunk.push('</div></section>');
    const text = chunk.join('');
    parts.push(text);
    size += text.length;
    if (section > 400) break;
  }
  parts.push('</main><footer><ul>');
  for (let k = 0; k < 2; k++) parts.push(`<li><a href="${shape.externalOrigin}/ext/${(n + k * 31) % shape.externalPool}">Partner ${k}</a></li>`);
  if (p.brokenLink) parts.push(`<li><a href="/missing/${n}">Old offer</a></li>`);
  if (p.redirectLink) parts.push(`<li><a href="/old/${n}">Previous version</a></li>`);
  parts.push('<li><a href="/about">About</a></li><li><a href="/private/admin">Admin</a></li></ul></footer></body></html>');
  return parts.join('');
}
