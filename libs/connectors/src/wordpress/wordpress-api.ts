import {
  AuthError,
  ConnectorError,
  NotFoundError,
  PermissionError,
  PlatformError,
  RateLimitError,
  ValidationError,
  type FieldError,
} from '../errors';
import { parseRetryAfter, sendWithRetry, type RetryOptions } from '../http/retry';
import type { HttpTransport } from '../http/transport';

/** `{ raw, rendered }` pairs as WordPress returns them with context=edit. */
export interface WpText {
  raw?: string;
  rendered?: string;
}

export interface WpItem {
  id: number;
  link: string;
  slug: string;
  type: string;
  status?: string;
  title?: WpText;
  content?: WpText;
  excerpt?: WpText;
  parent?: number;
  meta?: Record<string, unknown>;
  yoast_head_json?: Record<string, unknown> | null;
  alt_text?: string;
  source_url?: string;
}

export interface WpErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string> } | null;
}

export interface WpResponse<T> {
  data: T;
  headers: Record<string, string>;
  status: number;
}

export interface WpCallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** What the call is about, for error messages ("post 12"). */
  subject?: string;
  /** What the user tried to do, for 403 messages ("edit post 12"). */
  action?: string;
  auth?: boolean;
}

export interface WordPressApiOptions {
  apiRoot: string;
  username: string;
  applicationPassword: string;
  transport: HttpTransport;
  retry: RetryOptions;
  timeoutMs: number;
}

/** Thin REST client: URL building, Basic auth, retries, and WordPress error bodies → typed errors. */
export class WordPressApi {
  private readonly authHeader: string;
  constructor(private readonly opts: WordPressApiOptions) {
    this.authHeader = `Basic ${Buffer.from(`${opts.username}:${opts.applicationPassword}`, 'utf8').toString('base64')}`;
  }

  get username(): string {
    return this.opts.username;
  }

  url(route: string, query?: Record<string, string | number | undefined>): string {
    const u = new URL(this.opts.apiRoot);
    const clean = route.replace(/^\/+/, '');
    // Sites without pretty permalinks only answer on ?rest_route=/...
    if (u.searchParams.has('rest_route')) u.searchParams.set('rest_route', `/${clean}`);
    else u.pathname = `${u.pathname.replace(/\/*$/, '/')}${clean}`;
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.href;
  }

  async call<T>(method: string, route: string, opts: WpCallOptions = {}): Promise<WpResponse<T>> {
    const url = this.url(route, opts.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Seology/1.0 (+connector)' };
    if (opts.auth !== false) headers['authorization'] = this.authHeader;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(opts.body);
    }
    const { response, attempts } = await sendWithRetry(
      this.opts.transport,
      { url, method, headers, body, timeoutMs: this.opts.timeoutMs, maxRedirects: method === 'GET' || method === 'OPTIONS' ? 3 : 0 },
      this.opts.retry,
      'wordpress',
    );
    if (response.status >= 200 && response.status < 300) {
      return { data: parseJson<T>(response.body, url, response.status), headers: response.headers, status: response.status };
    }
    throw this.toError(response.status, response.body, response.headers, attempts, url, opts);
  }

  private toError(
    status: number,
    rawBody: string,
    headers: Record<string, string>,
    attempts: number,
    url: string,
    opts: WpCallOptions,
  ): ConnectorError {
    let body: WpErrorBody = {};
    try {
      const parsed = JSON.parse(rawBody) as unknown;
      if (parsed && typeof parsed === 'object') body = parsed as WpErrorBody;
    } catch {
      // Not JSON (a proxy or security plugin page); handled below with the status alone.
    }
    const code = body.code ?? null;
    const message = body.message ? stripTags(body.message) : null;
    const detail = code ? ` (${code}${message ? `: ${message}` : ''})` : message ? ` (${message})` : '';
    const user = this.opts.username;
    if (status >= 300 && status < 400) {
      return new PlatformError(
        'wordpress',
        `WordPress redirected the request to ${headers['location'] ?? 'another address'}; update the site URL to the address the site really uses.`,
        status,
      );
    }
    if (status === 401) {
      switch (code) {
        case 'incorrect_password':
          return new AuthError('wordpress', `WordPress rejected the application password for user '${user}'`, status, code);
        case 'invalid_username':
        case 'invalid_email':
          return new AuthError('wordpress', `WordPress has no user '${user}'`, status, code);
        case 'application_passwords_disabled':
        case 'application_passwords_disabled_for_user':
          return new AuthError('wordpress', `Application passwords are disabled on this WordPress site${detail}`, status, code);
        case 'rest_not_logged_in':
          return new AuthError(
            'wordpress',
            `WordPress did not see the request as logged in as '${user}': the web server may be stripping the Authorization header${detail}`,
            status,
            code,
          );
        default:
          return new AuthError('wordpress', `WordPress refused the credentials for user '${user}'${detail}`, status, code);
      }
    }
    if (status === 403) {
      return new PermissionError('wordpress', `WordPress user '${user}' is not allowed to ${opts.action ?? 'do this'}${detail}`, status, code);
    }
    if (status === 404) {
      const what = code === 'rest_no_route' ? `the REST route ${new URL(url).pathname}` : (opts.subject ?? 'the requested item');
      return new NotFoundError('wordpress', `WordPress has no ${what}${detail}`, status, code);
    }
    if (status === 400) {
      const params = body.data?.params ?? {};
      const fieldErrors: FieldError[] = Object.entries(params).map(([k, v]) => ({ field: [k], message: String(v), code }));
      if (fieldErrors.length === 0) fieldErrors.push({ field: null, message: message ?? 'invalid request', code });
      return new ValidationError('wordpress', `WordPress refused the value${detail}`, fieldErrors, status, code);
    }
    if (status === 429) {
      return new RateLimitError(
        'wordpress',
        `WordPress kept answering 429 Too Many Requests after ${attempts} attempt(s)${detail}`,
        parseRetryAfter(headers['retry-after']),
        attempts,
      );
    }
    if (status >= 500) {
      return new PlatformError('wordpress', `WordPress answered ${status} after ${attempts} attempt(s)${detail}`, status, code, message);
    }
    return new PlatformError('wordpress', `WordPress answered ${status}${detail}`, status, code, message);
  }
}

function parseJson<T>(body: string, url: string, status: number): T {
  try {
    // Some hosts prepend a BOM or PHP notices; the JSON starts at the first brace or bracket.
    const start = body.search(/[[{]/);
    return JSON.parse(start > 0 ? body.slice(start) : body) as T;
  } catch {
    throw new PlatformError(
      'wordpress',
      `The WordPress REST API at ${new URL(url).origin} answered with something other than JSON ` +
        `(a security plugin, maintenance mode or a wrong site URL can cause this)`,
      status,
    );
  }
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}
