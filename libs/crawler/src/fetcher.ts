import type { Dispatcher } from 'undici';
import {
  createCachedLookup,
  RequestError,
  SsrfError,
  createSafeDispatcher,
  parseUrlStrict,
  resolveTarget,
  safeRequest,
  type CachedLookup,
  type LookupFn,
  type SafeRequestOptions,
  type SafeResponse,
  type SsrfPolicy,
} from '@seology/net';

export interface FetcherOptions {
  userAgent: string;
  /** Sent only to hosts of the crawled site (never to external resources). */
  siteHeaders: Record<string, string>;
  timeoutMs: number;
  maxRedirects: number;
  policy: SsrfPolicy;
  lookup?: LookupFn;
  /** Sockets per origin. */
  connections: number;
  /** How long a host's successful SSRF pre-check is reused. */
  precheckTtlMs?: number;
  /** A DNS lookup unanswered after this long counts as a DNS failure. Default 5 s. */
  dnsTimeoutMs?: number;
}

export type FetchOptions = Pick<SafeRequestOptions, 'method' | 'maxBytes' | 'shouldReadBody' | 'beforeRedirect' | 'signal' | 'onTooLarge' | 'redirect'> & {
  /** Attach the crawl's custom headers and cookies (same-site requests only). */
  siteHeaders?: boolean;
  maxRedirects?: number;
  accept?: string;
};

/**
 * One keep-alive connection pool (the SSRF-safe dispatcher) for the whole crawl, plus a short-lived
 * cache of successful per-host pre-checks so a crawl does not resolve the host before every
 * request. The cache only skips the descriptive early check: the dispatcher still checks every
 * address on every new connection, against DNS answers cached per host for the crawl (failures
 * included, so a host that does not resolve is asked once, not once per URL).
 */
export class Fetcher {
  readonly dispatcher: Dispatcher;
  readonly lookup: CachedLookup;
  private readonly checked = new Map<string, number>();

  constructor(private readonly options: FetcherOptions) {
    this.lookup = createCachedLookup(options.lookup, { timeoutMs: options.dnsTimeoutMs });
    this.dispatcher = createSafeDispatcher(options.policy, {
      lookup: this.lookup,
      connections: options.connections,
      connectTimeoutMs: Math.min(options.timeoutMs, 10_000),
      headersTimeoutMs: options.timeoutMs,
      bodyTimeoutMs: options.timeoutMs,
    });
  }

  private readonly precheck = async (url: URL): Promise<void> => {
    const host = url.hostname;
    const until = this.checked.get(host);
    const now = Date.now();
    if (until !== undefined && until > now) return;
    await resolveTarget(parseUrlStrict(url), this.options.policy, this.lookup);
    this.checked.set(host, now + (this.options.precheckTtlMs ?? 60_000));
  };

  fetch(url: string | URL, opts: FetchOptions = {}): Promise<SafeResponse> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: opts.accept ?? '*/*' };
    if (opts.siteHeaders) Object.assign(headers, this.options.siteHeaders);
    return safeRequest(url, {
      method: opts.method,
      headers,
      timeoutMs: this.options.timeoutMs,
      maxBytes: opts.maxBytes,
      onTooLarge: opts.onTooLarge ?? 'truncate',
      policy: this.options.policy,
      maxRedirects: opts.maxRedirects ?? this.options.maxRedirects,
      redirect: opts.redirect,
      dispatcher: this.dispatcher,
      lookup: this.lookup,
      signal: opts.signal,
      shouldReadBody: opts.shouldReadBody,
      beforeRedirect: opts.beforeRedirect,
      precheck: this.precheck,
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }
}

/** What a failed request is reported as: the failure kind when it has one, else the error's message. */
export function crawlErrorCode(e: unknown): string {
  if (e instanceof SsrfError) return e.code === 'dns-failure' ? 'dns-failure' : 'ssrf-blocked';
  if (e instanceof RequestError) {
    if (e.code === 'timeout' || e.code === 'too-large' || e.code === 'redirect-loop' || e.code === 'too-many-redirects') return e.code;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The crawl's extra headers (names lower-cased) with its cookies appended to any cookie header. */
export function siteRequestHeaders(headers: Record<string, string> | undefined, cookies: Record<string, string> | string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  const cookie = cookieHeader(cookies);
  if (cookie !== null) out['cookie'] = out['cookie'] ? `${out['cookie']}; ${cookie}` : cookie;
  return out;
}

function cookieHeader(c: Record<string, string> | string | undefined): string | null {
  if (c === undefined) return null;
  if (typeof c === 'string') return c;
  const parts = Object.entries(c).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
