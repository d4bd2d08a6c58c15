import { parseRetryAfter } from '@seology/net';
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
import { sendWithRetry, type RetryOptions } from '../http/retry';
import type { HttpTransport } from '../http/transport';
import { discoverRestRoot, parseWordPressJson, restRouteUrl } from './wordpress-discovery';

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
  /** The site's address (with a trailing slash), where the REST root is discovered. */
  siteUrl: URL;
  /** A root found earlier (stored per connection); discovered on first use when absent. */
  apiRoot?: string;
  /** Told every root discovered, to store it for next time. */
  onApiRoot?: (root: string) => void | Promise<void>;
  username: string;
  applicationPassword: string;
  transport: HttpTransport;
  retry: RetryOptions;
  timeoutMs: number;
}

/** A root that answers something other than the REST API (moved, or permalinks changed): find it again. */
class RootNotAnswering extends Error {
  constructor(readonly error: ConnectorError) {
    super(error.message);
  }
}

/**
 * Thin REST client: REST root discovery, URL building, Basic auth, retries, and WordPress error
 * bodies → typed errors.
 */
export class WordPressApi {
  private readonly authHeader: string;
  private root: string | null;
  private discovering: Promise<string> | null = null;
  constructor(private readonly opts: WordPressApiOptions) {
    this.authHeader = `Basic ${Buffer.from(`${opts.username}:${opts.applicationPassword}`, 'utf8').toString('base64')}`;
    this.root = opts.apiRoot ?? null;
  }

  get username(): string {
    return this.opts.username;
  }

  /** The REST root in use, null before the first call discovered it. */
  get apiRoot(): string | null {
    return this.root;
  }

  async call<T>(method: string, route: string, opts: WpCallOptions = {}): Promise<WpResponse<T>> {
    const known = this.root;
    const root = known ?? (await this.discover(null));
    try {
      return await this.send<T>(root, method, route, opts);
    } catch (e) {
      if (!(e instanceof RootNotAnswering)) throw e;
      // Only a root remembered from earlier can have gone stale; one found just now answered the index.
      if (known === null) throw e.error;
      const fresh = await this.discover(known);
      if (fresh === known) throw e.error;
      try {
        return await this.send<T>(fresh, method, route, opts);
      } catch (again) {
        throw again instanceof RootNotAnswering ? again.error : again;
      }
    }
  }

  /** One discovery at a time; `stale` is the root that stopped answering (null on first use). */
  private discover(stale: string | null): Promise<string> {
    if (this.root !== stale && this.root !== null) return Promise.resolve(this.root);
    if (!this.discovering) {
      this.discovering = (async () => {
        try {
          const found = await discoverRestRoot(this.opts.siteUrl, {
            transport: this.opts.transport,
            retry: this.opts.retry,
            timeoutMs: this.opts.timeoutMs,
            unavailable: (res, attempts) => this.toError(res.status, res.body, res.headers, attempts, res.url, { subject: 'REST API index' }),
          });
          this.root = found;
          if (found !== stale) await this.opts.onApiRoot?.(found);
          return found;
        } finally {
          this.discovering = null;
        }
      })();
    }
    return this.discovering;
  }

  private async send<T>(root: string, method: string, route: string, opts: WpCallOptions): Promise<WpResponse<T>> {
    const url = restRouteUrl(root, route, opts.query);
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
    const json = isJsonBody(response.body);
    if (response.status >= 200 && response.status < 300) {
      if (!json) throw new RootNotAnswering(notJsonError(url, response.status));
      return { data: parseJson<T>(response.body, url, response.status), headers: response.headers, status: response.status };
    }
    // The REST API answers its own 404s in JSON; an HTML 404 is the theme's, so the root is wrong.
    if ((response.status === 404 || response.status === 410) && !json) throw new RootNotAnswering(this.toError(response.status, response.body, response.headers, attempts, url, opts));
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
      if (parsed && typeof parsed === 'object') body = parsed;
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
            // WordPress 6.1 answers this both for a wrong application password (it leaves the request
            // anonymous) and for an Authorization header that the web server dropped.
            `WordPress did not accept the login of '${user}': check the username and the application password; if they are right, the web server may be stripping the Authorization header${detail}`,
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
    return parseWordPressJson(body) as T;
  } catch {
    throw notJsonError(url, status);
  }
}

function isJsonBody(body: string): boolean {
  try {
    parseWordPressJson(body);
    return true;
  } catch {
    return false;
  }
}

function notJsonError(url: string, status: number): PlatformError {
  return new PlatformError(
    'wordpress',
    `The WordPress REST API at ${new URL(url).origin} answered with something other than JSON ` +
      `(a security plugin, maintenance mode or a wrong site URL can cause this)`,
    status,
  );
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}
