import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json, TEST_CSRF_TOKEN, TEST_USER, testSession } from '../test/fake-api';
import { ApiClient, ApiError, NETWORK_ERROR_MESSAGE, SESSION_ENDED_MESSAGE, type CrossTabLock } from './client';
import { MemorySessionStore, readCsrfCookie, type SessionChannel, type SessionMessage } from './session';

const EMPTY_PAGE = { items: [], total: 0, page: 1, pageSize: 20 };

/** What the API answers in cookie mode: the refresh token is in the httpOnly cookie, not the body. */
function authResponse(n: number) {
  return { user: TEST_USER, accessToken: `access-${n}`, expiresIn: 900 };
}

/** Two tabs' channels joined to each other, like one BroadcastChannel name in two tabs. */
function channelPair(): [SessionChannel, SessionChannel] {
  const listeners: [Set<(m: SessionMessage) => void>, Set<(m: SessionMessage) => void>] = [new Set(), new Set()];
  const end = (mine: 0 | 1): SessionChannel => ({
    post: (message) => listeners[mine === 0 ? 1 : 0].forEach((listener) => listener(message)),
    subscribe: (listener) => {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [end(0), end(1)];
}

/** A promise whose resolution the test controls, to hold the refresh open while other requests fail. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** 401 for any token but the current one, like the API after the access token expired. */
function protectedRoute(validToken: () => string, body: unknown = EMPTY_PAGE) {
  return ({ headers }: { headers: Record<string, string> }) =>
    headers.Authorization === `Bearer ${validToken()}` ? json(200, body) : errorBody(401, 'Unauthorized');
}

describe('ApiClient', () => {
  it('sends the access token and parses the typed response', async () => {
    const { client, requests } = createTestClient({ 'GET /api/connections': protectedRoute(() => 'access-1') });
    const page = await client.get('/api/connections', { query: { page: 2, pageSize: 5 } });
    expect(page.total).toBe(0);
    expect(requests[0]?.url).toBe('/api/connections?page=2&pageSize=5');
    expect(requests[0]?.headers.Authorization).toBe('Bearer access-1');
  });

  it('refreshes ONCE for concurrent 401s and retries every request with the new token', async () => {
    let valid = 'access-new';
    const refreshGate = deferred<void>();
    const { client, store, requests } = createTestClient({
      'GET /api/connections': protectedRoute(() => valid),
      'GET /api/jobs': protectedRoute(() => valid),
      'GET /api/api-keys': protectedRoute(() => valid, []),
      'POST /api/auth/refresh': async ({ body, headers }) => {
        // The refresh token travels in its httpOnly cookie; the client sends only the CSRF token.
        expect(body).toEqual({});
        expect(headers['X-CSRF-Token']).toBe(TEST_CSRF_TOKEN);
        expect(headers.Authorization).toBeUndefined();
        await refreshGate.promise;
        return json(200, { ...authResponse(2), accessToken: 'access-new' });
      },
    });

    const results = Promise.all([client.get('/api/connections'), client.get('/api/jobs'), client.get('/api/api-keys')]);
    // Let all three fail with 401 while the refresh is still in flight.
    await vi.waitFor(() => expect(requests.filter((r) => r.url === '/api/auth/refresh')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 10));
    refreshGate.resolve();
    const [sites, jobs, keys] = await results;

    expect(sites.total).toBe(0);
    expect(jobs.total).toBe(0);
    expect(keys).toEqual([]);
    expect(requests.filter((r) => r.url === '/api/auth/refresh')).toHaveLength(1);
    const retried = requests.filter((r) => r.url !== '/api/auth/refresh' && r.headers.Authorization === 'Bearer access-new');
    expect(retried).toHaveLength(3);
    expect(store.load()).toMatchObject({ accessToken: 'access-new', user: { id: TEST_USER.id } });
    valid = 'unused';
  });

  it('does not spend the new refresh token on a 401 that arrives after the refresh finished', async () => {
    const slow = deferred<void>();
    const { client, requests } = createTestClient({
      'GET /api/connections': protectedRoute(() => 'access-2'),
      // Sent with the old token, answered only after the other request already refreshed.
      'GET /api/jobs': async ({ headers }) => {
        if (headers.Authorization === 'Bearer access-1') {
          await slow.promise;
          return errorBody(401, 'Unauthorized');
        }
        return json(200, EMPTY_PAGE);
      },
      'POST /api/auth/refresh': () => json(200, authResponse(2)),
    });
    const late = client.get('/api/jobs');
    await client.get('/api/connections');
    slow.resolve();
    await late;
    expect(requests.filter((r) => r.url === '/api/auth/refresh')).toHaveLength(1);
    expect(requests.at(-1)).toMatchObject({ url: '/api/jobs', headers: { Authorization: 'Bearer access-2' } });
  });

  it('refreshes before the request when the access token has expired, once for concurrent calls', async () => {
    const { client, requests } = createTestClient(
      {
        'GET /api/connections': protectedRoute(() => 'access-2'),
        'POST /api/auth/refresh': () => json(200, authResponse(2)),
      },
      testSession({ expiresAt: Date.now() - 1000 }),
    );
    await Promise.all([client.get('/api/connections'), client.get('/api/connections')]);
    expect(requests.map((r) => r.url)).toEqual(['/api/auth/refresh', '/api/connections', '/api/connections']);
  });

  it('ends the session when the refresh token is rejected', async () => {
    const { client, store } = createTestClient({
      'GET /api/connections': () => errorBody(401, 'Unauthorized'),
      'POST /api/auth/refresh': () => errorBody(401, 'This refresh token was already used; the session has been ended. Sign in again.'),
    });
    const events: string[] = [];
    client.onSessionChange((session, reason) => events.push(`${reason}:${session ? 'session' : 'none'}`));
    const error = await client.get('/api/connections').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'SESSION_ENDED', message: SESSION_ENDED_MESSAGE });
    expect(store.load()).toBeNull();
    expect(events).toEqual(['ended:none']);
  });

  it('keeps the session when the refresh fails for a transient reason', async () => {
    const { client, store } = createTestClient({
      'GET /api/connections': () => errorBody(401, 'Unauthorized'),
      'POST /api/auth/refresh': () => errorBody(503, 'Seology is restarting.'),
    });
    await expect(client.get('/api/connections')).rejects.toMatchObject({ status: 503, message: 'Seology is restarting.' });
    expect(store.load()).not.toBeNull();
  });

  it('refreshes while holding the cross-tab lock, reading the CSRF cookie only once it holds it', async () => {
    let cookie = 'csrf_before';
    const seen: string[] = [];
    let lockCalls = 0;
    // Another tab refreshed while holding the lock before us: the cookie jar has its new CSRF token.
    const lock: CrossTabLock = async (fn) => {
      lockCalls++;
      cookie = 'csrf_after_other_tab';
      return fn();
    };
    const client = new ApiClient({
      store: new MemorySessionStore(testSession({ expiresAt: Date.now() - 1000 })),
      lock,
      csrfToken: () => cookie,
      fetch: (url, init) => {
        const headers = init.headers as Record<string, string>;
        if (url === '/api/auth/refresh') {
          seen.push(headers['X-CSRF-Token'] ?? '');
          return Promise.resolve(json(200, authResponse(2)));
        }
        return Promise.resolve(headers.Authorization === 'Bearer access-2' ? json(200, EMPTY_PAGE) : errorBody(401, 'Unauthorized'));
      },
    });
    await client.get('/api/connections');
    expect(lockCalls).toBe(1);
    expect(seen).toEqual(['csrf_after_other_tab']);
  });

  it('restores the session from the cookie after a reload, and does not try without one', async () => {
    const { client, requests } = createTestClient({ 'POST /api/auth/refresh': () => json(200, authResponse(3)) }, null, { signedInCookie: true });
    expect(client.session).toBeNull();
    expect(client.canRestore).toBe(true);
    expect(await client.restore()).toMatchObject({ accessToken: 'access-3', user: { email: TEST_USER.email } });
    expect(client.session?.accessToken).toBe('access-3');
    expect(requests.map((r) => `${r.method} ${r.url} ${r.headers['X-CSRF-Token'] ?? '-'}`)).toEqual([`POST /api/auth/refresh ${TEST_CSRF_TOKEN}`]);

    const signedOut = createTestClient({}, null);
    expect(signedOut.client.canRestore).toBe(false);
    expect(await signedOut.client.restore()).toBeNull();
    expect(signedOut.requests).toHaveLength(0);
  });

  it('signs out every tab when one signs out, and lets the others pick up a sign-in', async () => {
    const [left, right] = channelPair();
    const here = new ApiClient({ store: new MemorySessionStore(testSession()), channel: left, csrfToken: () => TEST_CSRF_TOKEN, fetch: () => Promise.resolve(new Response(null, { status: 204 })) });
    const refreshes: string[] = [];
    const there = new ApiClient({
      store: new MemorySessionStore(testSession({ accessToken: 'access-there' })),
      channel: right,
      csrfToken: () => TEST_CSRF_TOKEN,
      fetch: (url) => {
        refreshes.push(url);
        return Promise.resolve(json(200, { ...authResponse(9), user: { ...TEST_USER, id: 'user-2', email: 'grace@example.com' } }));
      },
    });
    const events: string[] = [];
    there.onSessionChange((session, reason) => events.push(`${reason}:${session?.user.email ?? 'none'}`));

    here.signOut();
    expect(there.session).toBeNull();
    expect(events).toEqual(['signed-out:none']);
    // The other tab's sign-out revokes the cookie; this one sends nothing.
    expect(refreshes).toEqual([]);

    left.post('signed-in');
    await vi.waitFor(() => expect(there.session?.accessToken).toBe('access-9'));
    expect(refreshes).toEqual(['/api/auth/refresh']);
    expect(events).toEqual(['signed-out:none', 'refreshed:grace@example.com', 'signed-in:grace@example.com']);
  });

  it('reads the CSRF token from the cookie string', () => {
    expect(readCsrfCookie('theme=dark; seology_csrf=csrf_abc%3D; other=1')).toBe('csrf_abc=');
    expect(readCsrfCookie('theme=dark')).toBeUndefined();
    expect(readCsrfCookie('seology_csrf=')).toBeUndefined();
  });

  it('throws ApiError with the server message, code, details and requestId', async () => {
    const { client } = createTestClient({
      'POST /api/connections': () =>
        errorBody(400, 'Invalid request: siteUrl must be longer than or equal to 3 characters', {
          code: 'VALIDATION_FAILED',
          details: ['siteUrl must be longer than or equal to 3 characters'],
        }),
    });
    const error = await client.post('/api/connections', { body: { siteUrl: 'x', platform: 'CUSTOM' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.message).toBe('Invalid request: siteUrl must be longer than or equal to 3 characters');
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.fieldMessages).toEqual(['siteUrl must be longer than or equal to 3 characters']);
    expect(apiError.requestId).toBe('req-test');
  });

  it('does not try to refresh when sign-in itself answers 401', async () => {
    const { client, requests } = createTestClient({ 'POST /api/auth/signin': () => errorBody(401, 'Email or password is incorrect.') }, null);
    await expect(client.signIn({ email: 'a@example.com', password: 'nope' })).rejects.toMatchObject({ status: 401, message: 'Email or password is incorrect.' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.Authorization).toBeUndefined();
  });

  it('reports unreachable servers and non-JSON errors in plain words', async () => {
    const offline = new ApiClient({
      store: new MemorySessionStore(testSession()),
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.get('/api/health')).rejects.toMatchObject({ status: 0, message: NETWORK_ERROR_MESSAGE });

    const gateway = new ApiClient({
      store: new MemorySessionStore(testSession()),
      fetch: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } })),
    });
    await expect(gateway.get('/api/health')).rejects.toMatchObject({ status: 502, message: expect.stringContaining('502 Bad Gateway') as unknown });
  });

  it('signs in asking for the cookie, keeps only the access token, and signs out with the CSRF token', async () => {
    const { client, store, requests } = createTestClient(
      {
        'POST /api/auth/signin': () => json(200, authResponse(1)),
        'POST /api/auth/signout': () => new Response(null, { status: 204 }),
      },
      null,
    );
    await client.signIn({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(requests[0]?.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery', refreshTokenIn: 'cookie' });
    expect(store.load()).toEqual({ accessToken: 'access-1', expiresAt: expect.any(Number) as unknown, user: TEST_USER });
    client.signOut();
    expect(store.load()).toBeNull();
    await vi.waitFor(() => expect(requests.at(-1)).toMatchObject({ url: '/api/auth/signout', body: {}, headers: { 'X-CSRF-Token': TEST_CSRF_TOKEN } }));
    expect(requests.at(-1)?.headers.Authorization).toBeUndefined();
  });

  it('builds URLs with encoded path parameters and comma-joined arrays, leaving out empty filters', async () => {
    const { client, requests } = createTestClient({
      'GET /api/connections/a%2Fb%20c': () => json(200, {}),
      'GET /api/connections/x/issues': () => json(200, EMPTY_PAGE),
    });
    await client.get('/api/connections/{id}', { path: { id: 'a/b c' } });
    expect(requests[0]?.url).toBe('/api/connections/a%2Fb%20c');
    await client.get('/api/connections/{connectionId}/issues', { path: { connectionId: 'x' }, query: { severity: ['HIGH', 'LOW'], q: '', page: 1 } });
    expect(requests[1]?.url).toBe('/api/connections/x/issues?severity=HIGH,LOW&page=1');
    // @ts-expect-error the id is required
    await expect(client.get('/api/connections/{id}', { path: {} })).rejects.toThrow(/Missing path parameter "id"/);
    expect(requests).toHaveLength(2);
  });
});
