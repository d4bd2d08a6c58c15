import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER, testSession } from '../test/fake-api';
import { ApiClient, ApiError, buildUrl, NETWORK_ERROR_MESSAGE, SESSION_ENDED_MESSAGE, type CrossTabLock } from './client';
import { MemorySessionStore } from './session';

const EMPTY_PAGE = { items: [], total: 0, page: 1, pageSize: 20 };

function authResponse(n: number) {
  return { user: TEST_USER, accessToken: `access-${n}`, expiresIn: 900, refreshToken: `refresh-token-000000000${n}` };
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
      'POST /api/auth/refresh': async ({ body }) => {
        expect(body).toEqual({ refreshToken: 'refresh-token-0000000001' });
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
    expect(store.load()).toMatchObject({ accessToken: 'access-new', refreshToken: 'refresh-token-0000000002' });
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

  it('uses a token another tab obtained while this one waited for the cross-tab lock', async () => {
    const store = new MemorySessionStore(testSession());
    let lockCalls = 0;
    // Simulates another tab that refreshed while holding the lock before us.
    const lock: CrossTabLock = async (fn) => {
      lockCalls++;
      store.save(testSession({ accessToken: 'access-from-other-tab', refreshToken: 'refresh-token-other-tab01' }));
      return fn();
    };
    const calls: string[] = [];
    const client = new ApiClient({
      store,
      lock,
      fetch: async (url, init) => {
        calls.push(url);
        const auth = (init.headers as Record<string, string>).Authorization;
        return auth === 'Bearer access-from-other-tab' ? json(200, EMPTY_PAGE) : errorBody(401, 'Unauthorized');
      },
    });
    await client.get('/api/connections');
    expect(lockCalls).toBe(1);
    expect(calls).toEqual(['/api/connections', '/api/connections']);
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
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    });
    await expect(gateway.get('/api/health')).rejects.toMatchObject({ status: 502, message: expect.stringContaining('502 Bad Gateway') as unknown });
  });

  it('signs in, stores the session, and signs out revoking the refresh token', async () => {
    const { client, store, requests } = createTestClient(
      {
        'POST /api/auth/signin': () => json(200, authResponse(1)),
        'POST /api/auth/signout': () => new Response(null, { status: 204 }),
      },
      null,
    );
    await client.signIn({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(store.load()).toMatchObject({ accessToken: 'access-1', user: { email: 'ada@example.com' } });
    client.signOut();
    expect(store.load()).toBeNull();
    await vi.waitFor(() => expect(requests.at(-1)).toMatchObject({ url: '/api/auth/signout', body: { refreshToken: 'refresh-token-0000000001' } }));
  });

  it('builds URLs with encoded path parameters and comma-joined arrays', () => {
    expect(buildUrl('/api/connections/{id}', { id: 'a/b c' })).toBe('/api/connections/a%2Fb%20c');
    expect(buildUrl('/api/connections/{connectionId}/issues', { connectionId: 'x' }, { severity: ['HIGH', 'LOW'], q: undefined, page: 1 })).toBe(
      '/api/connections/x/issues?severity=HIGH%2CLOW&page=1',
    );
    expect(() => buildUrl('/api/connections/{id}', {})).toThrow(/Missing path parameter/);
  });
});
