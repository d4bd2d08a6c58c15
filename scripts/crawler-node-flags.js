'use strict';
/**
 * V8 heap settings for every process that crawls: the worker, the `seology` CLI and the crawler
 * benchmark. Measured on a 100,000-page crawl (bench/crawler/run.js, 2 cores):
 *
 *   no flags                           peak RSS 344 MB
 *   --max-old-space-size=1024          peak RSS 243 MB
 *   both flags below                   peak RSS 217 MB, same pages/s
 *
 * - `--max-old-space-size=1024`: a 100k-page crawl keeps about 50 MB alive. Under Node's default limit
 *   (a quarter of the machine's memory, up to 4 GiB) V8 lets the heap grow to several times that
 *   between full collections; under a 1 GiB limit it grows by about 1.5x. Two concurrent 100k-page
 *   crawls (the worker's crawl concurrency and the largest crawl the API accepts) stay far below it.
 * - `--max-semi-space-size=4`: the young generation (16 MB semi-spaces by default) holds each page's
 *   short-lived objects; 4 MB is enough for them and costs no measurable speed.
 */
const { spawn } = require('node:child_process');

const CRAWLER_NODE_FLAGS = ['--max-old-space-size=1024', '--max-semi-space-size=4'];

function hasCrawlerFlags() {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS || '').split(/\s+/)];
  return CRAWLER_NODE_FLAGS.every((flag) => given.includes(flag));
}

/**
 * Runs this script again in a child process with the crawler flags when this process lacks them, and
 * ends this process with the child's exit code. Returns false (and does nothing) when the flags are
 * already in effect, so the caller goes on.
 */
function relaunchWithCrawlerFlags(script) {
  if (hasCrawlerFlags()) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...CRAWLER_NODE_FLAGS, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, without the forwarding handler in the way.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
  child.on('error', (err) => {
    process.stderr.write(`could not start ${script}: ${err.message}\n`);
    process.exit(1);
  });
  return true;
}

module.exports = { CRAWLER_NODE_FLAGS, hasCrawlerFlags, relaunchWithCrawlerFlags };
