#!/usr/bin/env node
'use strict';
// node bench/unreachable/run.js [--pages 1000] [--hosts 100]
require('../../scripts/register-ts.js');
require('./run.ts')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
