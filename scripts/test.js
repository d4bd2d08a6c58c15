#!/usr/bin/env node
'use strict';
/**
 * `npm test`: every test of the product against the real Postgres and Redis on this machine.
 * Each e2e file gets its own database cloned from a migrated template and its own Redis key prefix,
 * so runs never touch the app's data or each other's.
 *   1. Prisma client    2. type-check and lint    3. Jest: libraries, API and worker (unit, service tier, e2e)
 *   4. Vitest: dashboard components and client drift    5. browser tests in headless Chromium
 * Set SKIP_BROWSER=1 to skip step 5 (e.g. on a machine without Chromium).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.CI ? '0' : '1' };
const results = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
const reportDir = path.join(root, 'tmp/test-reports');
fs.rmSync(reportDir, { recursive: true, force: true });
fs.mkdirSync(reportDir, { recursive: true });

function addCounts(file, read) {
  try {
    const found = read(JSON.parse(fs.readFileSync(file, 'utf8')));
    counts.passed += found.passed;
    counts.failed += found.failed;
    counts.skipped += found.skipped;
  } catch {
    // A runner that crashed before writing its report already failed its step.
  }
}
const jestCounts = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites || 0), skipped: r.numPendingTests + r.numTodoTests });

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  results.push({ title, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

// Prisma generate is a prerequisite, not a test: stop at once if it fails.
if (!step('generate the database client', process.execPath, [path.join(root, 'scripts/prisma-generate.js')])) process.exit(1);
step('type-check (strict TypeScript)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('type-check the dashboard (strict TypeScript)', bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit']);
step('type-check the dashboard build config', bin('tsc'), ['-p', 'apps/web/tsconfig.node.json', '--noEmit']);
step('type-check the browser tests', bin('tsc'), ['-p', 'apps/web/e2e/tsconfig.json', '--noEmit']);
// The module-boundary rule skips itself without a cached project graph (as on a fresh clone): compute it first.
spawnSync(bin('nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore', env });
step('lint (ESLint with Nx module boundaries)', bin('eslint'), ['.', '--max-warnings', '0']);
const jestReport = path.join(reportDir, 'jest.json');
step('unit, service and e2e tests (Jest: libs, api, worker)', bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${jestReport}`]);
addCounts(jestReport, jestCounts);
if (fs.existsSync(path.join(root, 'apps/web/vitest.config.ts'))) {
  const vitestReport = path.join(reportDir, 'vitest.json');
  step('dashboard component tests (Vitest)', bin('vitest'), ['run', '--config', 'apps/web/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
  addCounts(vitestReport, jestCounts);
}
if (process.env.SKIP_BROWSER !== '1' && fs.existsSync(path.join(root, 'apps/web/playwright.config.ts'))) {
  const browserReport = path.join(reportDir, 'browser.json');
  env.BROWSER_TEST_REPORT = browserReport;
  // Never download a browser: the config launches Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium).
  env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  step('browser tests (headless Chromium)', bin('playwright'), ['test', '--config', 'apps/web/playwright.config.ts']);
  // Playwright's JSON report: "flaky" passed on its retry; "skipped" includes the steps after a failed one.
  addCounts(browserReport, (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + (r.errors || []).length, skipped: r.stats.skipped }));
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.title} (${r.seconds}s)`);
const failedSteps = results.filter((r) => !r.ok).length;
if (failedSteps > 0 && counts.failed === 0) counts.failed = failedSteps;
console.log(`Total: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedSteps === 0 ? 0 : 1);
