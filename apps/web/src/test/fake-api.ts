import { ApiClient } from '../api/client';
import { MemorySessionStore, type Session, type User } from '../api/session';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function errorBody(status: number, message: string, extra: { code?: string; details?: unknown } = {}) {
  return json(status, {
    statusCode: status,
    error: status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : status === 409 ? 'Conflict' : 'Error',
    message,
    ...extra,
    path: '/api/test',
    timestamp: new Date(0).toISOString(),
    requestId: 'req-test',
  });
}

export const TEST_USER: User = {
  id: 'user-1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'USER',
  plan: 'FREE',
  onboardingCompleted: false,
  onboardingStep: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
};

export function testSession(overrides: Partial<Session> = {}): Session {
  return { accessToken: 'access-1', expiresAt: Date.now() + 600_000, user: TEST_USER, ...overrides };
}

/**
 * A fetch that routes "METHOD /path" to handlers and records every request. Unrouted requests answer 404
 * with the API's error body, so a test fails loudly instead of hanging.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = { ...(init.headers as Record<string, string>) };
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request = { method, url: input, headers, body };
    requests.push(request);
    const path = input.split('?')[0] ?? input;
    const handler = routes[`${method} ${path}`];
    if (!handler) return errorBody(404, `No fake route for ${method} ${path}`);
    return handler(request);
  };
  return { fetch, requests };
}

/** The CSRF cookie a signed-in browser holds (the refresh token beside it is httpOnly, so the client never sees it). */
export const TEST_CSRF_TOKEN = 'csrf_test-token';

/**
 * A client over fakeFetch, with a cookie jar of one: the CSRF cookie is there while signed in, set by a
 * successful sign-in or sign-up and cleared by sign-out or a refused refresh, as the API does.
 */
export function createTestClient(routes: Record<string, Handler>, session: Session | null = testSession(), options: { signedInCookie?: boolean } = {}) {
  const store = new MemorySessionStore(session);
  const fake = fakeFetch(routes);
  let csrfCookie = (options.signedInCookie ?? session !== null) ? TEST_CSRF_TOKEN : undefined;
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const response = await fake.fetch(input, init);
    const path = input.split('?')[0];
    if ((path === '/api/auth/signin' || path === '/api/auth/signup') && response.ok) csrfCookie = TEST_CSRF_TOKEN;
    if (path === '/api/auth/signout' || (path === '/api/auth/refresh' && [400, 401, 403].includes(response.status))) csrfCookie = undefined;
    return response;
  };
  const client = new ApiClient({ store, fetch, csrfToken: () => csrfCookie });
  return { client, store, requests: fake.requests };
}
