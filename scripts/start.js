#!/usr/bin/env node
'use strict';
/**
 * `npm start`: everything a newcomer needs on one machine with Node, Postgres and Redis.
 *  1. writes .env with fresh secrets on first run (kept, so sessions and encrypted data survive restarts)
 *  2. generates the Prisma client, creates and migrates the database
 *  3. builds the dashboard
 *  4. seeds the demo account and the demo site (idempotent)
 *  5. runs the demo site, the API (serving the dashboard) and the worker until Ctrl-C
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { CRAWLER_NODE_FLAGS } = require('./crawler-node-flags.js');

const root = path.resolve(__dirname, '..');
const envFile = path.join(root, '.env');

function ensureEnvFile() {
  if (fs.existsSync(envFile)) return;
  const lines = [
    '# Written by `npm start` on first run. Edit freely; see README.md > Configuration.',
    'DATABASE_URL=postgresql://postgres@127.0.0.1:5432/seology',
    'REDIS_URL=redis://127.0.0.1:6379',
    'PORT=3000',
    'APP_URL=http://localhost:3000',
    `JWT_SECRET=${crypto.randomBytes(32).toString('hex')}`,
    `ENCRYPTION_KEYS=k1:${crypto.randomBytes(32).toString('base64')}`,
    '# The demo site runs on this machine; the SSRF guard lets only these private hosts through.',
    'SSRF_ALLOW_HOSTS=localhost,127.0.0.1',
    'DEMO_SITE_PORT=3001',
  ];
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log('wrote .env with fresh secrets');
}

function loadEnvFile() {
  for (const line of fs.readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}

function step(title, command, args) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status}).`);
    process.exit(result.status || 1);
  }
}

const children = [];
function run(name, args, color) {
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${color}m${name.padEnd(6)}\x1b[0m| `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`${name} stopped (${signal || `exit ${code}`}); stopping everything.`);
    shutdown(code || 1);
  });
  children.push(child);
}

let shuttingDown = false;
function shutdown(code) {
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

ensureEnvFile();
loadEnvFile();
const ts = path.join(root, 'scripts/run-ts.js');
step('generating the database client', process.execPath, [path.join(root, 'scripts/prisma-generate.js')]);
step('creating and migrating the database', process.execPath, [ts, 'scripts/db.ts', 'prepare']);
if (fs.existsSync(path.join(root, 'apps/web/vite.config.ts'))) {
  step('building the dashboard', process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
}
step('seeding the demo account and site', process.execPath, [ts, 'prisma/seed.ts']);

process.env.WEB_DIST_DIR = process.env.WEB_DIST_DIR || path.join(root, 'apps/web/dist');
run('demo', [ts, 'scripts/demo-site.ts'], '35');
run('api', [ts, 'apps/api/src/main.ts'], '36');
// The worker crawls: it runs under the crawler's V8 heap settings (see scripts/crawler-node-flags.js).
run('worker', [...CRAWLER_NODE_FLAGS, ts, 'apps/worker/src/main.ts'], '33');
console.log(`\nSeology is starting on http://localhost:${process.env.PORT || 3000}  (API docs: /api/docs). Ctrl-C stops everything.`);
