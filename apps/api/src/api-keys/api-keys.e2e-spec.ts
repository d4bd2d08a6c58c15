import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';

describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a key shown once, stores only its hash, and authenticates with it', async () => {
    const user = await signUpUser(t);
    const created = await t.http().post('/api/api-keys').set(user.auth).send({ name: 'CI', scopes: ['connections:read'] }).expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^sk_/);
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.keyHash).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key);

    const list = await t.http().get('/api/api-keys').set(user.auth).expect(200);
    expect(list.body[0]).not.toHaveProperty('key');

    await t.http().get('/api/connections').set('X-API-Key', key).expect(200);
    await t.http().get('/api/connections').set('Authorization', `Bearer ${key}`).expect(200);
    const used = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('enforces scopes and keeps key management to signed-in people', async () => {
    const user = await signUpUser(t);
    const { body } = await t.http().post('/api/api-keys').set(user.auth).send({ name: 'read only', scopes: ['connections:read'] }).expect(201);
    const denied = await t.http().post('/api/connections').set('X-API-Key', body.key).send({ siteUrl: 'http://93.184.216.34/', platform: 'CUSTOM' }).expect(403);
    expect(denied.body.message).toContain('connections:write');
    await t.http().post('/api/api-keys').set('X-API-Key', body.key).send({ name: 'more', scopes: ['connections:write'] }).expect(403);
  });

  it('stops accepting a revoked key', async () => {
    const user = await signUpUser(t);
    const { body } = await t.http().post('/api/api-keys').set(user.auth).send({ name: 'temp', scopes: ['jobs:read'] }).expect(201);
    await t.http().get('/api/jobs').set('X-API-Key', body.key).expect(200);
    await t.http().delete(`/api/api-keys/${body.id}`).set(user.auth).expect(200);
    const res = await t.http().get('/api/jobs').set('X-API-Key', body.key).expect(401);
    expect(res.body.message).toBe('This API key has been revoked.');
  });

  it('refuses unknown scopes and a key of another user cannot be revoked', async () => {
    const user = await signUpUser(t);
    const res = await t.http().post('/api/api-keys').set(user.auth).send({ name: 'x', scopes: ['everything'] }).expect(400);
    expect(res.body.message).toContain('each scope must be one of');
    const other = await signUpUser(t);
    const { body } = await t.http().post('/api/api-keys').set(other.auth).send({ name: 'theirs', scopes: ['jobs:read'] }).expect(201);
    await t.http().delete(`/api/api-keys/${body.id}`).set(user.auth).expect(404);
  });
});
