'use strict';
/*
 * Crawlee's CheerioCrawler on the benchmark site, in a process of its own (forked by run.ts with
 * --crawlee DIR). Crawlee is not a dependency of the project: install it anywhere with
 * `npm install @crawlee/cheerio` and pass that folder. It fetches each page, parses it with
 * cheerio and enqueues the same-host links: a crawl, no audit. Storage is kept in memory.
 *
 *   env CRAWLEE_DIR, BENCH_PORT, BENCH_PAGES, BENCH_CONCURRENCY
 */
const { readFileSync } = require('node:fs');

async function main() {
  const dir = process.env.CRAWLEE_DIR;
  const { CheerioCrawler, Configuration, log } = require(require.resolve('@crawlee/cheerio', { paths: [dir] }));
  log.setLevel(log.LEVELS.OFF);
  const port = Number(process.env.BENCH_PORT);
  const pages = Number(process.env.BENCH_PAGES);
  const concurrency = Number(process.env.BENCH_CONCURRENCY);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let handled = 0;
  const crawler = new CheerioCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestsPerCrawl: pages,
      maxRequestRetries: 0,
      async requestHandler({ enqueueLinks }) {
        handled++;
        await enqueueLinks({ strategy: 'same-hostname' });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const stats = await crawler.run([`http://127.0.0.1:${port}/`]);
  const ms = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.send({ type: 'done', pages: handled, failed: stats.requestsFailed, ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb: Math.round(peak / 1048576), vmHwmMb: hwm ? Math.round(Number(hwm[1]) / 1024) : null });
}

main().catch((error) => {
  process.send({ type: 'error', message: String(error && error.stack ? error.stack : error) });
});
