/**
 * The dashboard's typed client for the Seology API.
 *
 * Paths, parameters, bodies and responses are checked against `schema.d.ts`, which is generated from
 * apps/api/openapi.json. The client attaches the access token, refreshes it transparently when it has
 * expired or the server answers 401, and turns every error body into an `ApiError`.
 *
 * The access token lives in this page's memory only. The refresh token is an httpOnly cookie the API
 * sets at sign-in (`refreshTokenIn: 'cookie'`); refresh and sign-out send it by themselves, with the
 * CSRF token from the readable seology_csrf cookie in X-CSRF-Token. A reload or a new tab restores the
 * session from the cookie (`restore()`), and a SessionChannel tells the other tabs about sign-in and
 * sign-out without passing any token.
 *
 * Refresh tokens rotate: each is single-use, and replaying a used one ends the whole session. So every
 * refresh goes through ONE in-flight promise per page, and (where the browser supports Web Locks)
 * through a lock shared by all tabs, so each tab's refresh sends the cookie the previous one received.
 */
import createClient, { defaultPathSerializer, type Client, type ClientPathsWithMethod, type ParamsOption, type RequestBodyOption } from 'openapi-fetch';
import type { components, paths } from './schema';
import { MemorySessionStore, readCsrfCookie, sessionFromAuthResponse, type AuthResponse, type Session, type SessionChannel, type SessionStore } from './session';

export type Schemas = components['schemas'];

/** The one error body every 4xx/5xx answer of the API has. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
  path?: string;
  timestamp?: string;
  requestId?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code for errors clients branch on (e.g. VALIDATION_FAILED, EMAIL_TAKEN). */
  readonly code: string | undefined;
  /** Per-field validation sentences, or structured context such as { limit, used }. */
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, message: string, extra: { code?: string; details?: unknown; requestId?: string } = {}) {
    super(message);
    this.status = status;
    this.code = extra.code;
    this.details = extra.details;
    this.requestId = extra.requestId;
  }

  /** The validation sentences of a 400 (e.g. "wordpress.username must not be empty"). */
  get fieldMessages(): string[] {
    return Array.isArray(this.details) && this.details.every((d) => typeof d === 'string') ? this.details : [];
  }

  static isApiError(error: unknown): error is ApiError {
    return error instanceof ApiError;
  }
}

export const NETWORK_ERROR_MESSAGE = 'Could not reach Seology. Check your connection and try again.';
export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

// ---------------------------------------------------------------------------------------------
// Types derived from the generated schema (through openapi-fetch's own operation types)
// ---------------------------------------------------------------------------------------------

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Paths that have an operation for method M. */
export type PathsFor<M extends HttpMethod> = ClientPathsWithMethod<Client<paths>, M>;

type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;
/** openapi-fetch's `params` for an operation: its path and query parameters. */
type ParamsOf<O> = ParamsOption<O> extends { params?: infer X } ? NonNullable<X> : never;
type PathParamsOf<O> = ParamsOf<O> extends { path: infer X } ? ([X] extends [never] ? never : X) : never;
type QueryOf<O> = ParamsOf<O> extends { query?: infer X } ? ([X] extends [never] ? never : Exclude<X, undefined>) : never;
type JsonBodyOf<O> = RequestBodyOption<O> extends { body?: infer B } ? ([B] extends [never] ? never : Exclude<B, undefined>) : never;

type SuccessStatus = 200 | 201 | 202 | 204;
export type ResponseOf<O> = O extends { responses: infer R }
  ? {
      [S in keyof R & SuccessStatus]: R[S] extends { content: { 'application/json': infer B } } ? B : undefined;
    }[keyof R & SuccessStatus]
  : never;

/** The dashboard's request options: openapi-fetch's `params.path`, `params.query` and `body`, flattened. */
export type RequestOptions<O> = ([PathParamsOf<O>] extends [never] ? { path?: undefined } : { path: PathParamsOf<O> }) &
  ([QueryOf<O>] extends [never] ? { query?: undefined } : { query?: QueryOf<O> }) &
  ([JsonBodyOf<O>] extends [never] ? { body?: undefined } : { body: JsonBodyOf<O> }) & { signal?: AbortSignal };

interface AnyRequestOptions {
  path?: unknown;
  query?: unknown;
  body?: unknown;
  signal?: AbortSignal;
}

type NeedsOptions<O> = [PathParamsOf<O>] extends [never] ? ([JsonBodyOf<O>] extends [never] ? false : true) : true;
type Args<O> = NeedsOptions<O> extends true ? [options: RequestOptions<O>] : [options?: RequestOptions<O>];

/** Response body type of `METHOD path`, e.g. `Response<'get', '/api/connections'>`. */
export type Response<M extends HttpMethod, P extends PathsFor<M>> = ResponseOf<Operation<P, M>>;
/** JSON request body type of `METHOD path`. */
export type Body<M extends HttpMethod, P extends PathsFor<M>> = JsonBodyOf<Operation<P, M>>;

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

export type FetchLike = (input: string, init: RequestInit) => Promise<globalThis.Response>;
/** Runs `fn` while holding a lock shared by every tab of the dashboard. */
export type CrossTabLock = <T>(fn: () => Promise<T>) => Promise<T>;
export type SessionListener = (session: Session | null, reason: 'signed-in' | 'refreshed' | 'signed-out' | 'ended') => void;

export interface ApiClientOptions {
  /** Default: this page's memory. */
  store?: SessionStore;
  /** Tells other tabs about sign-in and sign-out (BroadcastChannel in the dashboard); none by default. */
  channel?: SessionChannel;
  /** The CSRF token for refresh and sign-out; default: the seology_csrf cookie. */
  csrfToken?: () => string | undefined;
  /** Prefix of every path (the API's origin); empty for same-origin. */
  baseUrl?: string;
  fetch?: FetchLike;
  /** Defaults to the Web Locks API when the browser has it; otherwise refreshes are serialised per tab only. */
  lock?: CrossTabLock;
  /** Refresh proactively when the access token expires within this many ms. Default 15 s. */
  expiryMarginMs?: number;
  now?: () => number;
}

/** Endpoints that never carry the access token, so a 401 from them is an answer, not an expired token. */
const UNAUTHENTICATED_PATHS = new Set<string>(['/api/auth/signin', '/api/auth/signup', '/api/auth/refresh', '/api/auth/signout']);
/** The routes the refresh cookie is sent to, so the API wants the CSRF token with them. */
const COOKIE_PATHS = new Set<string>(['/api/auth/refresh', '/api/auth/signout']);

function defaultLock(): CrossTabLock | undefined {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return undefined;
  return <T>(fn: () => Promise<T>) => locks.request('seology.auth.refresh', () => fn()) as Promise<T>;
}

export class ApiClient {
  private readonly store: SessionStore;
  private readonly channel: SessionChannel | undefined;
  private readonly csrfToken: () => string | undefined;
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly lock: CrossTabLock | undefined;
  private readonly expiryMarginMs: number;
  private readonly now: () => number;
  private readonly listeners = new Set<SessionListener>();
  private inflightRefresh: Promise<Session | null> | null = null;
  private readonly http: Client<paths> = createClient<paths>({
    baseUrl: REQUEST_ORIGIN,
    // The API reads lists as comma-separated values (severity=HIGH,LOW).
    querySerializer: { array: { style: 'form', explode: false } },
    pathSerializer: requirePathParams,
  });

  constructor(options: ApiClientOptions) {
    this.store = options.store ?? new MemorySessionStore();
    this.channel = options.channel;
    this.csrfToken = options.csrfToken ?? (() => readCsrfCookie());
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.lock = options.lock ?? defaultLock();
    this.expiryMarginMs = options.expiryMarginMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.channel?.subscribe((message) => this.onOtherTab(message));
  }

  // -- typed requests ----------------------------------------------------------------------

  get<P extends PathsFor<'get'>>(path: P, ...args: Args<Operation<P, 'get'>>): Promise<ResponseOf<Operation<P, 'get'>>> {
    return this.request('GET', path, args[0]);
  }

  post<P extends PathsFor<'post'>>(path: P, ...args: Args<Operation<P, 'post'>>): Promise<ResponseOf<Operation<P, 'post'>>> {
    return this.request('POST', path, args[0]);
  }

  patch<P extends PathsFor<'patch'>>(path: P, ...args: Args<Operation<P, 'patch'>>): Promise<ResponseOf<Operation<P, 'patch'>>> {
    return this.request('PATCH', path, args[0]);
  }

  put<P extends PathsFor<'put'>>(path: P, ...args: Args<Operation<P, 'put'>>): Promise<ResponseOf<Operation<P, 'put'>>> {
    return this.request('PUT', path, args[0]);
  }

  delete<P extends PathsFor<'delete'>>(path: P, ...args: Args<Operation<P, 'delete'>>): Promise<ResponseOf<Operation<P, 'delete'>>> {
    return this.request('DELETE', path, args[0]);
  }

  // -- session -------------------------------------------------------------------------------

  get session(): Session | null {
    return this.store.load();
  }

  /** Told about every sign-in, refresh, sign-out and ended session, in this tab and (through the channel) in others. */
  onSessionChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A session cookie is there to restore from (after a reload, or in a new tab). */
  get canRestore(): boolean {
    return this.store.load() === null && this.csrfToken() !== undefined;
  }

  /** Gets this tab an access token from the session cookie; null when there is no session. */
  async restore(): Promise<Session | null> {
    return this.store.load() ?? (this.csrfToken() === undefined ? null : this.refresh().catch(() => null));
  }

  async signIn(body: Body<'post', '/api/auth/signin'>): Promise<Session> {
    return this.startSession(await this.post('/api/auth/signin', { body: { ...body, refreshTokenIn: 'cookie' } }));
  }

  async signUp(body: Body<'post', '/api/auth/signup'>): Promise<Session> {
    return this.startSession(await this.post('/api/auth/signup', { body: { ...body, refreshTokenIn: 'cookie' } }));
  }

  /**
   * Forgets the session at once, tells the other tabs, and revokes the refresh cookie on the server
   * (which clears the cookies) in the background.
   */
  signOut(): void {
    this.store.save(null);
    this.emit(null, 'signed-out');
    this.channel?.post('signed-out');
    this.post('/api/auth/signout', { body: {} }).catch(() => {
      // Best effort: this tab has forgotten the session already, and the cookie expires on its own.
    });
  }

  /**
   * Gets a new access token. Concurrent callers share one in-flight refresh; `stale` is the session
   * the caller saw fail, so a token that another caller or tab already rotated is not spent twice.
   */
  refresh(stale?: Session): Promise<Session | null> {
    if (!this.inflightRefresh) {
      const run = () => this.performRefresh(stale);
      this.inflightRefresh = (this.lock ? this.lock(run) : run()).finally(() => {
        this.inflightRefresh = null;
      });
    }
    return this.inflightRefresh;
  }

  // -- internals -----------------------------------------------------------------------------

  private startSession(body: AuthResponse): Session {
    const session = sessionFromAuthResponse(body, this.now());
    this.store.save(session);
    this.emit(session, 'signed-in');
    this.channel?.post('signed-in');
    return session;
  }

  /** Another tab signed out (so does this one) or in (this one picks the new session up from the cookie). */
  private onOtherTab(message: 'signed-in' | 'signed-out'): void {
    if (message === 'signed-out') {
      if (!this.store.load()) return;
      this.store.save(null);
      this.emit(null, 'signed-out');
      return;
    }
    const before = this.store.load();
    this.refresh()
      .then((session) => {
        // Someone else signed in over there: nothing of the previous account may stay on screen.
        if (session && session.user.id !== before?.user.id) this.emit(session, 'signed-in');
      })
      .catch(() => undefined);
  }

  private emit(session: Session | null, reason: Parameters<SessionListener>[1]): void {
    for (const listener of this.listeners) listener(session, reason);
  }

  private async performRefresh(stale?: Session): Promise<Session | null> {
    const current = this.store.load();
    // This tab refreshed since the caller's request: use that token.
    if (stale && current && current.accessToken !== stale.accessToken) return current;
    if (this.csrfToken() === undefined) {
      // No session cookie (signed out in another tab, or the session expired).
      if (current) this.endSession();
      return null;
    }
    const { response, error: body } = await this.send('POST', '/api/auth/refresh', { body: {} }, undefined);
    if (response.ok) {
      const session = sessionFromAuthResponse((await readBody(response)) as AuthResponse, this.now());
      this.store.save(session);
      this.emit(session, 'refreshed');
      return session;
    }
    const error = apiErrorFrom(response, body);
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // The refresh token is expired, revoked or was replayed: the session is over.
      this.endSession();
      return null;
    }
    // Rate limited or a server error: keep the session so a later request can try again.
    throw error;
  }

  private endSession(): void {
    this.store.save(null);
    this.emit(null, 'ended');
  }

  /** The session to send with a request, refreshed first when its access token is (nearly) expired. */
  private async currentSession(): Promise<Session | null> {
    const session = this.store.load();
    if (!session) return null;
    if (session.expiresAt - this.now() > this.expiryMarginMs) return session;
    const refreshed = await this.refresh(session);
    if (!refreshed) throw new ApiError(401, SESSION_ENDED_MESSAGE, { code: 'SESSION_ENDED' });
    return refreshed;
  }

  private async request<T>(method: Uppercase<HttpMethod>, template: string, options: AnyRequestOptions | undefined): Promise<T> {
    const authenticated = !UNAUTHENTICATED_PATHS.has(template);
    const session = authenticated ? await this.currentSession() : null;
    let answer = await this.send(method, template, options, session?.accessToken);
    if (answer.response.status === 401 && session) {
      const latest = this.store.load();
      const next = latest && latest.accessToken !== session.accessToken ? latest : await this.refresh(session);
      if (!next) throw new ApiError(401, SESSION_ENDED_MESSAGE, { code: 'SESSION_ENDED' });
      answer = await this.send(method, template, options, next.accessToken);
    }
    if (!answer.response.ok) throw apiErrorFrom(answer.response, answer.error);
    return (await readBody(answer.response)) as T;
  }

  /**
   * One request through openapi-fetch (path and query serialisation, JSON body). The body of a
   * successful answer is left unread (`parseAs: 'stream'`) for readBody; an error answer's body comes
   * back parsed as `error`.
   */
  private async send(method: Uppercase<HttpMethod>, template: string, options: AnyRequestOptions | undefined, accessToken: string | undefined): Promise<{ response: globalThis.Response; error: unknown }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options?.body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    const csrf = COOKIE_PATHS.has(template) ? this.csrfToken() : undefined;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const signal = options?.signal;
    const { response, error } = await this.http.request(method.toLowerCase() as never, template as never, {
      params: { path: options?.path, query: withoutEmptyValues(options?.query) },
      body: options?.body,
      parseAs: 'stream',
      fetch: (request: Request) => this.transport(request, headers, signal),
    } as never);
    return { response, error: error as unknown };
  }

  /**
   * Hands the request openapi-fetch built to this client's fetch with the exact headers chosen above
   * (a Headers object would lower-case their names) and the caller's own AbortSignal.
   */
  private async transport(request: Request, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<globalThis.Response> {
    const url = request.url.startsWith(REQUEST_ORIGIN) ? request.url.slice(REQUEST_ORIGIN.length) : request.url;
    const body = request.body === null ? undefined : await request.text();
    try {
      return await this.fetchImpl(this.baseUrl + url, { method: request.method, headers, body, signal, credentials: 'same-origin' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, NETWORK_ERROR_MESSAGE, { code: 'NETWORK_ERROR' });
    }
  }
}

/**
 * openapi-fetch needs an absolute URL to build a Request; this origin is stripped again before the
 * request is sent, so every request goes to `baseUrl` (same-origin when it is empty).
 */
const REQUEST_ORIGIN = 'http://seology.invalid';

/** Query strings leave out empty filters, as the dashboard's forms leave blank fields empty. */
function withoutEmptyValues(query: unknown): Record<string, unknown> | undefined {
  if (!query || typeof query !== 'object') return undefined;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

/** openapi-fetch's path serialiser, refusing to send a template whose parameter is missing. */
function requirePathParams(pathname: string, pathParams: Record<string, unknown>): string {
  for (const [, name] of pathname.matchAll(/\{([^}]+)\}/g)) {
    const value = name === undefined ? undefined : pathParams[name];
    if (value === undefined || value === null || value === '') throw new Error(`Missing path parameter "${name}" for ${pathname}`);
  }
  return defaultPathSerializer(pathname, pathParams);
}

async function readBody(response: globalThis.Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return response.json();
  // Files (a report's PDF or zip) stay bytes; reading them as text would corrupt them.
  if (/^application\/(pdf|zip|octet-stream)/.test(type)) return response.blob();
  const text = await response.text();
  return text === '' ? undefined : text;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

export async function toApiError(response: globalThis.Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return apiErrorFrom(response, body);
}

/** The ApiError for an error answer whose body has been read already (parsed JSON, text or nothing). */
export function apiErrorFrom(response: globalThis.Response, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.message, { code: body.code, details: body.details, requestId: body.requestId });
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  const message =
    response.status >= 500
      ? `Seology could not complete the request (${response.status}${reason}). Try again in a moment.`
      : `The request failed (${response.status}${reason}).`;
  return new ApiError(response.status, message);
}

/** A sentence to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
