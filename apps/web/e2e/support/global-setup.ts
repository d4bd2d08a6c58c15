/**
 * The browser tests' environment, started once before every journey and stopped after the last:
 * the dashboard build, a throw-away database cloned from the migrated template, the API serving
 * apps/web/dist, a small customer site, the demo WordPress site, and the contract servers standing in
 * for SMTP, Claude and Google. The worker starts on demand (see `startWorker` in environment.ts).
 *
 * Playwright runs this in its runner process, which outlives the test worker processes (a worker is
 * replaced after a failure), so everything stateful lives here and the journeys reach it through a
 * small control server on 127.0.0.1 (inbox, worker, demo content, Google's state). Addresses travel
 * to the workers as environment variables (see `E2E` in environment.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import Redis from 'ioredis';
import { startWordPressContractServer } from '@seology/connectors/testing';
import { startAnthropicMessagesServer } from '@seology/fixes/testing';
import { startSearchConsoleContractServer, type SearchAnalyticsRow, type SearchConsoleContractServer } from '@seology/connectors/testing';
import { demoSiteOptions, publishDemoRecipes } from '@seology/scripts/demo-site-content';
import { decodeQuotedPrintable, startMailCapture, type CapturedEmail } from '@seology/scripts/mail-capture';
import { createTestDatabase } from '@seology/scripts/test-database';
import { ARTIFACTS, CHROMIUM, ROOT, SCREENSHOTS } from './paths';

const DIST = path.join(ROOT, 'apps/web/dist');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

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

/** The API or the worker as a child process, with the last lines of its output kept for the log file. */
class ServerProcess {
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

function startServer(entry: string, env: NodeJS.ProcessEnv): ServerProcess {
  return new ServerProcess(spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), entry], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env }));
}

async function waitForHealth(base: string, api: ServerProcess): Promise<void> {
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

async function waitForWorker(worker: ServerProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (worker.hasExited) throw new Error(`the worker stopped (${worker.hasExited}):\n${worker.log}`);
    // It has no HTTP port: it is ready once it logs that it processes the queues.
    if (worker.log.includes('processing queues')) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the worker did not start within 120 s:\n${worker.log}`);
}

/** What a journey may set on the Google contract server (see GoogleControl in environment.ts). */
export interface GoogleSetup {
  sites?: { siteUrl: string; permissionLevel: string }[];
  data?: Record<string, SearchAnalyticsRow[]>;
  firstIncompleteDate?: string | null;
}

interface ControlDeps {
  captured: CapturedEmail[];
  startWorker(): Promise<void>;
  publishDemoRecipes(count: number): string[];
  google: SearchConsoleContractServer;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  return body ? (JSON.parse(body) as unknown) : {};
}

/** The journeys' handle on the runner process: JSON over HTTP, on 127.0.0.1 only. */
function startControlServer(deps: ControlDeps): Promise<http.Server> {
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /inbox': {
        const address = (url.searchParams.get('email') ?? '').toLowerCase();
        return answer(res, 200, deps.captured.filter((mail) => mail.to.includes(address)).map((mail) => decodeQuotedPrintable(mail.raw)));
      }
      case 'POST /worker':
        await deps.startWorker();
        return answer(res, 200, { started: true });
      case 'POST /demo-site/recipes': {
        const { count } = (await readJson(req)) as { count: number };
        return answer(res, 200, deps.publishDemoRecipes(count));
      }
      case 'POST /google': {
        const setup = (await readJson(req)) as GoogleSetup;
        if (setup.sites) deps.google.sites = setup.sites;
        for (const [property, rows] of Object.entries(setup.data ?? {})) deps.google.data.set(property, rows);
        if (setup.firstIncompleteDate !== undefined) deps.google.firstIncompleteDate = setup.firstIncompleteDate;
        return answer(res, 200, {});
      }
      case 'GET /google':
        return answer(res, 200, { tokenRequests: deps.google.tokenRequests, revokedTokens: deps.google.revokedTokens });
      case 'POST /google/revoke-consent':
        deps.google.revokeConsent();
        return answer(res, 200, {});
      default:
        return answer(res, 404, { error: `no control route ${route}` });
    }
  };
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, { error: error instanceof Error ? error.message : String(error) }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
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

const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

  buildDashboard();
  const db = await createTestDatabase();
  const queuePrefix = `e2e_web_${randomBytes(4).toString('hex')}`;
  const [apiPort, sitePort, demoPort] = [await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${apiPort}`;
  const customerSite = await startCustomerSite(sitePort);
  // A local SMTP server the API and the worker send to, so journeys read the emails a person would get.
  const mail = await startMailCapture();
  // Claude's Messages API, streamed as Anthropic documents it, so the assistant's live answer is exercised too.
  const claude = await startAnthropicMessagesServer();
  claude.respondText = () => ['Start with ', 'the missing ', 'meta descriptions, ', 'then the duplicate title.'];
  const demoSite = await startWordPressContractServer(demoSiteOptions(demoPort));
  const google = await startSearchConsoleContractServer();

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
    SMTP_URL: mail.url,
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
    PORT: String(apiPort),
    APP_URL: base,
    WEB_DIST_DIR: DIST,
    GOOGLE_CLIENT_ID: google.clientId,
    GOOGLE_CLIENT_SECRET: google.clientSecret,
    GOOGLE_OAUTH_BASE: google.origin,
    SEARCH_CONSOLE_API_BASE: google.origin,
    SEARCH_CONSOLE_BACKOFF_MS: '50',
  };
  const api = startServer('apps/api/src/main.ts', serverEnv);
  // The worker (crawls, fixes, email delivery) starts on demand: the first journey checks what the
  // screens show while jobs are still queued, which a running worker would race.
  let worker: ServerProcess | null = null;
  let workerReady: Promise<void> | null = null;
  const control = await startControlServer({
    captured: mail.inbox,
    google,
    publishDemoRecipes: (count) => publishDemoRecipes(demoSite, count),
    startWorker: () => {
      if (!worker) {
        log('  starting the worker…');
        worker = startServer('apps/api/src/worker/main.ts', serverEnv);
        workerReady = waitForWorker(worker);
      }
      return workerReady ?? Promise.resolve();
    },
  });

  const teardown = async () => {
    await Promise.all([api.stop(), worker?.stop()]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'api.log'), api.log);
    if (worker) fs.writeFileSync(path.join(ARTIFACTS, 'worker.log'), worker.log);
    await close(control);
    await close(customerSite);
    await demoSite.close().catch(() => undefined);
    await mail.close();
    await claude.close();
    await google.close();
    await cleanRedis(queuePrefix).catch((error: unknown) => log(`could not clean Redis keys: ${String(error)}`));
    await db.drop().catch((error: unknown) => log(`could not drop ${db.name}: ${String(error)}`));
    log(`screenshots: ${path.relative(ROOT, SCREENSHOTS)}/, server output: ${path.relative(ROOT, ARTIFACTS)}/api.log and worker.log`);
  };

  try {
    log(`starting the API on ${base} (database ${db.name}, queue prefix ${queuePrefix}, demo site ${demoSite.url}/)…`);
    await waitForHealth(base, api);
  } catch (error) {
    await teardown();
    throw error;
  }
  const address = control.address();
  const controlUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  // Read by the worker processes (environment.ts); Playwright starts them after this returns.
  Object.assign(process.env, {
    E2E_BASE_URL: base,
    E2E_DATABASE_URL: db.url,
    E2E_CUSTOMER_SITE_URL: `http://127.0.0.1:${sitePort}/`,
    E2E_DEMO_SITE_URL: `${demoSite.url}/`,
    E2E_CONTROL_URL: controlUrl,
  });
  return teardown;
}
