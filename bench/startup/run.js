#!/usr/bin/env node
'use strict';
// node bench/startup/run.js [--runs 7] [--no-api]
require('../../scripts/run-main.js')(require.resolve('./run.ts'));
