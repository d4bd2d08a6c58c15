#!/usr/bin/env node
'use strict';
/*
 * `seology`, as installed from npm. An audit runs under the crawler's V8 heap settings (see
 * crawler-node-flags.js beside this file): without them a large crawl holds about half as much memory
 * again. Other commands start at once, without a second process.
 */
const { relaunchWithCrawlerFlags } = require('./crawler-node-flags.js');

if (process.argv[2] !== 'audit' || !relaunchWithCrawlerFlags(__filename)) {
  require('../lib/seology.js').runCli();
}
