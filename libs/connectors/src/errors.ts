import type { PlatformName, SeoField } from './types';

export type ConnectorErrorCode =
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'rate-limit'
  | 'platform'
  | 'validation'
  | 'conflict'
  | 'unsupported'
  | 'connection'
  | 'invalid-input';

/**
 * Base of every error a connector throws on purpose. `message` is written for the person who
 * configured the site (the API shows it as is); `code` is for the code that decides what to do.
 */
export class ConnectorError extends Error {
  override name = 'ConnectorError';
  constructor(
    readonly code: ConnectorErrorCode,
    readonly platform: PlatformName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The platform did not accept the credentials (wrong, revoked, or stripped on the way). */
export class AuthError extends ConnectorError {
  override name = 'AuthError';
  constructor(
    platform: PlatformName,
    message: string,
    readonly status: number | null = null,
    readonly platformCode: string | null = null,
    code: 'auth' | 'permission' = 'auth',
  ) {
    super(code, platform, message);
  }
}

/** Credentials are valid but lack the right to do this (WordPress 403, Shopify ACCESS_DENIED). */
export class PermissionError extends AuthError {
  override name = 'PermissionError';
  constructor(platform: PlatformName, message: string, status: number | null = null, platformCode: string | null = null) {
    super(platform, message, status, platformCode, 'permission');
  }
}

export class NotFoundError extends ConnectorError {
  override name = 'NotFoundError';
  constructor(
    platform: PlatformName,
    message: string,
    readonly status: number | null = 404,
    readonly platformCode: string | null = null,
  ) {
    super('not-found', platform, message);
  }
}

/** Still rate limited after the allowed retries (or asked to wait longer than we are willing to). */
export class RateLimitError extends ConnectorError {
  override name = 'RateLimitError';
  constructor(
    platform: PlatformName,
    message: string,
    readonly retryAfterMs: number | null,
    readonly attempts: number,
  ) {
    super('rate-limit', platform, message);
  }
}

/** Anything else the platform answered with: 5xx after retries, unexpected status, malformed body. */
export class PlatformError extends ConnectorError {
  override name = 'PlatformError';
  constructor(
    platform: PlatformName,
    message: string,
    readonly status: number | null,
    readonly platformCode: string | null = null,
    readonly platformMessage: string | null = null,
    code: ConnectorErrorCode = 'platform',
  ) {
    super(code, platform, message);
  }
}

export interface FieldError {
  /** Path of the offending input as the platform reports it, e.g. ["seo", "title"]; null when global. */
  field: string[] | null;
  message: string;
  code?: string | null;
}

/** The platform refused the value itself (Shopify userErrors, WordPress rest_invalid_param). */
export class ValidationError extends PlatformError {
  override name = 'ValidationError';
  /** First offending field, dotted (e.g. "seo.title"), for a one-line message. */
  readonly field: string | null;
  constructor(
    platform: PlatformName,
    message: string,
    readonly fieldErrors: FieldError[],
    status: number | null = null,
    platformCode: string | null = null,
  ) {
    super(platform, message, status, platformCode, fieldErrors[0]?.message ?? message, 'validation');
    this.field = fieldErrors[0]?.field?.join('.') ?? null;
  }
}

/** The live value is no longer what we wrote: someone else changed it since, so a revert would clobber their edit. */
export class ConflictError extends ConnectorError {
  override name = 'ConflictError';
  constructor(
    platform: PlatformName,
    readonly field: SeoField,
    readonly expected: string | null,
    readonly actual: string | null,
    readonly target?: string,
  ) {
    super(
      'conflict',
      platform,
      `The ${field}${target ? ` (${target})` : ''} was changed on the platform after Seology wrote it ` +
        `(expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}); not reverting without force.`,
    );
  }
}

/** This platform (or this kind of resource on it) has no way to set the field. */
export class UnsupportedChangeError extends ConnectorError {
  override name = 'UnsupportedChangeError';
  constructor(
    platform: PlatformName,
    readonly field: SeoField,
    readonly kind: string,
    reason: string,
  ) {
    super('unsupported', platform, reason);
  }
}

/** The request never got an HTTP answer: DNS, refused connection, timeout, blocked by the SSRF policy. */
export class ConnectionError extends ConnectorError {
  override name = 'ConnectionError';
  constructor(platform: PlatformName, message: string, options?: { cause?: unknown }) {
    super('connection', platform, message, options);
  }
}

/** The caller passed something unusable (malformed cursor, ref of another platform, bad target). */
export class InvalidInputError extends ConnectorError {
  override name = 'InvalidInputError';
  constructor(platform: PlatformName, message: string) {
    super('invalid-input', platform, message);
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
