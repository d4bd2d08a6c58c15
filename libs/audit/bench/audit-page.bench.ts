/**
 * Micro-benchmark: median wall time of SiteAudit.addPage for ~90 KB HTML pages on one core.
 * Run: node -r ./scripts/register-ts.js libs/audit/bench/audit-page.bench.ts [pages]
 * (budget: ≤ 4 ms median per page).
 */
import { SiteAudit } from '../src/site-audit';
import type { FetchedPage } from '../src/model';

const WORDS = (
  'search engine optimisation content ranking visibility crawl index canonical structured data product article customer ' +
  'delivery shipping price quality service support garden kitchen bicycle travel weather market report analysis design ' +
  'performance mobile desktop network server response image gallery review rating offer discount account payment secure'
).split(' ');

function sentence(seed: number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(WORDS[(seed * 31 + i * 17 + ((seed >> 3) ^ i)) % WORDS.length]);
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** A page shaped like a real CMS page: mega-menu, article body, product grid, footer, scripts, JSON-LD. */
export function buildPage(index: number, targetBytes = 90 * 1024): string {
  const nav: string[] = [];
  for (let i = 0; i < 120; i++) nav.push(`<li class="menu-item menu-item-${i}"><a href="/category/${i % 20}/sub-${i}" class="menu-link">${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}</a></li>`);
  const head = [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${sentence(index, 6)} | Example Store</title>`,
    `<meta name="description" content="${sentence(index + 1, 22)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="canonical" href="https://shop.example.com/products/item-${index}">`,
    `<meta property="og:title" content="${sentence(index, 6)}">`,
    `<meta property="og:description" content="${sentence(index + 2, 18)}">`,
    `<meta property="og:image" content="https://shop.example.com/img/item-${index}.jpg">`,
    `<meta property="og:url" content="https://shop.example.com/products/item-${index}">`,
    '<meta name="twitter:card" content="summary_large_image">',
    '<link rel="stylesheet" href="/assets/main.css">',
    '<link rel="stylesheet" href="/assets/theme.css">',
    '<script src="/assets/app.js" defer></script>',
    `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Item ${index}","offers":{"@type":"Offer","price":"19.99","priceCurrency":"EUR"}}</script>`,
    '<style>.menu-item{display:inline-block}.card{padding:4px}</style>',
    '</head>',
    '<body class="page">',
    `<header id="top"><nav class="main-nav"><ul>${nav.join('')}</ul></nav></header>`,
    '<main id="content">',
    `<h1>${sentence(index, 5)}</h1>`,
  ];
  const parts = [...head];
  let size = parts.join('\n').length;
  let block = 0;
  const footer = `</main><footer class="site-footer"><p>${sentence(index + 99, 30)}</p><a href="/privacy">Privacy policy</a><a href="/terms">Terms of service</a></footer><script src="/assets/analytics.js" async></script></body></html>`;
  while (size + footer.length < targetBytes) {
    let chunk: string;
    if (block % 5 === 4) {
      chunk = `<section class="grid"><h2>${sentence(index + block, 4)}</h2><div class="cards">`;
      for (let c = 0; c < 6; c++) {
        const id = (index * 13 + block * 7 + c) % 5000;
        chunk += `<div class="card" data-id="${id}"><a href="/products/item-${id}"><img src="/img/thumb-${id}.jpg" alt="${WORDS[id % WORDS.length]} thumbnail" width="200" height="200" loading="lazy"></a><h3><a href="/products/item-${id}">${sentence(id, 4)}</a></h3><p class="price">&euro; ${(id % 90) + 9}.99</p></div>`;
      }
      chunk += '</div></section>';
    } else {
      chunk = `<h2>${sentence(index * 3 + block, 5)}</h2><p>${sentence(index + block, 40)} <a href="/guides/topic-${block}">${WORDS[block % WORDS.length]} guide</a> ${sentence(index + block + 1, 35)}</p><ul><li>${sentence(block, 8)}</li><li>${sentence(block + 1, 9)}</li><li>${sentence(block + 2, 7)}</li></ul>`;
    }
    parts.push(chunk);
    size += chunk.length + 1;
    block++;
  }
  parts.push(footer);
  return parts.join('\n');
}

function page(index: number, html: string): FetchedPage {
  const url = `https://shop.example.com/products/item-${index}`;
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=31536000', 'x-content-type-options': 'nosniff' },
    contentType: 'text/html; charset=utf-8',
    html,
    bodyBytes: Buffer.byteLength(html),
    truncated: false,
    ttfbMs: 120,
    totalMs: 180,
    redirects: [],
    depth: 1 + (index % 4),
    discoveredFrom: 'https://shop.example.com/',
    inSitemap: true,
  };
}

function main(): void {
  const total = Number(process.argv[2] ?? 1500);
  const warmup = Math.min(300, Math.floor(total / 5));
  const variants = 50;
  const htmls: string[] = [];
  for (let i = 0; i < variants; i++) htmls.push(buildPage(i));
  const averageKb = htmls.reduce((sum, html) => sum + html.length, 0) / variants / 1024;
  const audit = new SiteAudit({ startUrl: 'https://shop.example.com/' });
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const fetched = page(i, htmls[i % variants]);
    const start = process.hrtime.bigint();
    audit.addPage(fetched);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmup) times.push(elapsed);
  }
  const finishStart = process.hrtime.bigint();
  const result = audit.finish();
  const finishMs = Number(process.hrtime.bigint() - finishStart) / 1e6;
  times.sort((a, b) => a - b);
  const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(times.length * p))];
  console.log(`pages measured: ${times.length} (after ${warmup} warm-up), average HTML size ${averageKb.toFixed(1)} KB`);
  console.log(`addPage median ${pct(0.5).toFixed(3)} ms | p90 ${pct(0.9).toFixed(3)} ms | p99 ${pct(0.99).toFixed(3)} ms`);
  console.log(`finish() ${finishMs.toFixed(1)} ms, site findings ${result.findings.length}, health ${result.healthScore}`);
}

if (require.main === module) main();
