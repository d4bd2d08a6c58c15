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
import { SMTPServer } from 'smtp-server';
import { startWordPressContractServer, type WordPressContractServer } from '@seology/connectors/testing';
import { startAnthropicMessagesServer } from '@seology/fixes/testing';
import { startSearchConsoleContractServer } from '@seology/connectors/testing';
import { pgConnectionFields } from '@seology/contracts';
import { DEMO_SITE_CREDENTIALS, demoSiteOptions, publishDemoRecipes } from '@seology/scripts/demo-site-content';
import { createTestDatabase } from '@seology/scripts/test-database';
import { watchPage } from './page-watch';
import { searchConsoleJourney, searchConsoleServerEnv } from './search-console.journey';
import { reportsJourney } from './reports.journey';
import { dashboardJourney } from './dashboard.journey';
import { companionPluginJourney } from './companion-plugin.journey';
import { siteSettingsJourney } from './site-settings.journey';
import { teamJourney } from './team.journey';

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

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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
export const state = { broken: false };
export async function journey(title: string, steps: [string, () => Promise<void>][], onFailure: (name: string) => Promise<void>): Promise<void> {
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

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Infrastructure: build, database, API, a local "customer" site
// ---------------------------------------------------------------------------------------------

export function freePort(): Promise<number> {
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

// The worker (crawls, fixes, email delivery) starts on demand: the first journeys check what the
// screens show while jobs are still queued, which a running worker would race. Journeys that need
// jobs to run (crawl progress, fixes, invitation emails) call startWorker() first.
let workerEnv: NodeJS.ProcessEnv | null = null;
let worker: ApiProcess | null = null;

/** Starts the worker with the API's configuration and waits until it processes the queues. Idempotent. */
export async function startWorker(): Promise<void> {
  if (!workerEnv) throw new Error('startWorker() is called from a journey, after main() has started the API');
  if (!worker) {
    log('  starting the worker…');
    worker = new ApiProcess(
      spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), 'apps/api/src/worker/main.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: workerEnv }),
    );
  }
  const started = worker;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (started.hasExited) throw new Error(`the worker stopped (${started.hasExited}):\n${started.log}`);
    // It has no HTTP port: it is ready once it logs that it processes the queues.
    if (started.log.includes('processing queues')) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the worker did not start within 120 s:\n${started.log}`);
}

// ---------------------------------------------------------------------------------------------
// Mail capture: a local SMTP server the API and the worker send to (SMTP_URL), so journeys can
// read the emails a person would get (invitation links, notifications).
// ---------------------------------------------------------------------------------------------

export interface CapturedEmail {
  to: string[];
  /** The raw message with quoted-printable soft breaks and escapes undone; links can be read from it. */
  text: string;
}
const capturedEmails: CapturedEmail[] = [];

/** Undoes quoted-printable soft breaks and escapes, enough to read a link out of a plain-text email. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function startMailCapture(port: number): Promise<SMTPServer> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // close() otherwise waits up to 30 s for clients that linger.
    closeTimeout: 500,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        capturedEmails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), text: decodeQuotedPrintable(body) });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    smtp.on('error', reject);
    smtp.listen(port, '127.0.0.1', () => resolve(smtp));
  });
}

/** The bodies of every email sent to `email` so far, oldest first. */
export function inboxFor(email: string): string[] {
  const address = email.toLowerCase();
  return capturedEmails.filter((mail) => mail.to.includes(address)).map((mail) => mail.text);
}

/** Waits until `email` has received at least `count` emails (they are sent by a queue, so not at once). */
export async function waitForInbox(email: string, count = 1, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mails = inboxFor(email);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`expected ${count} email(s) to ${email} within ${timeoutMs / 1000}s, got ${inboxFor(email).length}`);
}

// ---------------------------------------------------------------------------------------------
// The demo WordPress site (the same one `npm start` serves) and what the journeys need to reach it.
// ---------------------------------------------------------------------------------------------

function startDemoSite(port: number): Promise<WordPressContractServer> {
  return startWordPressContractServer(demoSiteOptions(port));
}

/** Addresses and handles of the running environment, filled in by main() before the journeys run. */
export const env = {
  /** The API (and the dashboard it serves), e.g. http://127.0.0.1:41234 */
  base: '',
  /** The throw-away database's connection string (for set-up that has no screen, like making an admin). */
  databaseUrl: '',
  /** The demo WordPress site's public address, with a trailing slash. */
  demoSiteUrl: '',
  demoSite: null as WordPressContractServer | null,
  demoCredentials: DEMO_SITE_CREDENTIALS,
};

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // Let transitions settle so the picture shows the screen, not a frame of an animation.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

/** Focus management: after a client-side navigation the page's h1 has the focus. */
export async function expectHeadingFocused(page: Page, name: string | RegExp): Promise<void> {
  await expectHeading(page, name);
  await page.waitForFunction(() => document.activeElement?.matches('h1[data-page-heading]') === true, null, { timeout: 5000 });
}

/** Every form control on the screen has an accessible name (a <label>, aria-label or aria-labelledby). */
export async function expectLabelledControls(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert(unlabelled.length === 0, `form controls without a label: ${unlabelled.join(', ')}`);
}

/** The session cookies as the browser holds them (the refresh token is httpOnly: no page script sees it). */
export async function sessionCookies(context: BrowserContext): Promise<{ refresh: string | null; csrf: string | null; refreshHttpOnly: boolean; sameSite: string[] }> {
  const cookies = await context.cookies();
  const refresh = cookies.filter((c) => c.name === 'seology_refresh');
  const csrf = cookies.find((c) => c.name === 'seology_csrf');
  return {
    refresh: refresh[0]?.value ?? null,
    csrf: csrf?.value ?? null,
    refreshHttpOnly: refresh.length > 0 && refresh.every((c) => c.httpOnly),
    sameSite: [...refresh, ...(csrf ? [csrf] : [])].map((c) => c.sameSite),
  };
}

/** Nothing a script can read holds a credential: no storage entry and no readable cookie has a token in it. */
export async function expectNoTokenInReach(page: Page, tokens: string[]): Promise<void> {
  const readable = await page.evaluate(() => JSON.stringify({ local: { ...window.localStorage }, session: { ...window.sessionStorage }, cookie: document.cookie }));
  for (const token of tokens) assert(!readable.includes(token), `a token is within reach of page scripts: ${readable.slice(0, 300)}`);
  assert(!readable.includes('seology_refresh'), 'the refresh cookie is readable by page scripts');
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
  const [smtpPort, demoPort] = [await freePort(), await freePort()];
  const smtp = await startMailCapture(smtpPort);
  // Claude's Messages API, streamed as Anthropic documents it, so the assistant's live answer is exercised too.
  const claude = await startAnthropicMessagesServer();
  claude.respondText = () => ['Start with ', 'the missing ', 'meta descriptions, ', 'then the duplicate title.'];
  const demoSite = await startDemoSite(demoPort);
  const google = await startSearchConsoleContractServer();
  Object.assign(env, { base, databaseUrl: db.url, demoSiteUrl: `${demoSite.url}/`, demoSite });

  // The API and the worker share one configuration, as in production.
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SSRF_ALLOW_HOSTS: 'localhost,127.0.0.1',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
    PORT: String(apiPort),
    APP_URL: base,
    WEB_DIST_DIR: DIST,
    ...searchConsoleServerEnv(google),
  };
  const api = new ApiProcess(
    spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), 'apps/api/src/main.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv }),
  );
  workerEnv = serverEnv;

  let browser: Browser | undefined;
  try {
    log(`starting the API on ${base} (database ${db.name}, queue prefix ${queuePrefix}, demo site ${env.demoSiteUrl})…`);
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
    const { noPageErrors, accessToken } = await watchPage(page);
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
          'sign up, skip the setup wizard and land on the empty Sites screen',
          async () => {
            await page.goto('/signup');
            await expectHeading(page, 'Create your account');
            await expectLabelledControls(page);
            await screenshot(page, '01-sign-up');
            await page.getByLabel('Name').fill('Ada Lovelace');
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('Password').fill(password);
            await page.getByRole('button', { name: 'Create account' }).click();
            // A new account starts in the setup wizard; this journey sets its site up by hand instead.
            await expectHeadingFocused(page, 'Get started');
            await page.getByRole('button', { name: 'Skip for now' }).click();
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
            // Automatic mode changes the live site: the dashboard shows what that means and asks first.
            const confirmAutomatic = page.getByRole('dialog', { name: /automatically\?/ });
            await confirmAutomatic.getByTestId('automatic-preview').waitFor();
            await screenshot(page, '06b-confirm-automatic-mode', { fullPage: false });
            await confirmAutomatic.getByRole('button', { name: 'Switch to automatic' }).click();
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
          'the session survives a reload: the refresh cookie rotates and no token is within reach of page scripts',
          async () => {
            const before = await sessionCookies(context);
            assert(before.refresh && before.csrf, 'signed in with the session cookies');
            assert(before.refreshHttpOnly, 'the refresh cookie is httpOnly');
            assert(before.sameSite.every((value) => value === 'Strict'), `the session cookies are SameSite=Strict: ${before.sameSite.join(', ')}`);
            const tokenBefore = accessToken();
            await page.goto('/sites');
            await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
            await page.reload();
            await expectHeading(page, 'Sites');
            await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
            const after = await sessionCookies(context);
            assert(after.refresh && after.refresh !== before.refresh, 'the reload got a new access token from the refresh cookie, which rotated');
            // The watcher reads the refresh answer's body asynchronously: give it a moment to arrive.
            for (let tries = 0; accessToken() === tokenBefore && tries < 40; tries++) await page.waitForTimeout(125);
            assert(accessToken() !== tokenBefore, 'a new access token after the reload');
            await expectNoTokenInReach(page, [accessToken(), after.refresh]);
            noPageErrors();
          },
        ],
        [
          'an access token the API refuses is refreshed without the user noticing',
          async () => {
            // The API answers one request as if the access token had expired.
            let refused = false;
            const jobsList = (url: URL) => url.pathname === '/api/jobs';
            await page.route(jobsList, async (route) => {
              if (refused) return route.fallback();
              refused = true;
              await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Your session has expired.' }) });
            });
            const refresh = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/refresh');
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
            await expectHeadingFocused(page, 'Jobs');
            assert((await refresh).status() === 200, 'the refresh (cookie and CSRF token) succeeded');
            await page.getByRole('row', { name: /Crawl site/ }).getByText('Cancelled').waitFor();
            assert(refused, 'the refused request happened');
            assert(new URL(page.url()).pathname === '/jobs', 'still on Jobs');
            await page.unroute(jobsList);
            noPageErrors();
          },
        ],
        [
          'a second tab shares the session, and signing out in one signs out the other',
          async () => {
            const other = await context.newPage();
            const otherWatch = await watchPage(other);
            try {
              await other.goto('/jobs');
              await expectHeading(other, 'Jobs');
              await page.getByRole('button', { name: /Account menu/ }).click();
              await page.getByText(email).waitFor();
              await screenshot(page, '11-user-menu', { fullPage: false });
              const refreshBeforeSignOut = (await sessionCookies(context)).refresh;
              await page.getByRole('button', { name: 'Sign out' }).click();
              await expectHeading(page, 'Sign in');
              // No reload in the other tab: the BroadcastChannel message takes it to the sign-in page.
              await expectHeading(other, 'Sign in');
              await page.waitForFunction(() => !document.cookie.includes('seology_csrf='));
              const cookies = await sessionCookies(context);
              assert(cookies.refresh === null && cookies.csrf === null, 'the API cleared the session cookies');
              // The refresh token is revoked on the server, not only forgotten by the browser.
              const replay = await fetch(`${base}/api/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: refreshBeforeSignOut }) });
              assert(replay.status === 401, `the signed-out refresh token is revoked, got ${replay.status}`);
              otherWatch.noPageErrors();
            } finally {
              await other.close();
            }
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

    // ---- Newcomer journey (sign-up to rolled-back fix on the demo WordPress site) -------------------
    await newcomerJourney(browser);
    // ---- end of the newcomer journey ---------------------------------------------------------------
    await teamJourney({ browser, baseUrl: env.base, databaseUrl: env.databaseUrl, siteUrl: env.demoSiteUrl, journey, screenshot, waitForInbox, startWorker, state });
    await siteSettingsJourney({ browser, baseUrl: env.base, siteUrl, journey, screenshot, state });
    await searchConsoleJourney({ browser, baseUrl: env.base, databaseUrl: env.databaseUrl, siteUrl, google, journey, screenshot, startWorker, state });
    await reportsJourney({ browser, baseUrl: env.base, databaseUrl: env.databaseUrl, siteUrl: env.demoSiteUrl, journey, screenshot, startWorker, state });
    await dashboardJourney({ browser, baseUrl: env.base, databaseUrl: env.databaseUrl, siteUrl: env.demoSiteUrl, journey, screenshot, startWorker, state });
    await companionPluginJourney({ browser, baseUrl: env.base, journey, screenshot, state });
  } catch (error) {
    results.push({ name: 'set-up', status: 'failed', ms: 0, error: error instanceof Error ? error.message : String(error) });
    log(`set-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all([api.stop(), worker?.stop()]);
    await new Promise<void>((resolve) => customerSite.close(() => resolve()));
    await demoSite.close().catch(() => undefined);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await claude.close();
    await google.close();
    await cleanRedis(queuePrefix).catch((error: unknown) => log(`could not clean Redis keys: ${String(error)}`));
    await db.drop().catch((error: unknown) => log(`could not drop ${db.name}: ${String(error)}`));
  }

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (failed > 0 && api.log) log(`\nAPI output (last lines):\n${api.log.split('\n').slice(-40).join('\n')}`);
  if (failed > 0 && worker?.log) log(`\nworker output (last lines):\n${worker.log.split('\n').slice(-40).join('\n')}`);
  if (process.env.BROWSER_TEST_REPORT) {
    fs.mkdirSync(path.dirname(process.env.BROWSER_TEST_REPORT), { recursive: true });
    fs.writeFileSync(process.env.BROWSER_TEST_REPORT, JSON.stringify({ passed, failed, skipped, results }, null, 2));
  }
  log(`\nscreenshots: ${path.relative(ROOT, SCREENSHOTS)}/`);
  if (skipped > 0) log(`${skipped} skipped after a failure`);
  log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Newcomer journey: a new user signs up, goes through the setup wizard with the demo WordPress site,
// crawls it with live progress, reads the issues, approves a fix, sees it verified and rolls it back.
// It needs the worker, and runs in its own browser context (a fresh localStorage).
// ---------------------------------------------------------------------------------------------

async function newcomerJourney(browser: Browser): Promise<void> {
  const context = await browser.newContext({ baseURL: env.base, viewport: DESKTOP, locale: 'en-US', reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { noPageErrors, accessToken } = await watchPage(page);
  const email = `newcomer-${randomBytes(3).toString('hex')}@example.com`;
  let siteId = '';
  const me = async () => {
    const response = await fetch(`${env.base}/api/auth/me`, { headers: { Authorization: `Bearer ${accessToken()}` } });
    return (await response.json()) as { onboardingStep: number; onboardingCompleted: boolean };
  };
  const fixCard = (status: string) => page.locator('article.fix-card').filter({ hasText: status }).first();

  // This journey does not build on the others' data: it runs even if one of them broke.
  const brokenBefore = state.broken;
  state.broken = false;
  try {
    await journey(
      'Newcomer on the demo WordPress site (desktop)',
      [
        [
          'sign up and land in the setup wizard, which resumes after leaving it',
          async () => {
            await startWorker();
            await page.goto('/signup');
            await page.getByLabel('Name').fill('Grace Hopper');
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('Password').fill('correct horse battery staple');
            await page.getByRole('button', { name: 'Create account' }).click();
            await expectHeadingFocused(page, 'Get started');
            await page.getByRole('heading', { name: 'Welcome' }).waitFor();
            await screenshot(page, '30-onboarding-welcome');
            await page.getByRole('button', { name: 'Let’s start' }).click();
            await page.getByRole('heading', { name: 'Add your site' }).waitFor();
            await page.waitForFunction(() => document.querySelector('[aria-current="step"]')?.textContent?.includes('Add your site') === true);
            // Leave and come back: the wizard resumes at the step saved on the account.
            await page.getByRole('button', { name: 'Skip for now' }).click();
            await expectHeading(page, 'Sites');
            // Skipping navigates once the step is saved.
            const saved = await me();
            assert(saved.onboardingStep === 1 && !saved.onboardingCompleted, `expected step 1, not completed; got ${JSON.stringify(saved)}`);
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get started' }).click();
            await page.getByRole('heading', { name: 'Add your site' }).waitFor();
            await expectLabelledControls(page);
            await screenshot(page, '31-onboarding-add-site');
            noPageErrors();
          },
        ],
        [
          'add the demo WordPress site with its application password, then connect and check it',
          async () => {
            await page.getByLabel('Site URL').fill(env.demoSiteUrl);
            await page.getByLabel('Display name').fill('Corner Bakery demo');
            await page.getByRole('radio', { name: /WordPress/ }).check();
            await page.getByLabel('Username').fill(env.demoCredentials.username);
            await page.getByLabel('Application password').fill(env.demoCredentials.applicationPassword);
            await page.getByRole('button', { name: 'Add site' }).click();
            await page.getByRole('heading', { name: 'Connect it' }).waitFor();
            await page.getByText('The WordPress application password is stored encrypted.').waitFor();
            siteId = (await page.evaluate(() => window.localStorage.getItem('seology.onboarding.site'))) ?? '';
            assert(siteId, 'the wizard remembers the site it sets up');
            await screenshot(page, '32-onboarding-connect');
            await page.getByRole('button', { name: 'Continue' }).click();
            await page.getByRole('heading', { name: 'Check the connection' }).waitFor();
            // The application password is tried against the demo site's REST API.
            await page.getByRole('status').filter({ hasText: 'Seology can reach “The Corner Bakery”.' }).waitFor();
            await screenshot(page, '33-onboarding-verify');
            await page.getByRole('button', { name: 'Continue' }).click();
            await page.getByRole('heading', { name: 'Execution mode' }).waitFor();
            assert(await page.getByRole('radio', { name: /Approve each fix/ }).isChecked(), 'APPROVE is preselected');
            await expectLabelledControls(page);
            await screenshot(page, '34-onboarding-mode');
            await page.getByRole('button', { name: 'Save and continue' }).click();
            await page.getByRole('heading', { name: 'First crawl' }).waitFor();
            noPageErrors();
          },
        ],
        [
          'run the first crawl with live progress and review the first issues',
          async () => {
            await page.getByRole('button', { name: 'Start the first crawl' }).click();
            const progress = page.getByRole('progressbar', { name: 'Crawl progress' });
            await progress.waitFor();
            await screenshot(page, '35-onboarding-crawl-progress');
            await page.getByRole('button', { name: 'See the issues' }).and(page.locator(':enabled')).waitFor({ timeout: 45_000 });
            assert((await progress.getAttribute('aria-valuenow')) === '100', 'a completed crawl shows 100%');
            await page.getByText(/pages crawled, \d+ issues found/).waitFor();
            await screenshot(page, '36-onboarding-crawl-done');
            await page.getByRole('button', { name: 'See the issues' }).click();
            await page.getByText(/The crawl found \d+ open issues?/).waitFor();
            await screenshot(page, '37-onboarding-first-issues');
            await page.getByRole('button', { name: 'Finish setup' }).click();
            await page.getByRole('heading', { name: 'Done' }).waitFor();
            // The step is saved in the background: wait for it rather than race it.
            let saved = await me();
            for (let tries = 0; tries < 25 && !saved.onboardingCompleted; tries += 1) {
              await page.waitForTimeout(200);
              saved = await me();
            }
            assert(saved.onboardingCompleted && saved.onboardingStep === 7, `expected a completed onboarding, got ${JSON.stringify(saved)}`);
            await screenshot(page, '38-onboarding-done');
            noPageErrors();
          },
        ],
        [
          'filter and search the issues table, open one and see the element, evidence and how to fix it',
          async () => {
            await page.getByRole('link', { name: 'All issues' }).click();
            await expectHeadingFocused(page, 'Issues');
            // Grouped by kind of issue by default; the per-page table is one click away.
            const groups = page.getByRole('list', { name: /by check$/ });
            await groups.waitFor();
            await groups.locator('summary').first().click();
            await groups.getByRole('heading', { name: 'How to fix it' }).first().waitFor();
            await screenshot(page, '39-issues-grouped');
            await page.getByRole('link', { name: 'Every issue, page by page' }).click();
            const table = page.getByRole('table', { name: /Issues of/ });
            await table.waitFor();
            await expectLabelledControls(page);
            await screenshot(page, '40-issues-table');
            const total = await table.locator('tbody tr').count();
            assert(total > 1, `the demo site has several issues, got ${total}`);
            await page.getByLabel('Search').fill('alt');
            await page.getByRole('button', { name: 'Apply' }).click();
            await page.waitForURL(/q=alt/);
            await page.waitForFunction((before) => document.querySelectorAll('table tbody tr').length < before, total);
            const filtered = await table.locator('tbody tr').allInnerTexts();
            assert(filtered.length > 0 && filtered.every((row) => /alt/i.test(row)), `search "alt" should keep only image-alt issues, got ${filtered.join(' / ')}`);
            await screenshot(page, '41-issues-filtered');
            // The CSV holds the filtered issues, every page of them.
            const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
            const csv = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
            assert(csv[0]?.startsWith('id,severity,status,type'), `unexpected CSV header: ${csv[0]}`);
            assert(csv.length - 1 === filtered.length, `the CSV has ${csv.length - 1} rows, the filtered table ${filtered.length}`);
            await table.getByRole('link').first().click();
            await page.getByRole('heading', { name: 'How to fix it' }).waitFor();
            await page.getByLabel('CSS selector', { exact: true }).waitFor();
            await screenshot(page, '42-issue-detail');
            await page.getByRole('button', { name: 'Ignore issue' }).click();
            await page.getByRole('button', { name: 'Stop ignoring' }).waitFor();
            await page.getByRole('button', { name: 'Stop ignoring' }).click();
            await page.getByRole('button', { name: 'Ignore issue' }).waitFor();
            // Back to the list keeps the filters.
            await page.getByRole('link', { name: 'Issues' }).first().click();
            await page.waitForURL(/q=alt/);
            noPageErrors();
          },
        ],
        [
          'explore the crawled pages with filters and open one page with all its issues, at desktop and phone widths',
          async () => {
            await page.setViewportSize({ width: 1440, height: 900 });
            await page.goto(`/sites/${siteId}/pages`);
            await expectHeading(page, 'Crawled pages');
            const table = page.getByRole('table', { name: /Crawled pages of/ });
            await table.waitFor();
            const all = await table.locator('tbody tr').count();
            assert(all > 1, `the demo site has several crawled pages, got ${all}`);
            await screenshot(page, '43-crawled-pages');
            await page.getByLabel('Issues', { exact: true }).selectOption('true');
            await page.waitForURL(/hasIssues=true/);
            await page.getByLabel('Sort').selectOption('issueCount:desc');
            await page.waitForURL(/sort=issueCount/);
            // The previous rows stay on screen until the sorted ones arrive.
            await page.waitForFunction(() => {
              const cells = [...document.querySelectorAll('tbody td[data-label="Issues"]')].map((td) => Number(td.textContent));
              return cells.length > 0 && cells.every((n, i) => n > 0 && (i === 0 || cells[i - 1]! >= n));
            }, undefined, { timeout: 15_000 });
            const counts = (await table.locator('tbody td[data-label="Issues"]').allInnerTexts()).map(Number);
            assert(counts.length > 0 && counts.every((n) => n > 0), `"with open issues" lists only pages with issues, got ${counts.join(',')}`);
            assert(counts.every((n, i) => i === 0 || counts[i - 1]! >= n), `sorted by issues, most first: ${counts.join(',')}`);
            await table.getByRole('link').first().click();
            await page.getByRole('heading', { name: 'As the latest crawl saw it' }).waitFor();
            await page.getByRole('heading', { name: /^Issues \(\d+ open of \d+\)$/ }).waitFor();
            await screenshot(page, '44-page-view');
            await page.setViewportSize(PHONE);
            await page.reload();
            await page.getByRole('heading', { name: 'As the latest crawl saw it' }).waitFor();
            await screenshot(page, '45-phone-page-view');
            await page.goto(`/sites/${siteId}/issues`);
            await page.getByRole('list', { name: /by check$/ }).waitFor();
            await screenshot(page, '46-phone-issues-grouped');
            await page.setViewportSize(DESKTOP);
            noPageErrors();
          },
        ],
        [
          'ask the AI assistant and read its answer as it streams in, under the strict CSP',
          async () => {
            await page.goto(`/assistant/${siteId}`);
            await expectHeading(page, 'AI assistant');
            await page.getByRole('button', { name: 'New conversation' }).click();
            await page.getByLabel('Your question').fill('Which issues should I fix first?');
            await page.getByRole('button', { name: 'Send' }).click();
            const log = page.getByRole('list', { name: 'Messages' });
            const answer = 'Start with the missing meta descriptions, then the duplicate title.';
            await log.getByText(answer).waitFor({ timeout: 20_000 });
            // Once it has answered, the stored conversation replaces what streamed in: the answer stays.
            await page.getByText('The assistant has answered.').waitFor();
            await page.waitForTimeout(1_500);
            await log.getByText(answer).waitFor({ timeout: 1_000 });
            await screenshot(page, '47-assistant-answer');
            await page.reload();
            await page.getByRole('list', { name: 'Messages' }).getByText(answer).waitFor();
            noPageErrors();
          },
        ],
        [
          'approve a proposed fix and see it applied and verified on the live site',
          async () => {
            await page.goto(`/sites/${siteId}/fixes`);
            await expectHeading(page, 'Fixes');
            // The meta description the rules propose for the sourdough post.
            const title = 'Meta description on /2026/03/sourdough-basics/';
            const card = page.locator('article.fix-card').filter({ hasText: title });
            await card.waitFor({ timeout: 30_000 });
            await card.getByText('Awaiting approval').waitFor();
            await screenshot(page, '50-fixes-queue');
            await card.getByRole('button', { name: 'Approve', exact: true }).click();
            await page.getByRole('status').filter({ hasText: 'Fix approved' }).waitFor();
            await page.getByRole('button', { name: 'Approved', exact: true }).click();
            const applied = page.locator('article.fix-card').filter({ hasText: title });
            await applied.getByText('Verified on the live site').waitFor({ timeout: 40_000 });
            await applied.getByText(/9\d days left to roll back/).waitFor();
            await screenshot(page, '51-fix-applied');
            noPageErrors();
          },
        ],
        [
          'roll the fix back after confirming',
          async () => {
            const applied = fixCard('Verified on the live site');
            await applied.getByRole('button', { name: 'Roll back' }).click();
            const dialog = page.getByRole('dialog', { name: 'Roll back this fix?' });
            await dialog.waitFor();
            await screenshot(page, '52-rollback-confirm', { fullPage: false });
            await dialog.getByRole('button', { name: 'Roll back' }).click();
            await page.getByRole('button', { name: 'Rolled back', exact: true }).click();
            await fixCard('Rolled back').waitFor({ timeout: 40_000 });
            await screenshot(page, '53-fix-rolled-back');
            noPageErrors();
          },
        ],
        [
          'crawl again from the Crawls screen and compare the two crawls',
          async () => {
            await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Crawls' }).click();
            await expectHeadingFocused(page, 'Crawls');
            await page.getByRole('button', { name: 'Start crawl' }).click();
            await page.getByRole('heading', { name: 'Crawl in progress' }).waitFor();
            await page.getByRole('heading', { name: 'Crawl in progress' }).waitFor({ state: 'detached', timeout: 45_000 });
            await page.getByRole('heading', { name: 'Compare crawls' }).waitFor();
            await page.getByLabel('Compared with').waitFor();
            await page.getByText(/Nothing changed between these two crawls|New issues|Resolved issues|Pages changed/).first().waitFor();
            await expectLabelledControls(page);
            await screenshot(page, '54-crawl-diff');
            noPageErrors();
          },
        ],
        [
          'reject the remaining proposals at once, with a reason',
          async () => {
            await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Fixes' }).click();
            await expectHeadingFocused(page, 'Fixes');
            // The rolled-back fix's issue is open again, so the last crawl proposed it anew (proposals are
            // written just after the analysis): wait for it so that "select all" covers every proposal.
            await page.locator('article.fix-card').filter({ hasText: 'Meta description on /2026/03/sourdough-basics/' }).waitFor({ timeout: 20_000 });
            const count = await page.locator('article.fix-card').count();
            await page.getByRole('checkbox', { name: /^Select all/ }).check();
            await page.getByRole('button', { name: `Approve selected (${count})` }).waitFor();
            await screenshot(page, '59-fixes-bulk-selected');
            await page.getByRole('button', { name: 'Reject selected' }).click();
            const dialog = page.getByRole('dialog', { name: `Reject ${count} fixes?` });
            await dialog.getByLabel(/Reason/).fill('We write our own descriptions');
            await dialog.getByRole('button', { name: 'Reject' }).click();
            await page.getByRole('status').filter({ hasText: `${count} fixes rejected.` }).waitFor({ timeout: 20_000 });
            await page.getByRole('heading', { name: 'Nothing awaits your approval' }).waitFor();
            await page.getByRole('button', { name: 'Rejected', exact: true }).click();
            await page.getByText('Rejected: We write our own descriptions').first().waitFor();
            noPageErrors();
          },
        ],
        [
          'in plan mode the next crawl’s fixes form a plan; approve it and follow its progress',
          async () => {
            await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Overview' }).click();
            await page.getByRole('radio', { name: /Review a plan/ }).check();
            await page.getByRole('button', { name: 'Save execution mode' }).click();
            await page.getByText('Currently: Review a plan.').waitFor();
            // Every earlier proposal was decided (turned-down fixes are not proposed again), so the bakery
            // publishes four new recipes with the usual gaps for the next crawl to find.
            publishDemoRecipes(env.demoSite!, 4);
            await page.getByRole('button', { name: 'Start crawl' }).click();
            await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Fixes' }).click();
            const planLink = page.getByRole('region', { name: 'Plans' }).getByRole('link').first();
            await planLink.waitFor({ timeout: 45_000 });
            await planLink.click();
            await page.getByRole('heading', { name: 'Fixes in this plan' }).waitFor();
            await screenshot(page, '55-plan');
            // A plan of more than 10 fixes is over the free plan's 10 a month: approving it approves the most
            // impactful 10 and leaves the others proposed, outside the plan.
            await page.getByRole('button', { name: 'Approve plan' }).click();
            await page.getByRole('status').filter({ hasText: 'Plan approved' }).waitFor();
            await page.getByRole('progressbar', { name: 'Plan progress' }).waitFor();
            // Live progress: the count of fixes done moves while the plan executes.
            const done = page.getByText(/^[1-9]\d* of \d+ fixes done$/);
            await done.waitFor({ timeout: 45_000 });
            const planned = Number(/of (\d+) fixes/.exec((await done.textContent()) ?? '')?.[1]);
            if (!(planned >= 1 && planned <= 10)) throw new Error(`the approved plan holds ${planned} fixes, more than the FREE plan's 10 a month`);
            await screenshot(page, '56-plan-progress');
            noPageErrors();
          },
        ],
        [
          'the plan finishes with every fix accounted for',
          async () => {
            await page.getByText(/^(\d+) of \1 fixes done$/).waitFor({ timeout: 55_000 });
            await page.getByText(/^(Completed|Finished with failures)$/).first().waitFor();
            await screenshot(page, '57-plan-done');
            noPageErrors();
          },
        ],
        [
          'the issues and fixes screens work at phone width',
          async () => {
            await page.setViewportSize(PHONE);
            await page.goto(`/sites/${siteId}/issues?view=pages`);
            await page.getByRole('table', { name: /Issues of/ }).waitFor();
            await screenshot(page, '60-phone-issues', { fullPage: false });
            await page.goto(`/sites/${siteId}/fixes`);
            await page.getByRole('button', { name: 'All', exact: true }).click();
            await page.locator('article.fix-card').first().waitFor();
            await screenshot(page, '61-phone-fixes', { fullPage: false });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            const wide = await page.evaluate(() =>
              Array.from(document.querySelectorAll<HTMLElement>('body *'))
                .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
                .reverse()
                .slice(0, 6)
                .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)} (${el.clientWidth}/${el.scrollWidth}px)`),
            );
            assert(overflow <= 1, `the fixes screen scrolls sideways by ${overflow}px at phone width; too wide: ${wide.join(', ')}`);
            noPageErrors();
          },
        ],
      ],
      async (name) => screenshot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`),
    );
  } finally {
    state.broken = brokenBefore || state.broken;
    await context.close().catch(() => undefined);
  }
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

// Journey files import the helpers above; only running this file starts the tests.
if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
