import { createSafeDispatcher, RequestError, safeRequest, SsrfError, STRICT_POLICY, type SsrfPolicy } from '@seology/net';
import { TransportError, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';

/** Which non-public hosts a connector may reach; the net library's policy type. */
export type SsrfPolicyLike = SsrfPolicy;

// Retrying these cannot succeed: the same URL gets the same refusal.
const PERMANENT_REQUEST_ERRORS = new Set(['too-large', 'bad-redirect', 'too-many-redirects', 'redirect-loop']);

/**
 * Transport over the SSRF-safe client: every hop is resolved and checked against `policy` before
 * connecting, so a customer-supplied site URL (or a redirect from it) cannot reach internal
 * addresses. One dispatcher per transport keeps connections alive across a connector's calls.
 */
export function createSafeTransport(policy: SsrfPolicy = STRICT_POLICY): HttpTransport {
  let dispatcher: ReturnType<typeof createSafeDispatcher> | null = null;
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      dispatcher ??= createSafeDispatcher(policy, { connections: 4 });
      const maxRedirects = req.maxRedirects ?? 0;
      try {
        const res = await safeRequest(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          timeoutMs: req.timeoutMs,
          maxBytes: req.maxBytes,
          policy,
          dispatcher,
          maxRedirects,
          redirect: maxRedirects > 0 ? 'follow' : 'manual',
        });
        return { status: res.status, headers: res.headers, body: res.body.toString('utf8'), url: res.url };
      } catch (e) {
        if (e instanceof SsrfError) throw new TransportError(e.message, req.url, true, { cause: e });
        if (e instanceof RequestError) throw new TransportError(e.message, req.url, PERMANENT_REQUEST_ERRORS.has(e.code), { cause: e });
        throw new TransportError((e as Error)?.message ?? String(e), req.url, false, { cause: e });
      }
    },
  };
}

/** What connectors use when no transport is injected. */
export function createDefaultTransport(policy?: SsrfPolicy): HttpTransport {
  return createSafeTransport(policy ?? STRICT_POLICY);
}
