/**
 * Browser tests of the dashboard against the real API, in headless Chromium (Debian's `chromium`;
 * browsers are never downloaded):
 *
 *   npx playwright test --config apps/web/playwright.config.ts
 *
 * e2e/support/global-setup.ts builds the dashboard, clones a throw-away database, starts the API, the
 * contract servers and (on demand) the worker, and stops and drops everything at the end. Each
 * *.journey.ts is one serial group: its steps share a browser page, a failed step skips the rest, and
 * a retry (CI only) reruns the whole group. Files run in name order (the numbers): the first journey
 * looks at queued jobs before anything starts the worker.
 *
 * Environment: SKIP_WEB_BUILD=1 reuses apps/web/dist; CHROMIUM_PATH overrides /usr/bin/chromium;
 * BROWSER_TEST_REPORT=<file> also writes Playwright's JSON report there (read by `npm test`).
 */
import * as path from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';

// The same folders as e2e/support/paths.ts (this file is type-checked with the dashboard's tooling, apart from the tests).
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const reporters: ReporterDescription[] = [[process.env.CI ? 'line' : 'list'], ['html', { outputFolder: path.join(ARTIFACTS, 'playwright-report'), open: 'never' }]];
if (process.env.BROWSER_TEST_REPORT) reporters.push(['json', { outputFile: process.env.BROWSER_TEST_REPORT }]);

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.journey.ts',
  outputDir: path.join(ARTIFACTS, 'playwright-results'),
  globalSetup: './e2e/support/global-setup.ts',
  // One step, as the steps of a journey build on each other: hooks (a journey's browser context) count in it.
  timeout: 60_000,
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: reporters,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
