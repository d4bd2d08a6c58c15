#!/usr/bin/env node
'use strict';
// Runs the API benchmark without a build step: node bench/api/run.js [--runs 3] [--duration 5]
require('../../scripts/register-ts.js');
require('./run.ts')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
