/**
 * Crawler benchmark. Serves a generated site of N pages (~90 KB each, 60 links, 60 images) from a
 * separate process and crawls it with the real audit and every check on, then prints pages/s and
 * the crawler process's peak RSS.
 *
 *   node bench/crawler/run.js --pages 10000 [--concurrency 8] [--audit-threads N] [--no-resources] [--json]
 *   node bench/crawler/run.js --audit-only [--pages 400]
 *   node bench/crawler/run.js --pages 10000 --crawlee DIR   (then Crawlee's CheerioCrawler on the same site)
 *
 * With --crawlee, Crawlee (installed in DIR with `npm install @crawlee/cheerio`; not a dependency
 * of the project) crawls the same server right after, in a process of its own with the same
 * concurrency, and the ratio of pages/s is printed. Crawlee only fetches, parses and follows links;
 * the crawl above also audits every page with every check and, by default, checks the images.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { crawlSite } from '@seology/crawler';
import { runAuditBench } from './audit-bench';

interface Args {
  pages: number;
  concurrency: number;
  resources: boolean;
  auditOnly: boolean;
  json: boolean;
  /** Page-audit worker threads; undefined = the crawler's default for this machine. */
  auditThreads: number | undefined;
  /** Folder in which @crawlee/cheerio is installed: run it on the same site after the crawl. */
  crawleeDir: string | undefined;
}

// The crawl is CPU-bound on the audit here (local fetches have no latency), so 8 requests in
// flight keep both cores busy; more only adds buffered pages and memory.
function parse(argv: string[]): Args {
  const a: Args = { pages: 10_000, concurrency: 8, resources: true, auditOnly: false, json: false, auditThreads: undefined, crawleeDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--pages') a.pages = Number(argv[++i]);
    else if (v === '--concurrency') a.concurrency = Number(argv[++i]);
    else if (v === '--no-resources') a.resources = false;
    else if (v === '--audit-threads') a.auditThreads = Number(argv[++i]);
    else if (v === '--audit-only') a.auditOnly = true;
    else if (v === '--json') a.json = true;
    else if (v === '--crawlee') a.crawleeDir = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument ${v}`);
  }
  if (!Number.isInteger(a.pages) || a.pages < 1) throw new Error('--pages expects a positive integer');
  return a;
}

function vmHwmBytes(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU milliseconds per thread of this process (Linux): the crawl's thread, audit workers, libuv pool. */
function threadCpuMs(): Array<{ name: string; ms: number }> {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    return readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { name: Number(tid) === process.pid ? 'main' : name, ms: (Number(fields[11]) + Number(fields[12])) * tick };
    });
  } catch {
    return [];
  }
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (args.auditOnly) {
    const r = runAuditBench(args.pages === 10_000 ? 400 : args.pages);
    const out = { benchmark: 'audit-only', auditLib: '@seology/audit SiteAudit (real)', pages: r.pages, avgPageBytes: r.avgBytes, medianMs: +r.medianMs.toFixed(3), p90Ms: +r.p90Ms.toFixed(3), meanMs: +r.meanMs.toFixed(3) };
    console.log(args.json ? JSON.stringify(out) : `audit-only: ${out.pages} pages of ~${Math.round(out.avgPageBytes / 1024)} KB; median ${out.medianMs} ms, p90 ${out.p90Ms} ms, mean ${out.meanMs} ms per page (one core)`);
    return 0;
  }

  const child = fork(path.join(__dirname, 'server-entry.js'), [], { env: { ...process.env, BENCH_PAGES: String(args.pages) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port: number }) => (m.type === 'ready' ? resolve(m.port) : reject(new Error('server failed'))));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  let peakRss = rssStart;
  const sampler = setInterval(() => {
    const r = process.memoryUsage().rss;
    if (r > peakRss) peakRss = r;
  }, 50);
  const cpu0 = process.cpuUsage();
  let findings = 0;
  let lastLog = 0;
  let busiestThreads: Array<{ name: string; ms: number }> = [];
  const t0 = Date.now();
  const summary = await crawlSite({
    startUrl: `http://127.0.0.1:${port}/`,
    maxPages: args.pages,
    concurrency: args.concurrency,
    auditThreads: args.auditThreads,
    requestsPerSecond: 0,
    checkResources: args.resources,
    resourceConcurrency: 8,
    maxResources: 20_000,
    ssrfPolicy: { allowHosts: ['127.0.0.1', 'localhost'] },
    onPage: (_page, outcome) => {
      findings += outcome.findings.length;
    },
    onProgress: (p) => {
      // Sampled while the crawl runs: audit workers are gone once it returns.
      if (p.phase === 'crawling') busiestThreads = threadCpuMs().filter((t) => t.ms >= 100).sort((a, b) => b.ms - a.ms);
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        const m = process.memoryUsage();
        process.stderr.write(`  ${p.pagesCrawled} pages, ${p.pagesPerSecond.toFixed(0)} p/s, queue ${p.pagesQueued}, rss ${mb(m.rss)} MB (main heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB)\n`);
      }
    },
    progressIntervalMs: 1000,
  });
  clearInterval(sampler);
  const wallMs = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const hwm = vmHwmBytes();
  child.send({ type: 'stats' });
  const server = await new Promise<{ stats: { requests: number; pages: number; images: number; bytes: number; connections: number }; cpu: NodeJS.CpuUsage }>((resolve) =>
    child.once('message', (m: { type: string; stats: { requests: number; pages: number; images: number; bytes: number; connections: number }; cpu: NodeJS.CpuUsage }) => resolve(m)),
  );
  const crawlee = args.crawleeDir === undefined ? null : await runCrawlee(args.crawleeDir, port, args.pages, args.concurrency);
  child.send({ type: 'exit' });

  const siteFindings = summary.findings.length;
  const out = {
    benchmark: 'crawl',
    auditLib: '@seology/audit SiteAudit (real), every check',
    resourceChecks: args.resources,
    pages: summary.stats.pages,
    concurrency: args.concurrency,
    durationMs: summary.stats.durationMs,
    wallMs,
    pagesPerSecond: summary.stats.pagesPerSecond,
    peakRssMb: mb(peakRss),
    vmHwmMb: hwm === null ? null : mb(hwm),
    rssAtStartMb: mb(rssStart),
    crawlerCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    crawlerThreadsCpuMs: busiestThreads.map((t) => `${t.name}:${t.ms}`).join(' '),
    serverCpuMs: Math.round((server.cpu.user + server.cpu.system) / 1000),
    requests: summary.stats.requests,
    resourcesChecked: summary.stats.resourcesChecked,
    serverRequests: server.stats.requests,
    serverConnections: server.stats.connections,
    mbReceived: mb(summary.stats.bytes),
    pageFindings: findings,
    siteFindings,
    healthScore: summary.healthScore,
    errors: summary.stats.errors,
    crawlee: crawlee === null ? null : { ...crawlee, pagesPerSecond: Math.round((crawlee.pages / crawlee.ms) * 10000) / 10 },
    ratioToCrawlee: crawlee === null ? null : Math.round((summary.stats.pagesPerSecond / (crawlee.pages / (crawlee.ms / 1000))) * 100) / 100,
  };
  if (args.json) console.log(JSON.stringify(out));
  else {
    console.log(`crawl: ${out.pages} pages in ${(out.durationMs / 1000).toFixed(1)} s = ${out.pagesPerSecond} pages/s (concurrency ${out.concurrency}, resource checks ${out.resourceChecks ? 'on' : 'off'})`);
    console.log(`  peak RSS ${out.peakRssMb} MB sampled every 50 ms (VmHWM ${out.vmHwmMb} MB, RSS at start ${out.rssAtStartMb} MB)`);
    console.log(`  crawler CPU ${out.crawlerCpuMs} ms, server CPU ${out.serverCpuMs} ms (separate process)`);
    console.log(`  crawler threads' CPU (ms, last sample while crawling): ${out.crawlerThreadsCpuMs}`);
    console.log(`  ${out.requests} requests (${out.resourcesChecked} resource checks) over ${out.serverConnections} connections, ${out.mbReceived} MB of HTML, ${out.errors} errors`);
    console.log(`  ${out.pageFindings} page findings streamed, ${out.siteFindings} site findings, health score ${out.healthScore}`);
    if (out.crawlee !== null) {
      console.log(`crawlee CheerioCrawler: ${out.crawlee.pages} pages in ${(out.crawlee.ms / 1000).toFixed(1)} s = ${out.crawlee.pagesPerSecond} pages/s (concurrency ${out.concurrency}, ${out.crawlee.failed} failed), peak RSS ${out.crawlee.peakRssMb} MB`);
      console.log(`  Crawlee CPU ${out.crawlee.cpuMs} ms; CPU per page ${(out.crawlee.cpuMs / out.crawlee.pages).toFixed(2)} ms against ${(out.crawlerCpuMs / out.pages).toFixed(2)} ms here (with the audit)`);
      console.log(`  ratio: ${out.ratioToCrawlee}x Crawlee's pages/s`);
    }
  }
  return 0;
}

interface CrawleeRun {
  pages: number;
  failed: number;
  ms: number;
  /** CPU of the Crawlee process (all its threads). */
  cpuMs: number;
  peakRssMb: number;
  vmHwmMb: number | null;
}

function runCrawlee(dir: string, port: number, pages: number, concurrency: number): Promise<CrawleeRun> {
  const env = { ...process.env, CRAWLEE_DIR: dir, BENCH_PORT: String(port), BENCH_PAGES: String(pages), BENCH_CONCURRENCY: String(concurrency) };
  const crawler = fork(path.join(__dirname, 'crawlee-entry.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  return new Promise((resolve, reject) => {
    crawler.once('message', (m: { type: string; message?: string } & CrawleeRun) => {
      crawler.kill();
      if (m.type === 'done') resolve(m);
      else reject(new Error(`Crawlee failed: ${m.message ?? 'unknown error'}`));
    });
    crawler.once('exit', (code) => reject(new Error(`Crawlee exited with ${code}`)));
  });
}
