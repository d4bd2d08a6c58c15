#!/usr/bin/env node
'use strict';
// Runs the API benchmark without a build step: node bench/api/run.js [--runs 3] [--duration 5]
require('../../scripts/run-main.js')(require.resolve('./run.ts'));
