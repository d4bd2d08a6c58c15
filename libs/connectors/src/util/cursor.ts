import { InvalidInputError } from '../errors';
import type { PlatformName } from '../types';

/** Cursors are opaque to callers; base64url JSON keeps them URL-safe and debuggable. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(
  platform: PlatformName,
  cursor: string,
  check: (v: Record<string, unknown>) => v is T,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError(platform, 'The listing cursor is malformed; start the listing again without a cursor.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !check(parsed as Record<string, unknown>)) {
    throw new InvalidInputError(platform, 'The listing cursor does not belong to this connector; start the listing again without a cursor.');
  }
  return parsed as T;
}
