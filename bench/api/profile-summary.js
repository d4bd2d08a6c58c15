#!/usr/bin/env node
'use strict';
// Summarises CPU profiles without a build step: node bench/api/profile-summary.js DIR [--top 30]
require('../../scripts/run-main.js')(require.resolve('./profile-summary.ts'));
