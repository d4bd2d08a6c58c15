import type { CookieOptions, Request, Response } from 'express';

/**
 * The browser session's cookies. The refresh token is httpOnly (no script can read it) and sent only
 * to the two routes that use it: a cookie has one Path, so it is set twice under the same name. The
 * CSRF token is readable by the dashboard's own scripts, which echo it in the X-CSRF-Token header; a
 * page of another site can neither read it nor set that header.
 */
export const REFRESH_COOKIE = 'seology_refresh';
export const CSRF_COOKIE = 'seology_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const REFRESH_COOKIE_PATHS = ['/api/auth/refresh', '/api/auth/signout'] as const;

export interface SessionCookieSettings {
  secure: boolean;
  maxAgeMs: number;
}

function options(settings: SessionCookieSettings, path: string, httpOnly: boolean): CookieOptions {
  return { httpOnly, secure: settings.secure, sameSite: 'strict', path, maxAge: settings.maxAgeMs };
}

export function writeSessionCookies(res: Response, tokens: { refreshToken: string; csrfToken: string }, settings: SessionCookieSettings): void {
  for (const path of REFRESH_COOKIE_PATHS) res.cookie(REFRESH_COOKIE, tokens.refreshToken, options(settings, path, true));
  res.cookie(CSRF_COOKIE, tokens.csrfToken, options(settings, '/', false));
}

export function clearSessionCookies(res: Response, settings: SessionCookieSettings): void {
  const { maxAge: _maxAge, ...rest } = options(settings, '/', false);
  for (const path of REFRESH_COOKIE_PATHS) res.clearCookie(REFRESH_COOKIE, { ...rest, httpOnly: true, path });
  res.clearCookie(CSRF_COOKIE, rest);
}

export function readRefreshCookie(req: Request): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readCsrfHeader(req: Request): string | undefined {
  const value = req.get(CSRF_HEADER)?.trim();
  return value ? value : undefined;
}
