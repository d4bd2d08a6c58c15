#!/usr/bin/env node
'use strict';
// Fix quality on the demo site and a real WordPress (default theme): node bench/fixes/quality/run.js [--skip-real-wordpress]
require('../../../scripts/run-main.js')(require.resolve('./run.ts'));
