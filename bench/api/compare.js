#!/usr/bin/env node
'use strict';
// A/B of this checkout against another without a build step: node bench/api/compare.js --base DIR [--turns 8]
require('../../scripts/run-main.js')(require.resolve('./compare.ts'));
