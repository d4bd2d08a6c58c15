'use strict';
/*
 * Crawlee's PlaywrightCrawler on the fixture site, in a process of its own (forked by run.ts with
 * --crawlee DIR). Crawlee is not a dependency of the project: install it anywhere with
 * `PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install crawlee playwright` and pass that folder. Its browser
 * is Debian's Chromium (CHROMIUM_PATH); nothing is downloaded. Each page: navigate, wait for network
 * idle (as our renderer settles), take the HTML.
 *   env CRAWLEE_DIR, BENCH_URLS (JSON list), BENCH_CONCURRENCY, CHROMIUM_PATH
 */
async function main() {
  const dir = process.env.CRAWLEE_DIR;
  const { PlaywrightCrawler, Configuration, log } = require(require.resolve('crawlee', { paths: [dir] }));
  const { chromium } = require(require.resolve('playwright', { paths: [dir] }));
  log.setLevel(log.LEVELS.OFF);
  const urls = JSON.parse(process.env.BENCH_URLS);
  const concurrency = Number(process.env.BENCH_CONCURRENCY);
  let withContent = 0;
  const crawler = new PlaywrightCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestsPerCrawl: urls.length,
      maxRequestRetries: 0,
      requestHandlerTimeoutSecs: 30,
      launchContext: { launcher: chromium, launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] } },
      async requestHandler({ page }) {
        await page.waitForLoadState('networkidle');
        const html = await page.content();
        if (/<h1>Generated page \d+<\/h1>/.test(html)) withContent++;
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  const t0 = Date.now();
  const stats = await crawler.run(urls);
  const ms = Date.now() - t0;
  process.send({ type: 'done', pages: stats.requestsFinished, failed: stats.requestsFailed, withContent, ms });
}

main().catch((error) => {
  process.send({ type: 'error', message: String(error && error.stack ? error.stack : error) });
});
