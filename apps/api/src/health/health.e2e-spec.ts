import { createTestApp, type TestApp } from '../testing/test-app';
import type { HealthDto } from './health.controller';

describe('health (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports Postgres and Redis up without authentication', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });
});

describe('health with Redis down (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the Redis check must fail and the endpoint must say so.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('keeps answering liveness, which touches neither Postgres nor Redis', async () => {
    const res = await t.http().get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the failing dependency', async () => {
    const body = (await t.http().get('/api/health').expect(503)).body as HealthDto;
    expect(body.status).toBe('degraded');
    expect(body.checks.postgres.status).toBe('up');
    expect(body.checks.redis.status).toBe('down');
  });
});
