#!/usr/bin/env node
'use strict';
// node bench/precision/run.js --dir /usr/share/doc/valgrind/html   (see audit-site.ts)
const { relaunchWithCrawlerFlags } = require('../../scripts/crawler-node-flags.js');

if (!relaunchWithCrawlerFlags(__filename)) {
  require('../../scripts/register-ts.js');
  require('../../scripts/run-main.js')(require.resolve('./audit-site.ts'));
}
