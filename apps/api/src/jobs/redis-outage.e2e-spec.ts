import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ApiErrorBody } from '@seology/contracts';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';

const ROOT = resolve(__dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** A Redis of this test's own, on a free port, that the test can take away. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((ready, fail) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('Ready to accept connections')) ready();
      });
      child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}`)));
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }
}

describe('with Redis gone (e2e: a private redis-server that the test kills)', () => {
  let t: TestApp;
  let redis: PrivateRedis;
  let site: Server;
  let sitePort: number;
  const workers: ChildProcess[] = [];

  jest.setTimeout(90_000);

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    site = createServer((_req, res) => res.end('<html><head><title>Home</title></head><body>hi</body></html>'));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    sitePort = (site.address() as AddressInfo).port;
    t = await createTestApp({ REDIS_URL: redis.url, SSRF_ALLOW_HOSTS: '127.0.0.1' });
  });
  afterAll(() => teardown([
    ['workers', async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await Promise.all(workers.map(exited));
    }],
    // Back up, so the app's queues close cleanly.
    ['redis restart', () => redis.start()],
    ['app', () => t?.close()],
    ['redis', () => redis.kill()],
    ['site', () => new Promise((r) => site.close(r))],
  ]));

  it('POST /api/connections/:id/crawls answers 503 within 2 s with a message, and starts nothing', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: `http://127.0.0.1:${sitePort}/`, platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    await redis.kill();

    const started = Date.now();
    const res = await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect(elapsed).toBeLessThan(2000);
    const body = res.body as ApiErrorBody;
    expect(body).toMatchObject({ statusCode: 503, code: 'QUEUE_UNAVAILABLE' });
    expect(body.message).toMatch(/job queue \(Redis\) is not answering, so nothing was started/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.prisma.crawl.count({ where: { connectionId: connection.id } })).toBe(0);
    expect(await t.prisma.job.count({ where: { connectionId: connection.id } })).toBe(0);

    // Once Redis is back, the same request goes through.
    await redis.start();
    await until(async () => (await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth)).status, (s) => s === 201, 15_000);
  });

  it('a worker whose Redis is gone still exits on SIGTERM, within its shutdown limit', async () => {
    const log: string[] = [];
    const worker = spawn(process.execPath, ['scripts/run-ts.js', 'apps/api/src/worker/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: redis.url, WORKER_SHUTDOWN_TIMEOUT_MS: '3000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workers.push(worker);
    worker.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
    worker.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    await until(() => log.join(''), (text) => text.includes('processing queues'), 60_000);

    await redis.kill();
    await new Promise((r) => setTimeout(r, 500));
    const signalled = Date.now();
    worker.kill('SIGTERM');
    await Promise.race([exited(worker), new Promise((r) => setTimeout(r, 8000))]);
    const took = Date.now() - signalled;
    expect({ exited: worker.exitCode !== null || worker.signalCode !== null, took: took < 8000 }).toEqual({ exited: true, took: true });
    expect(log.join('')).toContain('SIGTERM: closing (at most 3000 ms)');
  });
});
