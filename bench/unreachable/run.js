#!/usr/bin/env node
'use strict';
// node bench/unreachable/run.js [--pages 1000] [--hosts 100]
require('../../scripts/run-main.js')(require.resolve('./run.ts'));
