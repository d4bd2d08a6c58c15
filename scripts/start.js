#!/usr/bin/env node
'use strict';
/**
 * `npm start`: everything a newcomer needs on one machine with Node, Postgres and Redis.
 *  1. writes .env with fresh secrets on first run (kept, so sessions and encrypted data survive restarts)
 *  2. generates the Prisma client, creates and migrates the database
 *  3. builds what changed since the last start (scripts/build.js --if-stale: server, dashboard, CLI)
 *  4. seeds the demo account and the demo site (idempotent)
 *  5. runs the demo site, the API (serving the dashboard) and the worker until Ctrl-C
 *  6. once the API answers: crawls the demo site if it has never been crawled, then prints the ready banner
 *     (URLs and demo credentials) last, so it does not scroll away
 * Each preparation step prints one line; its full output is shown only when it fails.
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

const startedAt = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function step(title, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  if (result.status !== 0) {
    process.stdout.write(result.stdout || '');
    process.stderr.write(result.stderr || '');
    console.error(`\n${title} failed (exit ${result.status}).`);
    process.exit(result.status || 1);
  }
  console.log(`- ${title} (${seconds(started)})`);
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
step('generating the database client', process.execPath, [path.join(root, 'scripts/prisma-generate.js'), '--if-stale']);
step('creating and migrating the database', process.execPath, [ts, 'scripts/db.ts', 'prepare']);
step('building what changed', process.execPath, [path.join(root, 'scripts/build.js'), '--if-stale', '--quiet']);
// The API, the worker and the seed run compiled (dist/, with source maps); the demo site is a test server run from sources.
const compiled = (file) => path.join(root, 'dist', file);
step('seeding the demo account and site', process.execPath, [compiled('prisma/seed.js')]);

process.env.WEB_DIST_DIR = process.env.WEB_DIST_DIR || path.join(root, 'apps/web/dist');
run('demo', [ts, 'scripts/demo-site.ts'], '35');
run('api', ['--enable-source-maps', compiled('apps/api/src/main.js')], '36');
// The worker crawls: it runs under the crawler's V8 heap settings (see scripts/crawler-node-flags.js).
run('worker', ['--enable-source-maps', ...CRAWLER_NODE_FLAGS, compiled('apps/api/src/worker/main.js')], '33');

const port = process.env.PORT || 3000;
const apiUrl = `http://localhost:${port}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(method, route, token, body) {
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function waitForApi(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !shuttingDown) {
    try {
      const response = await fetch(`${apiUrl}/api/health/live`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return false;
}

/** The demo account should see results at once: crawl its site through the product's own path if it never was. */
async function crawlDemoSiteOnce(demo) {
  const { accessToken } = await api('POST', '/api/auth/signin', undefined, { email: demo.email, password: demo.password });
  const sites = await api('GET', '/api/connections', accessToken);
  for (const site of sites.items) {
    const crawls = await api('GET', `/api/connections/${site.id}/crawls?pageSize=1`, accessToken);
    if (crawls.items.some((crawl) => crawl.status === 'COMPLETED')) continue;
    const running = crawls.items.find((crawl) => crawl.status === 'QUEUED' || crawl.status === 'RUNNING');
    let crawl = running ?? (await api('POST', `/api/connections/${site.id}/crawls`, accessToken));
    const started = Date.now();
    while (crawl.status === 'QUEUED' || crawl.status === 'RUNNING') {
      if (Date.now() - started > 120_000) throw new Error('the demo crawl did not finish within 2 minutes');
      await sleep(500);
      crawl = await api('GET', `/api/crawls/${crawl.id}`, accessToken);
    }
    console.log(`- crawled the demo site ${site.siteUrl}: ${crawl.status.toLowerCase()} (${seconds(started)})`);
  }
}

async function announce() {
  if (!(await waitForApi(180_000))) {
    if (!shuttingDown) console.error(`The API did not answer on ${apiUrl} within 3 minutes; see its lines above.`);
    return;
  }
  // Constants only: the seed's own main() runs only when it is the entry point.
  const { DEMO_EMAIL, DEMO_PASSWORD } = require(compiled('prisma/seed.js'));
  const { DEMO_SITE_CREDENTIALS } = require(compiled('scripts/demo-site-content.js'));
  const demoPort = process.env.DEMO_SITE_PORT || 3001;
  try {
    await crawlDemoSiteOnce({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
  } catch (error) {
    console.error(`could not crawl the demo site: ${error.message}`);
  }
  const lines = [
    '',
    `Seology is ready (${seconds(startedAt)}). Ctrl-C stops everything.`,
    `  dashboard  ${apiUrl}            sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
    `  API docs   ${apiUrl}/api/docs`,
    `  demo site  http://127.0.0.1:${demoPort}/       WordPress user ${DEMO_SITE_CREDENTIALS.username}, application password "${DEMO_SITE_CREDENTIALS.applicationPassword}"`,
    '',
  ];
  console.log(lines.join('\n'));
}
void announce();
