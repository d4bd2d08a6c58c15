#!/usr/bin/env node
'use strict';
// `prisma generate` offline. The CLI must be able to read `url = env("DATABASE_URL")` from the schema:
// without the variable it falls back to downloading a native query engine, which cannot be reached
// from our machines. Generating connects to nothing, so any well-formed URL does when none is set.
// The generated client is then stopped from loading `.env` (see scripts/prisma-client-env.js).
//
// `--if-stale` (npm start) skips the 5-6 s of `prisma generate` when the client on disk was generated
// from this very schema by this Prisma version and this script: a stamp beside the client says so.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { stopDotenvLoading } = require('./prisma-client-env.js');

const root = path.resolve(__dirname, '..');

function inputsHash() {
  const hash = crypto.createHash('sha256');
  for (const file of ['prisma/schema.prisma', 'node_modules/prisma/package.json', 'node_modules/@prisma/client/package.json', 'scripts/prisma-generate.js', 'scripts/prisma-client-env.js']) {
    hash.update(file).update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

function clientDir() {
  try {
    return path.dirname(require.resolve('.prisma/client/index.js', { paths: [root] }));
  } catch {
    return null;
  }
}

const stampName = '.seology-generated-from';
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
// The stamp records the inputs and the generated client's own schema copy: a `prisma generate` run by
// hand (or from another schema) rewrites the copy, and the next start generates again.
const stampOf = (dir) => `${wanted}\n${sha256(path.join(dir, 'schema.prisma'))}`;

const wanted = inputsHash();
const existing = clientDir();
if (process.argv.includes('--if-stale') && existing) {
  const stamp = path.join(existing, stampName);
  if (fs.existsSync(stamp) && fs.existsSync(path.join(existing, 'schema.prisma')) && fs.readFileSync(stamp, 'utf8') === stampOf(existing)) {
    console.log('database client is up to date');
    process.exit(0);
  }
}

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/seology' };
const result = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['generate'], { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const generated = clientDir();
stopDotenvLoading(generated);
fs.writeFileSync(path.join(generated, stampName), stampOf(generated));
