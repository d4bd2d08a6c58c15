#!/usr/bin/env node
'use strict';
// Runs the crawler benchmark without a build step: node bench/crawler/run.js --pages 10000
const { execFileSync } = require('node:child_process');
const { relaunchWithCrawlerFlags } = require('../../scripts/crawler-node-flags.js');

// The benchmark measures the crawl under the same V8 heap settings the worker and the CLI run with.
if (!relaunchWithCrawlerFlags(__filename)) {
  // Transpile (and cache) the TypeScript in a throwaway process first, so the measured process
  // never loads the compiler and its peak RSS reflects the crawl alone.
  execFileSync(process.execPath, ['-e', "require('../../scripts/register-ts.js'); require('./run.ts'); require('./server.ts');"], { cwd: __dirname, stdio: 'inherit' });
  require('../../scripts/run-main.js')(require.resolve('./run.ts'));
}
