import { request, type Dispatcher } from 'undici';

export interface HttpRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Redirects to follow. Connectors pass 0 for writes: following a 301 turns a POST into a GET and
   * would silently drop the change.
   */
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  /** Names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** URL that answered, after any redirects. */
  url: string;
}

/**
 * The only way connectors reach the network, so that the SSRF-checked client can be swapped in
 * (and tests can count or fail requests) without touching connector code.
 */
export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** Thrown by transports when no HTTP response was obtained. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly url: string,
    /** True for refusals that will not change on retry (blocked address, invalid URL, too large). */
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(h)) {
    const v = h[k];
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Plain undici transport with no address checks. Only for destinations we chose ourselves (the
 * contract servers in tests); anything a customer typed goes through the SSRF-safe transport.
 */
export function createUndiciTransport(): HttpTransport {
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
      let url = req.url;
      let redirectsLeft = req.maxRedirects ?? 0;
      const signal = AbortSignal.timeout(timeoutMs);
      for (;;) {
        let res: Dispatcher.ResponseData;
        try {
          res = await request(url, {
            method: req.method.toUpperCase(),
            headers: req.headers,
            body: req.body,
            signal,
          });
        } catch (e) {
          throw new TransportError(`request to ${url} failed: ${(e as Error).message}`, url, false, { cause: e });
        }
        const headers = flatten(res.headers);
        if (res.statusCode >= 300 && res.statusCode < 400 && headers['location'] && redirectsLeft > 0) {
          await res.body.dump().catch(() => undefined);
          redirectsLeft--;
          url = new URL(headers['location'], url).href;
          continue;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        try {
          for await (const chunk of res.body) {
            const buf = chunk as Buffer;
            size += buf.length;
            if (size > maxBytes) {
              res.body.destroy();
              throw new TransportError(`response from ${url} is larger than ${maxBytes} bytes`, url, true);
            }
            chunks.push(buf);
          }
        } catch (e) {
          if (e instanceof TransportError) throw e;
          throw new TransportError(`reading the response from ${url} failed: ${(e as Error).message}`, url, false, { cause: e });
        }
        return { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), url };
      }
    },
  };
}
