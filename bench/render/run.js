#!/usr/bin/env node
'use strict';
// Rendering benchmark without a build step: node bench/render/run.js --pages 200 --runs 3 [--crawlee DIR]
const { execFileSync } = require('node:child_process');

// Transpile (and cache) the TypeScript in a throwaway process first, so the measured processes never
// load the compiler and their RSS reflects the crawl alone.
execFileSync(process.execPath, ['-e', "require('../../scripts/register-ts.js'); require('./run.ts'); require('./crawl-entry.ts');"], { cwd: __dirname, stdio: 'inherit' });
require('../../scripts/run-main.js')(require.resolve('./run.ts'));
