/**
 * Browser tests of the dashboard against the real API, in headless Chromium (Debian's `chromium`).
 *
 *   node scripts/run-ts.js apps/web/e2e/run-browser-tests.ts
 *
 * Builds the dashboard, clones a throw-away database from the migrated template, starts the API on a
 * free port serving apps/web/dist, then drives the browser through the main journeys. Screenshots of
 * every main screen go to test-artifacts/screenshots/. Everything it started is stopped and dropped at
 * the end. The last line is "N passed, M failed"; the exit code is non-zero when anything failed.
 *
 * Environment: SKIP_WEB_BUILD=1 reuses apps/web/dist; CHROMIUM_PATH overrides /usr/bin/chromium;
 * BROWSER_TEST_REPORT=<file> also writes { passed, failed, skipped } as JSON (used by `npm test`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pgConnectionFields } from '../../../libs/contracts/src/database-url';
import { createTestDatabase } from '../../../scripts/test-database';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'apps/web/dist');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const STEP_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// A tiny test framework: sequential steps that share one browser page.
// ---------------------------------------------------------------------------------------------

interface Result {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  error?: string;
}
const results: Result[] = [];

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the steps of one journey in order; after a failure the rest is skipped. Journeys build on each
 * other's data, so the chain stops at the first broken one (`state.broken`).
 */
const state = { broken: false };
async function journey(title: string, steps: [string, () => Promise<void>][], onFailure: (name: string) => Promise<void>): Promise<void> {
  log(`\n${title}`);
  let broken = state.broken;
  for (const [name, fn] of steps) {
    if (broken) {
      results.push({ name, status: 'skipped', ms: 0 });
      log(`  - ${name} (skipped)`);
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(fn(), STEP_TIMEOUT_MS, name);
      results.push({ name, status: 'passed', ms: Date.now() - started });
      log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      broken = true;
      state.broken = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name, status: 'failed', ms: Date.now() - started, error: message });
      log(`  ✗ ${name}\n${indent(message, 6)}`);
      await onFailure(name).catch(() => undefined);
    }
  }
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .slice(0, 14)
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Infrastructure: build, database, API, a local "customer" site
// ---------------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function buildDashboard(): void {
  if (process.env.SKIP_WEB_BUILD === '1' && fs.existsSync(path.join(DIST, 'index.html'))) {
    log('using the existing apps/web/dist (SKIP_WEB_BUILD=1)');
    return;
  }
  log('building the dashboard (vite build)…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

/** A small site of our own for the CUSTOM connection to point at. */
function startCustomerSite(port: number): Promise<http.Server> {
  const html = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
  const server = http.createServer((req, res) => {
    const pages: Record<string, string> = {
      '/': html('Corner Bakery', '<p>Fresh bread daily.</p><a href="/menu">Menu</a>'),
      '/menu': html('Menu', '<p>Sourdough, rye, croissants.</p><a href="/">Home</a>'),
    };
    const page = pages[req.url ?? '/'];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? html('Not found', ''));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

class ApiProcess {
  private output: string[] = [];
  private exited: string | null = null;
  constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exited = signal ?? `exit ${code}`;
    });
  }

  get log(): string {
    return this.output.join('');
  }

  get hasExited(): string | null {
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 8000);
    await done;
    clearTimeout(timer);
  }
}

async function waitForHealth(base: string, api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    if (api.hasExited) throw new Error(`the API stopped while starting (${api.hasExited}):\n${api.log}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the API did not become healthy within 120 s (last: ${last}):\n${api.log}`);
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // Let transitions settle so the picture shows the screen, not a frame of an animation.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

/** Focus management: after a client-side navigation the page's h1 has the focus. */
async function expectHeadingFocused(page: Page, name: string | RegExp): Promise<void> {
  await expectHeading(page, name);
  await page.waitForFunction(() => document.activeElement?.matches('h1[data-page-heading]') === true, null, { timeout: 5000 });
}

/** Every form control on the screen has an accessible name (a <label>, aria-label or aria-labelledby). */
async function expectLabelledControls(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert(unlabelled.length === 0, `form controls without a label: ${unlabelled.join(', ')}`);
}

async function readSession(page: Page): Promise<{ accessToken: string; refreshToken: string } | null> {
  return page.evaluate(() => {
    const raw = window.localStorage.getItem('seology.session');
    return raw ? (JSON.parse(raw) as { accessToken: string; refreshToken: string }) : null;
  });
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  assert(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

  buildDashboard();
  const db = await createTestDatabase();
  const queuePrefix = `e2e_web_${randomBytes(4).toString('hex')}`;
  const [apiPort, sitePort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${apiPort}`;
  const siteUrl = `http://127.0.0.1:${sitePort}/`;
  const siteDomain = `127.0.0.1:${sitePort}`;
  const customerSite = await startCustomerSite(sitePort);

  const api = new ApiProcess(
    spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), 'apps/api/src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        REDIS_URL,
        QUEUE_PREFIX: queuePrefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        SSRF_ALLOW_HOSTS: 'localhost,127.0.0.1',
        PORT: String(apiPort),
        APP_URL: base,
        WEB_DIST_DIR: DIST,
      },
    }),
  );

  let browser: Browser | undefined;
  try {
    log(`starting the API on ${base} (database ${db.name}, queue prefix ${queuePrefix})…`);
    await waitForHealth(base, api);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context: BrowserContext = await browser.newContext({ baseURL: base, viewport: DESKTOP, locale: 'en-US', reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
    });
    const noPageErrors = () => assert(pageErrors.length === 0, `errors in the page: ${pageErrors.splice(0).join(' | ')}`);
    const onFailure = async (name: string) => {
      await screenshot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    };

    const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
    const password = 'correct horse battery staple';
    let apiKeyPrefix = '';

    await journey(
      'Owner journey (desktop)',
      [
        [
          'sign up and land on the empty Sites screen',
          async () => {
            await page.goto('/signup');
            await expectHeading(page, 'Create your account');
            await expectLabelledControls(page);
            await screenshot(page, '01-sign-up');
            await page.getByLabel('Name').fill('Ada Lovelace');
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('Password').fill(password);
            await page.getByRole('button', { name: 'Create account' }).click();
            await expectHeadingFocused(page, 'Sites');
            await page.getByRole('heading', { name: 'No sites yet' }).waitFor();
            assert(new URL(page.url()).pathname === '/sites', `expected /sites, got ${page.url()}`);
            await screenshot(page, '02-sites-empty');
            noPageErrors();
          },
        ],
        [
          'the add-site form shows the server’s validation message next to the address',
          async () => {
            await page.getByRole('link', { name: 'Add site' }).first().click();
            await expectHeadingFocused(page, 'Add a site');
            await expectLabelledControls(page);
            await screenshot(page, '03-add-site');
            await page.getByRole('radio', { name: 'Any other site' }).check();
            await page.getByLabel('Site URL').fill('http://10.0.0.1/');
            await page.getByRole('button', { name: 'Add site' }).click();
            const urlField = page.getByLabel('Site URL');
            await page.waitForFunction(() => document.getElementById('site-url')?.getAttribute('aria-invalid') === 'true');
            const description = await urlField.evaluate((el) =>
              (el.getAttribute('aria-describedby') ?? '')
                .split(' ')
                .map((id) => document.getElementById(id)?.textContent ?? '')
                .join(' '),
            );
            assert(/Site URL cannot be used/i.test(description), `expected the server's SSRF message next to the field, got "${description}"`);
            await page.getByRole('alert').filter({ hasText: 'Site URL cannot be used' }).waitFor();
            await screenshot(page, '04-add-site-server-error');
            noPageErrors();
          },
        ],
        [
          'add a CUSTOM site and see it in the list',
          async () => {
            await page.getByLabel('Site URL').fill(siteUrl);
            await page.getByLabel('Display name').fill('Corner Bakery');
            await page.getByRole('radio', { name: 'Any other site' }).check();
            await page.getByRole('button', { name: 'Add site' }).click();
            await expectHeadingFocused(page, 'Sites');
            const row = page.getByRole('row', { name: /Corner Bakery/ });
            await row.waitFor();
            const text = await row.innerText();
            assert(text.includes(siteDomain), `row should show the domain ${siteDomain}: ${text}`);
            assert(/Not crawled yet/.test(text) && /Never/.test(text), `a new site is not crawled yet: ${text}`);
            await page.getByRole('status').filter({ hasText: 'Corner Bakery was added.' }).waitFor();
            await screenshot(page, '05-sites-list');
            noPageErrors();
          },
        ],
        [
          'open the site and change its execution mode',
          async () => {
            await page.getByRole('link', { name: /Corner Bakery/ }).click();
            await expectHeadingFocused(page, 'Corner Bakery');
            await page.getByRole('heading', { name: 'Overview' }).waitFor();
            await page.getByText('No crawls yet.').waitFor();
            await page.getByText('Issues appear here after the first crawl.').waitFor();
            const approve = page.getByRole('radio', { name: /Approve each fix/ });
            assert(await approve.isChecked(), 'a new site starts in APPROVE mode');
            await expectLabelledControls(page);
            await screenshot(page, '06-site-detail');
            await page.getByRole('radio', { name: /Fix automatically/ }).check();
            await page.getByRole('button', { name: 'Save execution mode' }).click();
            await page.getByRole('status').filter({ hasText: 'Execution mode changed to “Fix automatically”.' }).waitFor();
            await page.getByText('Currently: Fix automatically.').waitFor();
            await page.reload();
            await expectHeading(page, 'Corner Bakery');
            assert(await page.getByRole('radio', { name: /Fix automatically/ }).isChecked(), 'the new mode is saved on the server');
            noPageErrors();
          },
        ],
        [
          'start a crawl and cancel its job on the Jobs screen',
          async () => {
            await page.getByRole('button', { name: 'Start crawl' }).click();
            await page.getByRole('table', { name: /Recent crawls/ }).getByText('Queued').waitFor();
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
            await expectHeadingFocused(page, 'Jobs');
            const row = page.getByRole('row', { name: /Crawl site/ });
            await row.getByText('Queued').waitFor();
            await row.getByRole('link', { name: 'Corner Bakery' }).waitFor();
            await expectLabelledControls(page);
            await screenshot(page, '07-jobs');
            await row.getByRole('button', { name: /Cancel/ }).click();
            await row.getByText('Cancelled').waitFor();
            await page.getByRole('status').filter({ hasText: 'Crawl site job cancelled.' }).waitFor();
            noPageErrors();
          },
        ],
        [
          'create an API key and see it exactly once',
          async () => {
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
            await expectHeadingFocused(page, 'API keys');
            await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
            await expectLabelledControls(page);
            await screenshot(page, '08-api-keys-empty');
            await page.getByLabel('Name').fill('CI pipeline');
            await page.getByRole('checkbox', { name: 'connections:read' }).check();
            await page.getByRole('checkbox', { name: 'crawls:write' }).check();
            await page.getByRole('button', { name: 'Create key' }).click();
            const secret = page.getByTestId('new-api-key');
            await secret.waitFor();
            const key = (await secret.innerText()).trim();
            assert(/^sk_[A-Za-z0-9_-]{20,}$/.test(key), `unexpected key format: ${key}`);
            apiKeyPrefix = key.slice(0, 10);
            // The key works against the API.
            const check = await fetch(`${base}/api/connections`, { headers: { 'X-API-Key': key } });
            assert(check.status === 200, `the new key should list sites, got ${check.status}`);
            await page.getByRole('button', { name: 'Copy API key' }).click();
            await page.getByText('API key copied to the clipboard.').waitFor();
            const copied = await page.evaluate(() => navigator.clipboard.readText());
            assert(copied === key, 'the clipboard holds the key');
            await screenshot(page, '09-api-key-created');
            await page.getByRole('button', { name: 'I have stored the key' }).click();
            await page.getByTestId('new-api-key').waitFor({ state: 'detached' });
            await page.reload();
            await expectHeading(page, 'API keys');
            const table = page.getByRole('table', { name: 'Your API keys' });
            await table.getByText(`${apiKeyPrefix}…`).waitFor();
            assert((await page.content()).includes(key) === false, 'the key must not be shown again');
            await screenshot(page, '10-api-keys-list');
            noPageErrors();
          },
        ],
        [
          'an invalid access token is refreshed without the user noticing',
          async () => {
            const before = await readSession(page);
            assert(before, 'signed in');
            await page.evaluate(() => {
              const session = JSON.parse(window.localStorage.getItem('seology.session') ?? '{}') as Record<string, unknown>;
              window.localStorage.setItem('seology.session', JSON.stringify({ ...session, accessToken: 'not-a-valid-token' }));
            });
            await page.goto('/sites');
            await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
            const after = await readSession(page);
            assert(after && after.accessToken !== 'not-a-valid-token', 'a new access token was stored');
            assert(after.refreshToken !== before.refreshToken, 'the refresh token rotated');
            assert(new URL(page.url()).pathname === '/sites', 'still on Sites');
            noPageErrors();
          },
        ],
        [
          'sign out',
          async () => {
            await page.getByRole('button', { name: /Account menu/ }).click();
            await page.getByText(email).waitFor();
            await screenshot(page, '11-user-menu', { fullPage: false });
            await page.getByRole('button', { name: 'Sign out' }).click();
            await expectHeading(page, 'Sign in');
            assert((await readSession(page)) === null, 'the session is gone from storage');
            await page.goto('/jobs');
            await expectHeading(page, 'Sign in');
            await screenshot(page, '12-sign-in');
            noPageErrors();
          },
        ],
        [
          'a wrong password shows the server’s message',
          async () => {
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('Password').fill('wrong password!');
            await page.getByRole('button', { name: 'Sign in' }).click();
            await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
            await screenshot(page, '13-sign-in-error');
          },
        ],
        [
          'sign in again and come back to the screen asked for',
          async () => {
            await page.getByLabel('Password').fill(password);
            await page.getByRole('button', { name: 'Sign in' }).click();
            await expectHeading(page, 'Jobs');
            await page.getByRole('row', { name: /Crawl site/ }).getByText('Cancelled').waitFor();
            noPageErrors();
          },
        ],
        [
          'the keyboard reaches the skip link and the sidebar first',
          async () => {
            await page.goto('/sites');
            await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
            const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '');
            await page.keyboard.press('Tab');
            assert((await focused()) === 'Skip to main content', `first Tab stop should be the skip link, got "${await focused()}"`);
            await page.keyboard.press('Tab');
            assert((await focused()) === 'Seology', `then the brand link, got "${await focused()}"`);
            await page.keyboard.press('Tab');
            await page.keyboard.press('Tab');
            assert((await focused()) === 'Jobs', `then the navigation, got "${await focused()}"`);
            await page.keyboard.press('Enter');
            await expectHeadingFocused(page, 'Jobs');
            noPageErrors();
          },
        ],
      ],
      onFailure,
    );

    await journey(
      'On a phone',
      [
        [
          'the navigation collapses into a menu button',
          async () => {
            await page.setViewportSize(PHONE);
            await page.goto('/sites');
            await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
            const toggle = page.getByRole('button', { name: 'Open navigation' });
            await toggle.waitFor();
            assert((await toggle.getAttribute('aria-expanded')) === 'false', 'menu starts closed');
            const jobsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' });
            assert(await isOffscreen(page), 'the closed drawer is off screen');
            await screenshot(page, '14-phone-sites');
            await toggle.click();
            assert((await toggle.getAttribute('aria-expanded')) === 'true', 'menu is open');
            await page.waitForFunction(() => document.activeElement?.closest('nav[aria-label="Main"]') !== null);
            await screenshot(page, '15-phone-navigation', { fullPage: false });
            await page.keyboard.press('Escape');
            await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
            await toggle.click();
            await jobsLink.click();
            await expectHeadingFocused(page, 'Jobs');
            assert((await toggle.getAttribute('aria-expanded')) === 'false', 'following a link closes the menu');
            await screenshot(page, '16-phone-jobs');
            await page.goto('/sites/new');
            await expectHeading(page, 'Add a site');
            await screenshot(page, '17-phone-add-site');
            noPageErrors();
          },
        ],
      ],
      onFailure,
    );

    await journey(
      'Administrator',
      [
        [
          'an admin sees every job and can retry a cancelled one',
          async () => {
            await page.setViewportSize(DESKTOP);
            const pg = new Client(pgConnectionFields(db.url));
            await pg.connect();
            try {
              await pg.query(`UPDATE "User" SET role = 'ADMIN' WHERE email = $1`, [email]);
            } finally {
              await pg.end();
            }
            // The role travels in the access token: sign in again to get one that says ADMIN.
            await page.getByRole('button', { name: /Account menu/ }).click();
            await page.getByRole('button', { name: 'Sign out' }).click();
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('Password').fill(password);
            await page.getByRole('button', { name: 'Sign in' }).click();
            await expectHeading(page, 'Sites');
            await page.goto('/jobs');
            await page.getByRole('button', { name: 'All jobs' }).click();
            const row = page.getByRole('row', { name: /Crawl site/ });
            await row.getByText('Cancelled').waitFor();
            await screenshot(page, '18-admin-jobs');
            await row.getByRole('button', { name: /Retry/ }).click();
            await page.getByRole('status').filter({ hasText: 'Crawl site job queued again.' }).waitFor();
            await row.getByText('Queued').waitFor();
            noPageErrors();
          },
        ],
        [
          'delete the site after confirming',
          async () => {
            await page.goto('/sites');
            await page.getByRole('link', { name: /Corner Bakery/ }).click();
            await expectHeading(page, 'Corner Bakery');
            await page.getByRole('button', { name: 'Delete site' }).click();
            const dialog = page.getByRole('dialog', { name: 'Delete Corner Bakery?' });
            await dialog.waitFor();
            assert(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement), 'focus starts on Cancel');
            await screenshot(page, '19-delete-confirmation', { fullPage: false });
            await dialog.getByRole('button', { name: 'Delete site' }).click();
            await expectHeading(page, 'Sites');
            await page.getByRole('heading', { name: 'No sites yet' }).waitFor();
            noPageErrors();
          },
        ],
      ],
      onFailure,
    );
  } catch (error) {
    results.push({ name: 'set-up', status: 'failed', ms: 0, error: error instanceof Error ? error.message : String(error) });
    log(`set-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await api.stop();
    await new Promise<void>((resolve) => customerSite.close(() => resolve()));
    await cleanRedis(queuePrefix).catch((error: unknown) => log(`could not clean Redis keys: ${String(error)}`));
    await db.drop().catch((error: unknown) => log(`could not drop ${db.name}: ${String(error)}`));
  }

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (failed > 0 && api.log) log(`\nAPI output (last lines):\n${api.log.split('\n').slice(-40).join('\n')}`);
  if (process.env.BROWSER_TEST_REPORT) {
    fs.mkdirSync(path.dirname(process.env.BROWSER_TEST_REPORT), { recursive: true });
    fs.writeFileSync(process.env.BROWSER_TEST_REPORT, JSON.stringify({ passed, failed, skipped, results }, null, 2));
  }
  log(`\nscreenshots: ${path.relative(ROOT, SCREENSHOTS)}/`);
  if (skipped > 0) log(`${skipped} skipped after a failure`);
  log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

/** The closed drawer is translated off the left edge on small screens. */
async function isOffscreen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Main"]');
    return nav ? nav.getBoundingClientRect().right <= 0 : false;
  });
}

async function cleanRedis(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    log('0 passed, 1 failed');
    process.exit(1);
  },
);
