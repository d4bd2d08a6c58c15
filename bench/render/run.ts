/**
 * JavaScript rendering benchmark on the React fixture site scaled to --pages generated pages (their
 * heading, content and links exist only after JavaScript runs; a sitemap lists them all):
 *   node bench/render/run.js --pages 200 --runs 3                 our raw crawl and our rendered crawl
 *   node bench/render/run.js --pages 200 --runs 3 --crawlee DIR   also Crawlee's PlaywrightCrawler
 * DIR holds `crawlee` and `playwright` (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install crawlee playwright);
 * every browser is Debian's Chromium. Each crawler runs in a process of its own; its peak RSS is the sum
 * over its process tree (Chromium's browser, renderer, GPU and utility processes included), sampled
 * every 100 ms from here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { chromiumPath, treeRssBytes } from '@seology/render';
import { startRenderFixtureSite } from '@seology/render/testing';

interface Args {
  pages: number;
  runs: number;
  concurrency: number;
  renderPages: number;
  crawleeDir: string | undefined;
  json: boolean;
}

function parse(argv: string[]): Args {
  const a: Args = { pages: 200, runs: 3, concurrency: 4, renderPages: 2, crawleeDir: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--pages') a.pages = Number(argv[++i]);
    else if (v === '--runs') a.runs = Number(argv[++i]);
    else if (v === '--concurrency') a.concurrency = Number(argv[++i]);
    else if (v === '--render-pages') a.renderPages = Number(argv[++i]);
    else if (v === '--crawlee') a.crawleeDir = path.resolve(argv[++i] ?? '.');
    else if (v === '--json') a.json = true;
    else throw new Error(`unknown option ${v}`);
  }
  return a;
}

interface Result {
  pages: number;
  withContent: number;
  ms: number;
  peakRssMb: number;
  extra: string;
}

/** Forks `entry`, samples its process tree's RSS until it reports, and returns what it reported. */
function measure(entry: string, env: Record<string, string>, execArgv: string[]): Promise<Result> {
  const child: ChildProcess = fork(entry, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, treeRssBytes(child.pid));
  }, 100);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: string; message?: string; pages: number; withContent: number; ms: number; timedOut?: number; crashed?: number; failed?: number; requests?: number }) => {
      clearInterval(sampler);
      child.kill();
      if (m.type === 'error') reject(new Error(m.message));
      else {
        const extra = m.failed !== undefined ? `${m.failed} failed` : `${m.requests ?? 0} requests${m.timedOut ? `, ${m.timedOut} timed out` : ''}${m.crashed ? `, ${m.crashed} crashed` : ''}`;
        resolve({ pages: m.pages, withContent: m.withContent, ms: m.ms, peakRssMb: Math.round(peak / 1048576), extra });
      }
    });
    child.once('exit', (code) => {
      clearInterval(sampler);
      reject(new Error(`${path.basename(entry)} exited with ${code ?? 'a signal'} before reporting`));
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const paths = Array.from({ length: args.pages }, (_, i) => `/gen/${i + 1}`);
  const site = await startRenderFixtureSite({ generatedPages: args.pages, sitemapPaths: paths });
  const register = ['-r', path.join(__dirname, '../../scripts/register-ts.js')];
  const base = { BENCH_ORIGIN: site.origin, BENCH_PAGES: String(args.pages), BENCH_CONCURRENCY: String(args.concurrency), BENCH_RENDER_PAGES: String(args.renderPages) };
  const runs: Record<string, Result[]> = { raw: [], rendered: [], crawlee: [] };
  try {
    for (let r = 0; r < args.runs; r++) {
      const record = (name: string, result: Result): void => {
        runs[name]?.push(result);
        // Each run as it ends (a long benchmark interrupted still shows what it measured).
        process.stderr.write(`  run ${r + 1} ${name}: ${result.pages} pages in ${(result.ms / 1000).toFixed(1)} s, peak RSS ${result.peakRssMb} MB, with client content ${result.withContent}\n`);
      };
      record('raw', await measure(path.join(__dirname, 'crawl-entry.ts'), { ...base, BENCH_MODE: 'raw' }, register));
      record('rendered', await measure(path.join(__dirname, 'crawl-entry.ts'), { ...base, BENCH_MODE: 'render' }, register));
      if (args.crawleeDir !== undefined) {
        const urls = JSON.stringify(paths.map((p) => `http://127.0.0.1:${site.port}${p}`));
        record('crawlee', await measure(path.join(__dirname, 'crawlee-entry.js'), { CRAWLEE_DIR: args.crawleeDir, BENCH_URLS: urls, BENCH_CONCURRENCY: String(args.renderPages), CHROMIUM_PATH: chromiumPath() }, []));
      }
    }
  } finally {
    await site.close();
  }
  const rows = Object.entries(runs)
    .filter(([, list]) => list.length > 0)
    .map(([name, list]) => ({
      name,
      pagesPerSecond: list.map((x) => Math.round((x.pages / (x.ms / 1000)) * 10) / 10),
      peakRssMb: list.map((x) => x.peakRssMb),
      pages: list.map((x) => x.pages),
      withContent: list.map((x) => x.withContent),
      extra: list.map((x) => x.extra),
    }));
  if (args.json) console.log(JSON.stringify({ benchmark: 'render', pages: args.pages, concurrency: args.concurrency, renderPages: args.renderPages, cores: availableParallelism(), rows }));
  else {
    console.log(`render benchmark: ${args.pages} client-rendered pages, ${args.runs} runs, crawl concurrency ${args.concurrency}, ${args.renderPages} pages rendered at once`);
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(9)} pages/s median ${median(row.pagesPerSecond)} (runs ${row.pagesPerSecond.join(', ')}), peak RSS median ${median(row.peakRssMb)} MB (runs ${row.peakRssMb.join(', ')}), pages ${row.pages.join('/')}, with client content ${row.withContent.join('/')}; ${row.extra[0]}`,
      );
    }
  }
  return 0;
}
