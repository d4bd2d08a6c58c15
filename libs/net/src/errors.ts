import type { AddressClass } from './classify';

export type SsrfErrorCode =
  | 'invalid-url'
  | 'unsupported-protocol'
  | 'credentials-in-url'
  | 'invalid-host'
  | 'blocked-address'
  | 'dns-failure';

/** A URL or address the policy refuses to reach. Never retried: the same input gives the same answer. */
export class SsrfError extends Error {
  override readonly name = 'SsrfError';
  /** Redirect hops followed before the refused one, when the refusal happened mid-chain. */
  redirects: RedirectHop[] = [];
  constructor(
    readonly code: SsrfErrorCode,
    message: string,
    readonly details: { host?: string; address?: string; addressClass?: AddressClass } = {},
  ) {
    super(message);
  }
}

export type RequestErrorCode =
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'bad-redirect'
  | 'aborted'
  | 'decode'
  | 'network';

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** A transport-level failure of `safeRequest`, carrying the redirect hops already followed. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly url: string,
    readonly redirects: RedirectHop[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSsrfError(e: unknown): e is SsrfError {
  return e instanceof SsrfError;
}
