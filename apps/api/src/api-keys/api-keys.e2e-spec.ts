import type { ApiErrorBody, ApiKeyScope } from '@seology/contracts';
import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const createKey = async (auth: Record<string, string>, name: string, scopes: ApiKeyScope[]) =>
    (await t.http().post('/api/api-keys').set(auth).send({ name, scopes }).expect(201)).body as CreatedApiKeyDto;

  it('creates a key shown once, stores only its hash, and authenticates with it', async () => {
    const user = await signUpUser(t);
    const created = await createKey(user.auth, 'CI', ['connections:read']);
    const key = created.key;
    expect(key).toMatch(/^sk_/);
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key);

    const list = (await t.http().get('/api/api-keys').set(user.auth).expect(200)).body as ApiKeyDto[];
    expect(list[0]).not.toHaveProperty('key');

    await t.http().get('/api/connections').set('X-API-Key', key).expect(200);
    await t.http().get('/api/connections').set('Authorization', `Bearer ${key}`).expect(200);
    const used = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('enforces scopes and keeps key management to signed-in people', async () => {
    const user = await signUpUser(t);
    const apiKey = await createKey(user.auth, 'read only', ['connections:read']);
    const denied = (await t.http().post('/api/connections').set('X-API-Key', apiKey.key).send({ siteUrl: 'http://93.184.216.34/', platform: 'CUSTOM' }).expect(403)).body as ApiErrorBody;
    expect(denied.message).toContain('connections:write');
    await t.http().post('/api/api-keys').set('X-API-Key', apiKey.key).send({ name: 'more', scopes: ['connections:write'] }).expect(403);
  });

  it('stops accepting a revoked key', async () => {
    const user = await signUpUser(t);
    const apiKey = await createKey(user.auth, 'temp', ['jobs:read']);
    await t.http().get('/api/jobs').set('X-API-Key', apiKey.key).expect(200);
    await t.http().delete(`/api/api-keys/${apiKey.id}`).set(user.auth).expect(200);
    const refused = (await t.http().get('/api/jobs').set('X-API-Key', apiKey.key).expect(401)).body as ApiErrorBody;
    expect(refused.message).toBe('This API key has been revoked.');
  });

  it('refuses unknown scopes and a key of another user cannot be revoked', async () => {
    const user = await signUpUser(t);
    const refused = (await t.http().post('/api/api-keys').set(user.auth).send({ name: 'x', scopes: ['everything'] }).expect(400)).body as ApiErrorBody;
    expect(refused.message).toContain('each scope must be one of');
    const other = await signUpUser(t);
    const apiKey = await createKey(other.auth, 'theirs', ['jobs:read']);
    await t.http().delete(`/api/api-keys/${apiKey.id}`).set(user.auth).expect(404);
  });
});
