import { createTestApp, signUpUser, teardown, until, type TestApp } from '../testing/test-app';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.token';
import { RedisProxy } from '../testing/redis-proxy';

/**
 * Limits fail closed: without Redis, sign-in, sign-up and password changes answer 503 with
 * Retry-After, fast, and write nothing, while requests that need no limit keep working.
 */
describe('rate limits while Redis is down (e2e, through a proxy the test breaks)', () => {
  let t: TestApp;
  let proxy: RedisProxy;
  const password = 'correct horse battery';

  jest.setTimeout(60_000);

  beforeAll(async () => {
    proxy = new RedisProxy();
    await proxy.start();
    t = await createTestApp({ REDIS_URL: proxy.url });
  });
  afterAll(() => teardown([
    ['proxy restore', () => proxy.restore()],
    ['app', () => t?.close()],
    ['proxy', () => proxy.close()],
  ]));

  async function timed(send: () => PromiseLike<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>) {
    const started = Date.now();
    const res = await send();
    return { res, ms: Date.now() - started };
  }

  function expectUnavailable({ res, ms }: Awaited<ReturnType<typeof timed>>): void {
    expect({ status: res.status, code: res.body.code, fast: ms < 2_000 }).toEqual({ status: 503, code: 'RATE_LIMIT_UNAVAILABLE', fast: true });
    expect(res.body.message).toMatch(/rate-limit store \(Redis\) is not answering/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }

  it.each([
    ['refused', () => proxy.refuse()],
    ['hanging', () => proxy.stall()],
  ] as const)('Redis %s: sign-in, sign-up and password change answer 503 with Retry-After within 2 s; the rest works', async (_how, breakRedis) => {
    const user = await signUpUser(t);
    const users = await t.prisma.user.count();
    await breakRedis();

    expectUnavailable(await timed(() => t.http().post('/api/auth/signin').send({ email: user.email, password })));
    expectUnavailable(await timed(() => t.http().post('/api/auth/signin').send({ email: user.email, password: 'wrong password here' })));
    expectUnavailable(await timed(() => t.http().post('/api/auth/signup').send({ email: `new-${Date.now()}@example.com`, password })));
    expectUnavailable(await timed(() => t.http().post('/api/auth/me/password').set(user.auth).send({ currentPassword: password, newPassword: 'another horse battery' })));
    expect(await t.prisma.user.count()).toBe(users);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).toBeNull();

    // Requests without a limit go on: the session check falls back to the database, fast, and a
    // cache that did not answer is not asked again within the request (each ask waits out a deadline).
    const appRedis = t.app.get<Redis>(REDIS);
    const mget = jest.spyOn(appRedis, 'mget');
    const set = jest.spyOn(appRedis, 'set');
    const me = await timed(() => t.http().get('/api/auth/me').set(user.auth));
    expect({ status: me.res.status, fast: me.ms < 2_000 }).toEqual({ status: 200, fast: true });
    if (appRedis.status === 'ready') expect({ mget: mget.mock.calls.length, set: set.mock.calls.length }).toEqual({ mget: 1, set: 0 });
    else expect({ mget: mget.mock.calls.length, set: set.mock.calls.length }).toEqual({ mget: 0, set: 0 });
    mget.mockRestore();
    set.mockRestore();

    // Signing out everywhere works without Redis, and the session cached before stays ended once Redis is back.
    await proxy.restore();
    const other = await until(() => signUpUser(t).catch(() => null), (u) => u !== null, 20_000).then((u) => u!);
    await t.http().get('/api/auth/me').set(other.auth).expect(200); // version cached in Redis now
    await breakRedis();
    const revoke = await timed(() => t.http().post('/api/auth/revoke-all').set(other.auth));
    expect({ status: revoke.res.status, fast: revoke.ms < 2_000 }).toEqual({ status: 200, fast: true });
    await t.http().get('/api/auth/me').set(other.auth).expect(401);

    await proxy.restore();
    await until(async () => (await t.http().post('/api/auth/signin').send({ email: user.email, password })).status, (s) => s === 200, 20_000);
    // The stale cached version was deleted once Redis answered again.
    await until(async () => t.redis.exists(`${t.queuePrefix}:session:v:${other.id}`), (n) => n === 0, 10_000);
    await t.http().get('/api/auth/me').set(other.auth).expect(401);
  });
});
