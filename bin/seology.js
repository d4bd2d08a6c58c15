#!/usr/bin/env node
'use strict';
/*
 * Seology command line. Runs straight from a checkout after `npm ci`: the TypeScript libraries are
 * transpiled on first load with the TypeScript compiler API (no type-checking, so start-up stays
 * fast) and cached by content hash under node_modules/.cache/seology.
 */
const path = require('node:path');
const { register, ROOT } = require('../scripts/register-ts.js');

module.exports = { register, ROOT };


// A crawl runs under the worker's V8 heap settings (scripts/crawler-node-flags.js): without them a
// large crawl uses about half as much memory again.
if (require.main === module && !require('../scripts/crawler-node-flags.js').relaunchWithCrawlerFlags(__filename)) {
  register();
  require(path.join(ROOT, 'libs', 'crawler', 'src', 'cli', 'main.ts')).runCli();
}
