import type { Dispatcher } from 'undici';
import { undici } from './undici-lazy';
import { ACCEPT_ENCODING, readBodyCapped } from './body';
import { createSafeDispatcher } from './dispatcher';
import { RequestError, SsrfError, type RedirectHop } from './errors';
import { parseUrlStrict } from './host';
import { STRICT_POLICY, type SsrfPolicy } from './policy';
import { resolveTarget, type LookupFn } from './resolve';

export interface SafeRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Uint8Array | null;
  /** Budget for the whole exchange, every redirect hop and the body included. Default 30 s. */
  timeoutMs?: number;
  /** Cap on the decoded body. Default 10 MiB. */
  maxBytes?: number;
  /** What to do when the body exceeds maxBytes: throw RequestError('too-large') (default) or return the first maxBytes with truncated=true. */
  onTooLarge?: 'error' | 'truncate';
  /** Which non-public destinations are allowed. Default: none. */
  policy?: SsrfPolicy;
  /** Redirects followed before giving up with 'too-many-redirects'. Default 5. */
  maxRedirects?: number;
  /** 'manual' returns the 3xx response itself. Default 'follow'. */
  redirect?: 'follow' | 'manual';
  /** Reuse a dispatcher from createSafeDispatcher (recommended for repeated calls); one is created per call otherwise. */
  dispatcher?: Dispatcher;
  /** DNS used for the per-hop check (and for the per-call dispatcher when none is given). */
  lookup?: LookupFn;
  signal?: AbortSignal;
  /** Ask for and decode gzip/deflate/br. Default true. */
  decompress?: boolean;
  /** Return false to skip reading the body (e.g. non-HTML content); body is then empty. */
  shouldReadBody?: (status: number, headers: Record<string, string>) => boolean;
  /** Called before each redirect hop is followed; return false to stop and return the 3xx response. Throw to abort. */
  beforeRedirect?: (next: URL, hop: RedirectHop) => boolean | void | Promise<boolean | void>;
  /**
   * Replaces the descriptive pre-connect check done for each hop (default: resolve and check with the
   * policy). The dispatcher enforces the policy at connect time regardless; callers with their own
   * cached check use this to avoid a DNS lookup per request.
   */
  precheck?: (url: URL) => Promise<void>;
}

export interface SafeResponse {
  status: number;
  /** Response headers, names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** Every redirect followed, in order. */
  redirects: RedirectHop[];
  /** Final URL after redirects. */
  url: string;
  truncated: boolean;
  /** Decoded bytes read. */
  bytes: number;
  /** From sending the final request to receiving its headers. */
  ttfbMs: number;
  /** Whole exchange, redirects included. */
  totalMs: number;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const CROSS_ORIGIN_STRIP = ['authorization', 'cookie', 'proxy-authorization'];

export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * An HTTP request to a user-supplied URL that cannot be steered into the internal network:
 * every hop is validated and resolved against the policy, redirects are followed by hand (so each
 * new location is checked before anything connects to it), the connection is made only to a
 * checked address, the whole exchange has a deadline and the body is read with a hard cap.
 */
export async function safeRequest(url: string | URL, options: SafeRequestOptions = {}): Promise<SafeResponse> {
  const policy = options.policy ?? STRICT_POLICY;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const decompress = options.decompress ?? true;
  const ownDispatcher = options.dispatcher ? null : createSafeDispatcher(policy, { lookup: options.lookup, connections: 2 });
  const dispatcher = options.dispatcher ?? (ownDispatcher as Dispatcher);
  const precheck =
    options.precheck ??
    (async (u: URL) => {
      await resolveTarget(parseUrlStrict(u), policy, options.lookup);
    });

  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new RequestError('timeout', `no complete response within ${timeoutMs} ms`, String(url)));
  }, timeoutMs);
  const onUserAbort = () => controller.abort(options.signal?.reason);
  if (options.signal) {
    if (options.signal.aborted) controller.abort(options.signal.reason);
    else options.signal.addEventListener('abort', onUserAbort, { once: true });
  }

  const redirects: RedirectHop[] = [];
  const seen = new Set<string>();
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body ?? null;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  if (decompress && headers['accept-encoding'] === undefined) headers['accept-encoding'] = ACCEPT_ENCODING;

  let current: URL;
  try {
    current = parseUrlStrict(url).url;
  } catch (e) {
    clearTimeout(timer);
    await ownDispatcher?.close();
    throw e;
  }

  try {
    for (;;) {
      seen.add(current.href);
      await precheck(current);
      const hopStart = performance.now();
      const res = await undici().request(current, {
        method,
        headers,
        body,
        dispatcher,
        signal: controller.signal,
      });
      const ttfbMs = performance.now() - hopStart;
      const resHeaders = flattenHeaders(res.headers);
      const location = resHeaders['location'];

      if (REDIRECT.has(res.statusCode) && location !== undefined && (options.redirect ?? 'follow') === 'follow') {
        await res.body.dump().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new RequestError('bad-redirect', `redirect from ${current.href} to an invalid location ${JSON.stringify(location)}`, current.href, redirects);
        }
        next.hash = '';
        const hop: RedirectHop = { url: current.href, status: res.statusCode, location: next.href };
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          redirects.push(hop);
          throw new SsrfError('unsupported-protocol', `redirect from ${current.href} to a ${next.protocol} URL; refused`);
        }
        if (seen.has(next.href)) {
          redirects.push(hop);
          throw new RequestError('redirect-loop', `redirect loop: ${next.href} was already visited in this chain`, current.href, redirects);
        }
        if (redirects.length >= maxRedirects) {
          redirects.push(hop);
          throw new RequestError('too-many-redirects', `more than ${maxRedirects} redirects`, current.href, redirects);
        }
        const proceed = options.beforeRedirect ? await options.beforeRedirect(next, hop) : true;
        if (proceed !== false) {
          redirects.push(hop);
          if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
            method = method === 'HEAD' ? 'HEAD' : 'GET';
            body = null;
            delete headers['content-type'];
            delete headers['content-length'];
          }
          if (next.origin !== current.origin) for (const h of CROSS_ORIGIN_STRIP) delete headers[h];
          current = next;
          continue;
        }
      }

      const read = method !== 'HEAD' && (options.shouldReadBody ? options.shouldReadBody(res.statusCode, resHeaders) : true);
      let out: { body: Buffer; bytes: number; truncated: boolean } = { body: Buffer.alloc(0), bytes: 0, truncated: false };
      if (read) {
        try {
          out = await readBodyCapped(res.body, decompress ? resHeaders['content-encoding'] : undefined, maxBytes);
        } catch (e) {
          if (controller.signal.aborted) throw e;
          throw new RequestError('decode', `could not read the response body: ${(e as Error).message}`, current.href, redirects, { cause: e });
        }
        if (out.truncated && (options.onTooLarge ?? 'error') === 'error') {
          throw new RequestError('too-large', `response body larger than ${maxBytes} bytes`, current.href, redirects);
        }
      } else {
        // dump() drains a small remainder (keeping the socket reusable) or closes it, without
        // raising the abort error a bare destroy() would emit.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      }
      return {
        status: res.statusCode,
        headers: resHeaders,
        body: out.body,
        redirects,
        url: current.href,
        truncated: out.truncated,
        bytes: out.bytes,
        ttfbMs,
        totalMs: performance.now() - started,
      };
    }
  } catch (e) {
    if (e instanceof SsrfError) {
      e.redirects = redirects;
      throw e;
    }
    if ((e as Error).cause instanceof SsrfError) {
      const inner = (e as Error).cause as SsrfError;
      inner.redirects = redirects;
      throw inner;
    }
    if (e instanceof RequestError && e.code !== 'timeout') throw e;
    if (timedOut) throw new RequestError('timeout', `no complete response within ${timeoutMs} ms`, current.href, redirects);
    if (controller.signal.aborted) throw new RequestError('aborted', 'request aborted', current.href, redirects, { cause: e });
    const cause = e as Error & { code?: string };
    throw new RequestError('network', `${cause.code ? `${cause.code}: ` : ''}${cause.message}`, current.href, redirects, { cause: e });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
    if (ownDispatcher) void ownDispatcher.close().catch(() => undefined);
  }
}
