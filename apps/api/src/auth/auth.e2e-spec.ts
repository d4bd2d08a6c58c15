import { createHmac } from 'node:crypto';
import type { ApiErrorBody } from '@seology/contracts';
import { createTestApp, signUpUser, until, type TestApp } from '../testing/test-app';
import type { AuthResponseDto, UserDto } from './dto/auth.dto';

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs up, signs in and reads the profile', async () => {
    const email = `ada-${Date.now()}@example.com`;
    const signup = (await t.http().post('/api/auth/signup').send({ email: ` ${email.toUpperCase()} `, password: 'correct horse battery', name: 'Ada' }).expect(201)).body as AuthResponseDto;
    expect(signup.user).toMatchObject({ email, name: 'Ada', role: 'USER', plan: 'FREE' });
    expect(signup.user).not.toHaveProperty('passwordHash');

    const stored = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);

    const signin = (await t.http().post('/api/auth/signin').send({ email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    const me = (await t.http().get('/api/auth/me').set('Authorization', `Bearer ${signin.accessToken}`).expect(200)).body as UserDto;
    expect(me.email).toBe(email);
  });

  it('saves the onboarding step of the current user only, so the wizard can be resumed', async () => {
    const user = await signUpUser(t, 'onboarding');
    const other = await signUpUser(t, 'onboarding-other');
    const before = await t.http().get('/api/auth/me').set(user.auth).expect(200);
    expect(before.body).toMatchObject({ onboardingStep: 0, onboardingCompleted: false });

    const skipped = await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 3 }).expect(200);
    expect(skipped.body).toMatchObject({ id: user.id, onboardingStep: 3, onboardingCompleted: false });
    const done = await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 7, completed: true }).expect(200);
    expect(done.body).toMatchObject({ onboardingStep: 7, onboardingCompleted: true });
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ onboardingStep: 7, onboardingCompleted: true });
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ onboardingStep: 0, onboardingCompleted: false });

    for (const body of [{ step: 8 }, { step: -1 }, { step: 2.5 }, {}, { step: 1, completed: 'yes' }]) {
      const bad = (await t.http().patch('/api/auth/me/onboarding').set(user.auth).send(body).expect(400)).body as ApiErrorBody;
      expect(JSON.stringify(bad.message)).toMatch(/step must be a whole number from 0 to 7|completed must be true or false/);
    }
    await t.http().patch('/api/auth/me/onboarding').send({ step: 1 }).expect(401);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).onboardingStep).toBe(7);
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const user = await signUpUser(t);
    const wrong = (await t.http().post('/api/auth/signin').send({ email: user.email, password: 'not the password' }).expect(401)).body as ApiErrorBody;
    const unknown = (await t.http().post('/api/auth/signin').send({ email: 'nobody@example.com', password: 'whatever123' }).expect(401)).body as ApiErrorBody;
    expect(wrong.message).toBe('Email or password is incorrect.');
    expect(unknown.message).toBe(wrong.message);
  });

  it('refuses a second account with the same email', async () => {
    const user = await signUpUser(t);
    const res = await t.http().post('/api/auth/signup').send({ email: user.email, password: 'another long password' }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
  });

  it('rotates refresh tokens and revokes the family when a used token is replayed', async () => {
    const user = await signUpUser(t);
    const first = (await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200)).body as AuthResponseDto;
    expect(first.refreshToken).not.toBe(user.refreshToken);
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${first.accessToken}`).expect(200);

    // Replaying the first token (as a thief would) ends the session, including the newer token.
    const replay = (await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401)).body as ApiErrorBody;
    expect(replay.message).toMatch(/already used or revoked/);
    await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await signUpUser(t);
    const results = await Promise.all([
      t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }),
      t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('signs out by revoking the refresh token', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/auth/signout').send({ refreshToken: user.refreshToken }).expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('revokes every session of the user', async () => {
    const user = await signUpUser(t);
    const other = (await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    const revokeAll = (await t.http().post('/api/auth/revoke-all').set(user.auth).expect(200)).body as { revoked: number };
    expect(revokeAll.revoked).toBe(2);
    await t.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
  });

  it('changes the display name, and clears it with an empty string', async () => {
    const user = await signUpUser(t);
    const renamed = (await t.http().patch('/api/auth/me').set(user.auth).send({ name: '  Grace Hopper ' }).expect(200)).body as UserDto;
    expect(renamed.name).toBe('Grace Hopper');
    expect(((await t.http().get('/api/auth/me').set(user.auth).expect(200)).body as UserDto).name).toBe('Grace Hopper');
    const cleared = (await t.http().patch('/api/auth/me').set(user.auth).send({ name: '' }).expect(200)).body as UserDto;
    expect(cleared.name).toBeNull();
    const tooLong = (await t.http().patch('/api/auth/me').set(user.auth).send({ name: 'x'.repeat(101) }).expect(400)).body as ApiErrorBody;
    expect(tooLong.message).toContain('name must be at most 100 characters long');
    await t.http().patch('/api/auth/me').send({ name: 'Nobody' }).expect(401);
  });

  it('changes the password only with the current one, and signs every session out', async () => {
    const user = await signUpUser(t);
    const other = (await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    const wrong = (await t.http().post('/api/auth/me/password').set(user.auth).send({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' }).expect(400)).body as ApiErrorBody;
    expect(wrong.details).toEqual(['currentPassword is not the password of this account']);
    await t.http().post('/api/auth/me/password').set(user.auth).send({ currentPassword: 'correct horse battery', newPassword: 'correct horse battery' }).expect(400);
    await t.http().post('/api/auth/me/password').set(user.auth).send({ currentPassword: 'correct horse battery', newPassword: 'short' }).expect(400);
    // Nothing changed so far: the old password still works.
    await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(200);

    await t.http().post('/api/auth/me/password').set(user.auth).send({ currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' }).expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await t.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(401);
    await t.http().post('/api/auth/signin').send({ email: user.email, password: 'a brand new passphrase' }).expect(200);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain('a brand new passphrase');
    // The audit trail records the change without the passwords.
    const entry = await until(() => t.prisma.auditLog.findFirst({ where: { userId: user.id, action: { endsWith: '.changePassword' } } }), (e) => e !== null);
    const stored = JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(stored).toContain('[redacted]');
    expect(stored).not.toContain('a brand new passphrase');
    expect(stored).not.toContain('correct horse battery');
  });

  it('ends access tokens at once on a password change, "sign out everywhere", sign-out and refresh reuse', async () => {
    const me = (auth: { Authorization: string }) => t.http().get('/api/auth/me').set(auth);
    const bearer = (session: AuthResponseDto) => ({ Authorization: `Bearer ${session.accessToken}` });
    const changed = await signUpUser(t, 'pw-change');
    const second = (await t.http().post('/api/auth/signin').send({ email: changed.email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    await me(changed.auth).expect(200);
    await t.http().post('/api/auth/me/password').set(changed.auth).send({ currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' }).expect(204);
    const ended = (await me(changed.auth).expect(401)).body as ApiErrorBody;
    expect(ended.message).toMatch(/session has ended/);
    await me(bearer(second)).expect(401);
    // A sign-in after the change works (the new session version is in its token).
    const fresh = (await t.http().post('/api/auth/signin').send({ email: changed.email, password: 'a brand new passphrase' }).expect(200)).body as AuthResponseDto;
    await me(bearer(fresh)).expect(200);

    const everywhere = await signUpUser(t, 'revoke-all');
    await t.http().post('/api/auth/revoke-all').set(everywhere.auth).expect(200);
    await me(everywhere.auth).expect(401);

    // Signing out one session ends its access token only.
    const twoSessions = await signUpUser(t, 'sign-out-one');
    const other = (await t.http().post('/api/auth/signin').send({ email: twoSessions.email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    await t.http().post('/api/auth/signout').send({ refreshToken: twoSessions.refreshToken }).expect(204);
    await me(twoSessions.auth).expect(401);
    await me(bearer(other)).expect(200);

    // Replaying a used refresh token revokes the family, and its newest access token with it.
    const replayed = await signUpUser(t, 'replayed');
    const rotated = (await t.http().post('/api/auth/refresh').send({ refreshToken: replayed.refreshToken }).expect(200)).body as AuthResponseDto;
    await me(bearer(rotated)).expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: replayed.refreshToken }).expect(401);
    await me(bearer(rotated)).expect(401);
  });

  it('still ends sessions when the cache was lost: the database decides on a miss', async () => {
    const user = await signUpUser(t, 'cold-cache');
    await t.http().post('/api/auth/revoke-all').set(user.auth).expect(200);
    const keys = await t.redis.keys(`${t.queuePrefix}:session:*`);
    if (keys.length) await t.redis.del(...keys);
    await t.http().get('/api/auth/me').set(user.auth).expect(401);
  });

  it('refuses tokens signed with the real secret but without exp or iat', async () => {
    const user = await signUpUser(t, 'no-exp');
    const [, payload] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const sign = (body: Record<string, unknown>) => {
      const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
      const part = Buffer.from(JSON.stringify(body)).toString('base64url');
      return `${head}.${part}.${createHmac('sha256', process.env.JWT_SECRET!).update(`${head}.${part}`).digest('base64url')}`;
    };
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${sign(claims)}`).expect(200);
    const { exp: _exp, ...noExp } = claims;
    const { iat: _iat, ...noIat } = claims;
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${sign(noExp)}`).expect(401);
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${sign(noIat)}`).expect(401);
  });

  it('answers 401 without credentials and with a forged token', async () => {
    const none = await t.http().get('/api/auth/me').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZW1haWwiOiJ4QHguY29tIiwicm9sZSI6IkFETUlOIn0.c2lnbmF0dXJl';
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('validates input with readable messages and writes nothing', async () => {
    const before = await t.prisma.user.count();
    const refused = (await t.http().post('/api/auth/signup').send({ email: 'not-an-email', password: 'short', isAdmin: true }).expect(400)).body as ApiErrorBody;
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.details).toEqual(
      expect.arrayContaining([
        'property isAdmin should not exist',
        'email must be a valid email address',
        'password must be at least 10 characters long',
      ]),
    );
    expect(refused.message).toMatch(/^Invalid request: /);
    expect(await t.prisma.user.count()).toBe(before);
  });

  it('answers malformed JSON with 400 in the common error shape', async () => {
    const refused = (await t.http().post('/api/auth/signin').set('Content-Type', 'application/json').send('{"email": ').expect(400)).body as ApiErrorBody;
    expect(refused).toMatchObject({ statusCode: 400, error: 'Bad Request', path: '/api/auth/signin' });
    expect(typeof refused.requestId).toBe('string');
  });
});

describe('sign-in throttling (e2e)', () => {
  let t: TestApp;
  // 6 failures per account and address, 3 failing accounts per address, backoff after 12 failures on one account.
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_15_MIN: '6' });
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string, ip?: string) => {
    const req = t.http().post('/api/auth/signin');
    if (ip) req.set('X-Forwarded-For', ip);
    return req.send({ email, password });
  };
  const expectRetryAfter = (res: { status: number; headers: Record<string, string> }) => {
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(900);
  };

  it('limits guessing one account from one address without locking the owner out elsewhere', async () => {
    const owner = await signUpUser(t, 'guessed');
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await signIn(owner.email, `guess-number-${i}`, '198.51.100.7');
      codes.push(res.status);
      if (res.status === 429) {
        expectRetryAfter(res);
        expect(res.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) as unknown } });
      }
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Even the right password waits on that address; the owner's own address is unaffected.
    expectRetryAfter(await signIn(owner.email, 'correct horse battery', '198.51.100.7'));
    await signIn(owner.email, 'correct horse battery').expect(200);
    await signIn(owner.email, 'wrong again', '198.51.100.8').expect(401);
  });

  it('answers 429 to a spray over many accounts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await signIn(`sprayed-${i}@example.com`, 'Summer2026!', '203.0.113.9');
      codes.push(res.status);
      if (res.status === 429) expectRetryAfter(res);
    }
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual(codes.slice(3).map(() => 429));
    // Another address is not affected.
    await signIn('sprayed-0@example.com', 'Summer2026!', '203.0.113.10').expect(401);
  });

  it('an attacker on many addresses slows guessing of one account, and the owner still signs in from a known address', async () => {
    const owner = await signUpUser(t, 'botnet-target');
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await signIn(owner.email, `botnet-guess-${i}`, `192.0.2.${i + 1}`);
      codes.push(res.status);
      if (res.status === 429) expectRetryAfter(res);
    }
    expect(codes.slice(0, 12)).toEqual(codes.slice(0, 12).map(() => 401));
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
    // A new address backs off; the address the owner used before goes straight through.
    expectRetryAfter(await signIn(owner.email, 'correct horse battery', '192.0.2.200'));
    await signIn(owner.email, 'correct horse battery').expect(200);
  });
});
