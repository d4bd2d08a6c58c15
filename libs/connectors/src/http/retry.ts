import { backoffDelay, jitterRetryAfter, parseRetryAfter } from '@seology/net';
import { ConnectionError } from '../errors';
import type { PlatformName } from '../types';
import { TransportError, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  status: number | null;
  /** Set when the wait came from the server's Retry-After header. */
  retryAfterMs: number | null;
  error: string | null;
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller gets a RateLimitError at once. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: RetryInfo) => void;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: realSleep,
  random: Math.random,
};

export function retryOptions(partial?: Partial<RetryOptions>): RetryOptions {
  return { ...DEFAULT_RETRY, ...partial };
}

/** 429 and the 5xx that mean "try again later"; 501/505 will not get better. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

export interface RetriedResponse {
  response: HttpResponse;
  attempts: number;
}

/**
 * Sends `req`, retrying transient failures. Returns the last response even when it is still a
 * 429/5xx so the caller can turn it into its platform's typed error with the platform's message.
 */
export async function sendWithRetry(
  transport: HttpTransport,
  req: HttpRequest,
  opts: RetryOptions,
  platform: PlatformName,
): Promise<RetriedResponse> {
  for (let attempt = 0; ; attempt++) {
    let res: HttpResponse;
    try {
      res = await transport.request(req);
    } catch (e) {
      const permanent = e instanceof TransportError ? e.permanent : isPermanentNetError(e);
      if (permanent || attempt >= opts.maxRetries) {
        throw new ConnectionError(platform, describeNetError(req.url, e), { cause: e });
      }
      const delayMs = backoffDelay(attempt, opts);
      opts.onRetry?.({ attempt: attempt + 1, delayMs, status: null, retryAfterMs: null, error: (e as Error).message });
      await opts.sleep(delayMs);
      continue;
    }
    if (!isRetryableStatus(res.status) || attempt >= opts.maxRetries) return { response: res, attempts: attempt + 1 };
    const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
    if (retryAfterMs !== null && retryAfterMs > opts.maxRetryAfterMs) return { response: res, attempts: attempt + 1 };
    // The server's own hint wins over our guess; a little extra spreads out clients told the same instant.
    const delayMs =
      retryAfterMs !== null ? jitterRetryAfter(retryAfterMs, opts.random) : backoffDelay(attempt, opts);
    opts.onRetry?.({ attempt: attempt + 1, delayMs, status: res.status, retryAfterMs, error: null });
    await opts.sleep(delayMs);
  }
}

// SSRF refusals and malformed URLs come from the safe client as their own error classes; their
// names are checked rather than imported so this module does not depend on which client is used.
function isPermanentNetError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  const code = (e as { code?: string } | null)?.code;
  if (name === 'SsrfError') return true;
  if (name === 'RequestError') return code === 'too-large' || code === 'bad-redirect' || code === 'too-many-redirects' || code === 'redirect-loop';
  return e instanceof TypeError;
}

function describeNetError(url: string, e: unknown): string {
  const inner = e instanceof TransportError && e.cause !== undefined ? e.cause : e;
  const name = (inner as { name?: string } | null)?.name;
  const message = (inner as Error | null)?.message ?? String(inner);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw text; the message still says what failed
  }
  if (name === 'SsrfError') return `Refused to connect to ${host}: ${message}`;
  return `Could not reach ${host}: ${message}`;
}
