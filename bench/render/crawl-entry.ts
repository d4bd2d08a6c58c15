/*
 * Our crawl of the fixture site, in a process of its own (forked by run.ts) so its memory, Chromium
 * included, is measured alone. BENCH_MODE=raw crawls without JavaScript; render renders every page.
 *   env BENCH_ORIGIN, BENCH_PAGES, BENCH_CONCURRENCY, BENCH_RENDER_PAGES, BENCH_MODE
 */
import { crawlSite } from '@seology/crawler';
import { createRenderer } from '@seology/render';
import { systemLookup, type LookupFn } from '@seology/net';

const lookup: LookupFn = async (host) => (host === 'spa.test' ? [{ address: '127.0.0.1', family: 4 }] : systemLookup(host));

async function run(): Promise<void> {
  const origin = process.env['BENCH_ORIGIN'] ?? '';
  const pages = Number(process.env['BENCH_PAGES']);
  const concurrency = Number(process.env['BENCH_CONCURRENCY']);
  const renderPages = Number(process.env['BENCH_RENDER_PAGES']);
  const render = process.env['BENCH_MODE'] === 'render';
  const policy = { allowHosts: ['spa.test'] };
  const renderer = render ? createRenderer({ maxPages: renderPages, lookup, policy }) : null;
  let withContent = 0;
  let timedOut = 0;
  let crashed = 0;
  const t0 = Date.now();
  const summary = await crawlSite({
    startUrl: `${origin}/gen/1`,
    maxPages: pages,
    concurrency,
    requestsPerSecond: 0,
    checkResources: false,
    ssrfPolicy: policy,
    lookup,
    render: renderer === null ? undefined : { renderer, mode: 'on' },
    onPage: (page) => {
      const html = page.rendered?.html ?? page.html ?? '';
      if (/<h1>Generated page \d+<\/h1>/.test(html)) withContent++;
      if (page.rendered?.timedOut) timedOut++;
      if (page.rendered?.crashed) crashed++;
    },
  });
  const ms = Date.now() - t0;
  await renderer?.close();
  process.send?.({ type: 'done', pages: summary.stats.pages, withContent, timedOut, crashed, ms, requests: summary.stats.requests });
}

run().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
