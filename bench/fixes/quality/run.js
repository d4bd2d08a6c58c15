#!/usr/bin/env node
'use strict';
// Measures the quality of rule-based proposals on the demo site and on a real WordPress (default theme):
//   node bench/fixes/quality/run.js [--skip-real-wordpress]
require('../../../scripts/register-ts.js');
require('./run.ts')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
