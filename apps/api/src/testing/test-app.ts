import type { NestExpressApplication } from '@nestjs/platform-express';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { pgConnectionFields } from '@seology/contracts';
import { createTestDatabase } from '@seology/scripts/test-database';
import type { AuthResponseDto } from '../auth/dto/auth.dto';

export const TEST_ENCRYPTION_KEYS = `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`;

export interface TestEnv {
  databaseUrl: string;
  queuePrefix: string;
  prisma: PrismaClient;
  redis: Redis;
  close(): Promise<void>;
}

/**
 * A private database cloned from the migrated template, a private Redis key prefix, and the
 * environment the app reads. Call before creating the app; `close()` drops everything.
 */
export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const db = await createTestDatabase();
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `t_${randomBytes(5).toString('hex')}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SSRF_ALLOW_HOSTS: '',
    JOB_BACKOFF_MS: '50',
    AUTH_RATE_LIMIT_PER_15_MIN: '1000',
    ...overrides,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pgConnectionFields(db.url)) });
  // The harness's own connection always goes to the real Redis, even when a test points the app elsewhere.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  return {
    databaseUrl: db.url,
    queuePrefix,
    prisma,
    redis,
    async close() {
      await prisma.$disconnect();
      const keys = await redis.keys(`${queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };
}

export interface TestApp extends TestEnv {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const env = await createTestEnv(overrides);
  // Imported after the environment is set: modules read configuration when they are created.
  const { createApp } = await import('../app.factory');
  const app = await createApp();
  await app.init();
  const server = app.getHttpServer();
  return {
    ...env,
    app,
    http: () => request(server),
    async close() {
      await app.close();
      await env.close();
    },
  };
}

/** What sign-up and sign-in answer when the refresh token travels in the body (the default). */
type TokensInBody = AuthResponseDto & { refreshToken: string };

let counter = 0;
/** Signs up a fresh user and returns its tokens; unique emails keep tests independent. */
export async function signUpUser(t: TestApp, name = 'user'): Promise<{ id: string; email: string; accessToken: string; refreshToken: string; auth: { Authorization: string } }> {
  counter += 1;
  const email = `${name}-${counter}-${randomBytes(3).toString('hex')}@example.com`;
  const res = await t.http().post('/api/auth/signup').send({ email, password: 'correct horse battery' }).expect(201);
  const body = res.body as TokensInBody;
  return { id: body.user.id, email, accessToken: body.accessToken, refreshToken: body.refreshToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

/** A platform admin: the role travels in the access token, so it signs in again after the promotion. */
export async function signUpAdmin(t: TestApp): Promise<Awaited<ReturnType<typeof signUpUser>>> {
  const user = await signUpUser(t, 'admin');
  await t.prisma.user.update({ where: { id: user.id }, data: { role: 'ADMIN' } });
  const res = await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(200);
  const body = res.body as TokensInBody;
  return { ...user, accessToken: body.accessToken, refreshToken: body.refreshToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

/** Polls `fn` until `ok` accepts its value (jobs and crawls finish asynchronously in the worker). */
export async function until<T>(fn: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(value)?.slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Closes what a test file started, one step at a time, each within `limitMs`. A step that hangs is
 * named in the error (instead of Jest's anonymous "hook timed out"), and the steps after it still run
 * so databases and servers are not left behind.
 */
export async function teardown(steps: [label: string, close: () => Promise<unknown> | undefined][], limitMs = 15_000): Promise<void> {
  const failures: string[] = [];
  for (const [label, close] of steps) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve(close()),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not finish within ${limitMs / 1000} s`)), limitMs);
        }),
      ]);
    } catch (error) {
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)} (after ${Date.now() - started} ms)`);
    } finally {
      clearTimeout(timer);
    }
  }
  if (failures.length) throw new Error(`teardown failed:\n${failures.join('\n')}`);
}
