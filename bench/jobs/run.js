#!/usr/bin/env node
'use strict';
// node bench/jobs/run.js [--jobs 2000] [--runs 3] [--rounds 4]
require('../../scripts/run-main.js')(require.resolve('./run.ts'));
