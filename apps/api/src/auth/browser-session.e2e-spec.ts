import { randomBytes } from 'node:crypto';
import type { ApiErrorBody } from '@seology/contracts';
import { sha256 } from '../common/crypto/tokens';
import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';
import type { AuthResponseDto } from './dto/auth.dto';

interface ParsedCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function parseSetCookies(header: string | string[] | undefined): ParsedCookie[] {
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return lines.map((line) => {
    const [pair = '', ...attrs] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const attr of attrs) {
      const i = attr.indexOf('=');
      if (i === -1) attributes[attr.toLowerCase()] = true;
      else attributes[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
    }
    return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
  });
}

/** What the browser holds after a response: the refresh cookie (same value on both paths) and the CSRF cookie. */
function sessionCookies(res: { headers: Record<string, string | string[] | undefined> }): { refresh: string; csrf: string; all: ParsedCookie[] } {
  const all = parseSetCookies(res.headers['set-cookie']);
  const refresh = all.filter((c) => c.name === 'seology_refresh');
  const csrf = all.find((c) => c.name === 'seology_csrf');
  if (refresh.length !== 2 || !csrf) throw new Error(`expected the session cookies, got ${JSON.stringify(all)}`);
  expect(refresh[0]?.value).toBe(refresh[1]?.value);
  return { refresh: refresh[0]?.value ?? '', csrf: csrf.value, all };
}

const PASSWORD = 'correct horse battery';

describe('browser session: refresh cookie and CSRF (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ APP_URL: 'http://app.seology.test' });
  });
  afterAll(() => t.close());

  async function cookieSignIn(): Promise<{ email: string; userId: string; refresh: string; csrf: string; accessToken: string }> {
    const user = await signUpUser(t, 'browser');
    const res = await t.http().post('/api/auth/signin').send({ email: user.email, password: PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
    const { refresh, csrf } = sessionCookies(res);
    return { email: user.email, userId: user.id, refresh, csrf, accessToken: (res.body as AuthResponseDto).accessToken };
  }

  const refreshWith = (cookie: string, csrf?: string) => {
    const req = t.http().post('/api/auth/refresh').set('Cookie', `seology_refresh=${cookie}`);
    return csrf === undefined ? req : req.set('X-CSRF-Token', csrf);
  };

  it('sets the refresh token as an httpOnly, SameSite=Strict cookie scoped to refresh and sign-out, and keeps it out of the body', async () => {
    const user = await signUpUser(t, 'attrs');
    const res = await t.http().post('/api/auth/signin').send({ email: user.email, password: PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
    const session = res.body as AuthResponseDto;
    expect(session).not.toHaveProperty('refreshToken');
    expect(session).toMatchObject({ user: { email: user.email }, expiresIn: 900 });
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${session.accessToken}`).expect(200);

    const { all, refresh, csrf } = sessionCookies(res);
    const refreshCookies = all.filter((c) => c.name === 'seology_refresh');
    expect(refreshCookies.map((c) => c.attributes.path).sort()).toEqual(['/api/auth/refresh', '/api/auth/signout']);
    for (const cookie of refreshCookies) {
      expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', 'max-age': String(30 * 86_400) });
      // APP_URL is http here: a Secure cookie would never come back.
      expect(cookie.attributes).not.toHaveProperty('secure');
    }
    const csrfCookie = all.find((c) => c.name === 'seology_csrf');
    expect(csrfCookie?.attributes).toMatchObject({ path: '/', samesite: 'Strict' });
    expect(csrfCookie?.attributes).not.toHaveProperty('httponly');

    // Both are stored only as hashes, bound to the user.
    expect(await t.prisma.refreshToken.count({ where: { tokenHash: sha256(refresh), userId: user.id } })).toBe(1);
    expect(await t.prisma.cSRFToken.count({ where: { tokenHash: sha256(csrf), userId: user.id } })).toBe(1);
  });

  it('signs up in cookie mode too, and keeps the JSON flow (no cookie) as the default', async () => {
    const email = `cookie-signup-${randomBytes(3).toString('hex')}@example.com`;
    const signup = await t.http().post('/api/auth/signup').send({ email, password: PASSWORD, refreshTokenIn: 'cookie' }).expect(201);
    expect(signup.body).not.toHaveProperty('refreshToken');
    sessionCookies(signup);

    const json = await t.http().post('/api/auth/signin').send({ email, password: PASSWORD }).expect(200);
    const jsonSession = json.body as AuthResponseDto;
    expect(jsonSession.refreshToken).toMatch(/^rt_/);
    expect(json.headers['set-cookie']).toBeUndefined();
    const rotated = await t.http().post('/api/auth/refresh').send({ refreshToken: jsonSession.refreshToken }).expect(200);
    expect((rotated.body as AuthResponseDto).refreshToken).toMatch(/^rt_/);
    expect(rotated.headers['set-cookie']).toBeUndefined();

    const bad = (await t.http().post('/api/auth/signin').send({ email, password: PASSWORD, refreshTokenIn: 'localStorage' }).expect(400)).body as ApiErrorBody;
    expect(bad.details).toEqual(["refreshTokenIn must be 'body' or 'cookie'"]);
  });

  it('rotates the refresh cookie and the CSRF token on every refresh', async () => {
    const s = await cookieSignIn();
    const res = await refreshWith(s.refresh, s.csrf).expect(200);
    const session = res.body as AuthResponseDto;
    expect(session).not.toHaveProperty('refreshToken');
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${session.accessToken}`).expect(200);
    const next = sessionCookies(res);
    expect(next.refresh).not.toBe(s.refresh);
    expect(next.csrf).not.toBe(s.csrf);
    // The old CSRF token is gone: it cannot be used with the new cookie.
    expect(await t.prisma.cSRFToken.count({ where: { tokenHash: sha256(s.csrf) } })).toBe(0);
    const stale = (await refreshWith(next.refresh, s.csrf).expect(403)).body as ApiErrorBody;
    expect(stale.code).toBe('CSRF_TOKEN_INVALID');
    const again = (await refreshWith(next.refresh, next.csrf).expect(200)).body as AuthResponseDto;
    // Two refreshes within the same second still give two distinct access tokens (each has its own jti).
    expect(again.accessToken).not.toBe(session.accessToken);
    expect(again.accessToken).not.toBe(s.accessToken);
  });

  it('revokes the whole family when a used refresh cookie is replayed, and clears the cookies', async () => {
    const s = await cookieSignIn();
    const first = sessionCookies(await refreshWith(s.refresh, s.csrf).expect(200));
    // A thief replays the first cookie with a CSRF token they read: the session ends for everyone.
    const replay = await refreshWith(s.refresh, first.csrf).expect(401);
    expect(replay.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/already used or revoked/) as unknown });
    const cleared = parseSetCookies(replay.headers['set-cookie']);
    expect(cleared.filter((c) => c.value === '').map((c) => c.name).sort()).toEqual(['seology_csrf', 'seology_refresh', 'seology_refresh']);
    await refreshWith(first.refresh, first.csrf).expect(401);
  });

  it('refuses a cookie refresh and a cookie sign-out without a valid CSRF token (403, common error body)', async () => {
    const s = await cookieSignIn();
    const missing = (await refreshWith(s.refresh).expect(403)).body as ApiErrorBody;
    expect(missing).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'CSRF_TOKEN_MISSING', path: '/api/auth/refresh' });
    expect(missing.message).toMatch(/X-CSRF-Token/);
    expect(missing).toHaveProperty('requestId');

    await refreshWith(s.refresh, 'csrf_made-up-value').expect(403);
    // Another user's CSRF token does not fit this session.
    const other = await cookieSignIn();
    expect(((await refreshWith(s.refresh, other.csrf).expect(403)).body as ApiErrorBody).code).toBe('CSRF_TOKEN_INVALID');

    const signOut = (await t.http().post('/api/auth/signout').set('Cookie', `seology_refresh=${s.refresh}`).expect(403)).body as ApiErrorBody;
    expect(signOut.code).toBe('CSRF_TOKEN_MISSING');
    // Nothing was spent by the refused requests: the session still refreshes.
    await refreshWith(s.refresh, s.csrf).expect(200);
  });

  it('refuses cookie sessions started or used from another origin', async () => {
    const s = await cookieSignIn();
    const foreign = (await refreshWith(s.refresh, s.csrf).set('Origin', 'https://evil.example').expect(403)).body as ApiErrorBody;
    expect(foreign.code).toBe('CSRF_ORIGIN_REFUSED');
    await refreshWith(s.refresh, s.csrf).set('Sec-Fetch-Site', 'cross-site').expect(403);
    const loginCsrf = await t.http().post('/api/auth/signin').set('Origin', 'https://evil.example').send({ email: s.email, password: PASSWORD, refreshTokenIn: 'cookie' }).expect(403);
    expect((loginCsrf.body as ApiErrorBody).code).toBe('CSRF_ORIGIN_REFUSED');
    expect(loginCsrf.headers['set-cookie']).toBeUndefined();
    // The app's own origin is fine; so is a client that sends no Origin at all (not a browser).
    await refreshWith(s.refresh, s.csrf).set('Origin', 'http://app.seology.test').expect(200);
    // Bearer tokens are not cookies: an integrator on any origin is not asked for a CSRF token.
    await t.http().post('/api/auth/revoke-all').set('Origin', 'https://tools.example').set('Authorization', `Bearer ${s.accessToken}`).expect(200);
  });

  it('signs out through the cookie: revokes the family, deletes the CSRF token and clears the cookies', async () => {
    const s = await cookieSignIn();
    const res = await t.http().post('/api/auth/signout').set('Cookie', `seology_refresh=${s.refresh}`).set('X-CSRF-Token', s.csrf).expect(204);
    const cleared = parseSetCookies(res.headers['set-cookie']);
    expect(cleared.map((c) => `${c.name} ${c.attributes.path} ${c.value === '' ? 'empty' : c.value}`).sort()).toEqual([
      'seology_csrf / empty',
      'seology_refresh /api/auth/refresh empty',
      'seology_refresh /api/auth/signout empty',
    ]);
    expect(await t.prisma.cSRFToken.count({ where: { tokenHash: sha256(s.csrf) } })).toBe(0);
    const after = (await refreshWith(s.refresh, s.csrf).expect(403)).body as ApiErrorBody;
    expect(after.code).toBe('CSRF_TOKEN_INVALID');
    expect(await t.prisma.refreshToken.count({ where: { tokenHash: sha256(s.refresh), revokedAt: null } })).toBe(0);
  });

  it('answers 401 to a cookie-less refresh with nothing in the body', async () => {
    const refused = (await t.http().post('/api/auth/refresh').send({}).expect(401)).body as ApiErrorBody;
    expect(refused.message).toMatch(/no session to refresh/);
  });

  it('ends the CSRF tokens of every session when all sessions are revoked', async () => {
    const s = await cookieSignIn();
    await t.http().post('/api/auth/revoke-all').set('Authorization', `Bearer ${s.accessToken}`).expect(200);
    expect(await t.prisma.cSRFToken.count({ where: { userId: s.userId } })).toBe(0);
  });
});

describe('browser session over https (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ APP_URL: 'https://app.seology.test' });
  });
  afterAll(() => t.close());

  it('marks every session cookie Secure when APP_URL is https', async () => {
    const user = await signUpUser(t, 'secure');
    const res = await t.http().post('/api/auth/signin').send({ email: user.email, password: PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
    const { all } = sessionCookies(res);
    expect(all).toHaveLength(3);
    for (const cookie of all) expect(cookie.attributes.secure).toBe(true);
  });
});
