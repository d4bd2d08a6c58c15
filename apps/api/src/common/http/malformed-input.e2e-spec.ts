import type { AddressInfo } from 'node:net';
import type { ApiErrorBody } from '@seology/contracts';
import { fuzzApi, type OpenApiDocument } from '@seology/scripts/security/fuzz';
import { createTestApp, signUpUser, teardown, type TestApp } from '../../testing/test-app';

type User = Awaited<ReturnType<typeof signUpUser>>;

/** The body of a refusal: every error answers in this one shape. */
const errorBody = (res: { body: unknown }) => res.body as ApiErrorBody;

function expectCommonError(body: ApiErrorBody, status: number): void {
  expect(body).toMatchObject({ statusCode: status, path: expect.any(String) as unknown, requestId: expect.any(String) as unknown, message: expect.any(String) as unknown });
}

describe('malformed input answers 400, never 500 (e2e)', () => {
  let t: TestApp;
  let user: User;
  let baseUrl: string;

  beforeAll(async () => {
    // Billing on (with secrets no Stripe knows), so the webhook route parses and verifies what it gets.
    t = await createTestApp({ STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz' });
    user = await signUpUser(t, 'fuzz');
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => teardown([['app', () => t.close()]]));

  it('a NUL byte in a path parameter is refused before it reaches Postgres', async () => {
    const res = await t.http().get('/api/connections/%00').set(user.auth).expect(400);
    expectCommonError(errorBody(res), 400);
    expect(errorBody(res).code).toBe('MALFORMED_URL');
    await t.http().get('/api/issues?search=a%00b').set(user.auth).expect(400);
    await t.http().get('/api/connections/%E0%A4%A').set(user.auth).expect(400);
  });

  it('JSON nested 3,000 levels deep is refused fast at the parser, also on sign-in and sign-up', async () => {
    const deep = `{"email":"a@example.com","password":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    for (const path of ['/api/auth/signin', '/api/auth/signup']) {
      const started = Date.now();
      const res = await t.http().post(path).set('content-type', 'application/json').send(deep).expect(400);
      expect(Date.now() - started).toBeLessThan(1000);
      expectCommonError(errorBody(res), 400);
      expect(errorBody(res).message).toMatch(/nested more than 32 levels/);
    }
  });

  it('NUL, a lone surrogate or invalid UTF-8 in a string is refused and nothing is written', async () => {
    const before = await t.prisma.user.count();
    const bad = [
      JSON.stringify({ email: 'nul@example.com', password: 'correct horse battery', name: 'a\u0000b' }),
      JSON.stringify({ email: 'sur@example.com', password: 'correct horse battery', name: 'a\ud800b' }),
      Buffer.concat([Buffer.from('{"email":"utf@example.com","password":"correct horse battery","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    ];
    for (const body of bad) {
      // fetch sends the bytes as they are (supertest would serialise a Buffer as JSON).
      const res = await fetch(`${baseUrl}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, code: 'MALFORMED_BODY' });
    }
    const team = await t.http().post('/api/teams').set(user.auth).send({ name: 'x\u0000y' }).expect(400);
    expectCommonError(errorBody(team), 400);
    expect(await t.prisma.user.count()).toBe(before);
    expect(await t.prisma.team.count()).toBe(0);
  });

  it('null for an optional, non-nullable field is a validation error, not a 500', async () => {
    const res = await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 1, completed: null }).expect(400);
    expect(errorBody(res).code).toBe('VALIDATION_FAILED');
    expect(errorBody(res).message).toMatch(/completed/);
    // A field that really takes null still does.
    await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 1 }).expect(200);
  });

  it('whitespace-only names are refused', async () => {
    const team = await t.http().post('/api/teams').set(user.auth).send({ name: '    ' }).expect(400);
    expect(errorBody(team).message).toMatch(/name must not be blank/);
    const key = await t.http().post('/api/api-keys').set(user.auth).send({ name: ' \t ', scopes: ['sites:read'] }).expect(400);
    expect(errorBody(key).message).toMatch(/name must not be blank/);
    const profile = await t.http().patch('/api/auth/me').set(user.auth).send({ name: '   ' }).expect(400);
    expect(errorBody(profile).message).toMatch(/name must not be blank/);
    await t.http().patch('/api/auth/me').set(user.auth).send({ name: '' }).expect(200);
    expect(await t.prisma.team.count()).toBe(0);
  });

  it('a sweep of every route in the OpenAPI document with malformed input gets no 5xx', async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body as OpenApiDocument;
    const signedIn = await fuzzApi(baseUrl, doc, user.auth);
    const anonymous = await fuzzApi(baseUrl, doc, {});
    expect(signedIn.operations).toBeGreaterThan(80);
    expect(signedIn.requests).toBeGreaterThan(700);
    expect(signedIn.findings).toEqual([]);
    expect(anonymous.findings).toEqual([]);
    expect(Object.keys(signedIn.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
  }, 240_000);
});
