#!/usr/bin/env node
'use strict';
// `prisma generate` offline. The CLI must be able to read `url = env("DATABASE_URL")` from the schema:
// without the variable it falls back to downloading a native query engine, which cannot be reached
// from our machines. Generating connects to nothing, so any well-formed URL does when none is set.
// The generated client is then stopped from loading `.env` (see scripts/prisma-client-env.js).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { stopDotenvLoading } = require('./prisma-client-env.js');

const root = path.resolve(__dirname, '..');
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/seology' };
const result = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['generate'], { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
stopDotenvLoading(path.dirname(require.resolve('.prisma/client/index.js', { paths: [root] })));
