import { HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { randomToken, sha256 } from '../common/crypto/tokens';
import { ApiError } from '../common/filters/http-error.filter';
import { AuthService, type ClientInfo } from './auth.service';
import { CsrfTokensRepository } from './csrf-tokens.repository';
import type { AuthResponseDto, RefreshDto, RefreshTokenIn } from './dto/auth.dto';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { clearSessionCookies, CSRF_COOKIE, readCsrfHeader, readRefreshCookie, writeSessionCookies, type SessionCookieSettings } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The dashboard's session: the refresh token lives in an httpOnly cookie, and every request that the
 * cookie authenticates needs a CSRF token (a `CSRFToken` row of the same user) in X-CSRF-Token.
 * Integrators keep the JSON flow: `refreshTokenIn: 'body'` (the default) returns the refresh token and
 * sets no cookie, and a refresh token sent in the body needs no CSRF token (no browser sends it by itself).
 */
@Injectable()
export class BrowserSessionsService {
  constructor(
    private readonly auth: AuthService,
    private readonly csrfTokens: CsrfTokensRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly config: AppConfig,
  ) {}

  /** Hands a new session to the client: in the body, or (for the dashboard) in cookies. */
  async deliver(session: AuthResponseDto, mode: RefreshTokenIn | undefined, req: Request, res: Response): Promise<AuthResponseDto> {
    if (mode !== 'cookie' || !session.refreshToken) return session;
    const csrfToken = `csrf_${randomToken(32)}`;
    await this.csrfTokens.create({ userId: session.user.id, tokenHash: sha256(csrfToken), expiresAt: new Date(Date.now() + this.cookieSettings(req).maxAgeMs) });
    writeSessionCookies(res, { refreshToken: session.refreshToken, csrfToken }, this.cookieSettings(req));
    const { refreshToken: _inCookie, ...body } = session;
    return body;
  }

  /** Rotates the refresh token from the body (JSON flow) or from the cookie (CSRF checked by CsrfGuard). */
  async refresh(dto: RefreshDto, client: ClientInfo, req: Request, res: Response): Promise<AuthResponseDto> {
    if (dto.refreshToken) return this.auth.refresh(dto.refreshToken, client);
    const cookie = readRefreshCookie(req);
    if (!cookie) throw new UnauthorizedException('There is no session to refresh: sign in again (clients without cookies send { refreshToken }).');
    let session: AuthResponseDto;
    try {
      session = await this.auth.refresh(cookie, client);
    } catch (error) {
      // The session is over (expired, revoked or replayed): the browser need not keep its cookies.
      clearSessionCookies(res, this.cookieSettings(req));
      throw error;
    }
    // The CSRF token rotates with the refresh token.
    await this.csrfTokens.deleteByHash(sha256(readCsrfHeader(req) ?? ''));
    return this.deliver(session, 'cookie', req, res);
  }

  async signOut(dto: RefreshDto, req: Request, res: Response): Promise<void> {
    if (dto.refreshToken) return this.auth.signOut(dto.refreshToken);
    const cookie = readRefreshCookie(req);
    if (cookie) await this.auth.signOut(cookie);
    const csrf = readCsrfHeader(req);
    if (csrf) await this.csrfTokens.deleteByHash(sha256(csrf));
    clearSessionCookies(res, this.cookieSettings(req));
  }

  /**
   * Refuses a state-changing request the session cookie authenticates unless it carries a CSRF token of
   * the same user, and refuses cookie sessions (sign-in included) started from another origin.
   */
  async assertNotForged(req: Request): Promise<void> {
    if (SAFE_METHODS.has(req.method)) return;
    const cookie = readRefreshCookie(req);
    const wantsCookie = (req.body as { refreshTokenIn?: unknown } | undefined)?.refreshTokenIn === 'cookie';
    if (!cookie && !wantsCookie) return;
    if (!this.isSameOrigin(req)) {
      throw new ApiError(HttpStatus.FORBIDDEN, `Cookie sessions work only from ${this.config.appOrigin}; other origins use a bearer token or an API key.`, 'CSRF_ORIGIN_REFUSED');
    }
    // Signing in has no session yet: the origin check and SameSite=Strict are what stands against login CSRF.
    if (!cookie) return;
    const csrf = readCsrfHeader(req);
    if (!csrf) {
      throw new ApiError(HttpStatus.FORBIDDEN, `This request is authenticated by the session cookie and needs the X-CSRF-Token header (the value of the ${CSRF_COOKIE} cookie).`, 'CSRF_TOKEN_MISSING');
    }
    const owner = await this.refreshTokens.findByHash(sha256(cookie));
    if (!owner || !(await this.csrfTokens.isValid(sha256(csrf), owner.userId))) {
      throw new ApiError(HttpStatus.FORBIDDEN, `The X-CSRF-Token header does not match this session; reload the page (it reads the ${CSRF_COOKIE} cookie again) or sign in again.`, 'CSRF_TOKEN_INVALID');
    }
  }

  /** Browsers send Origin (and Sec-Fetch-Site) with every POST; a client that sends neither is not a browser. */
  private isSameOrigin(req: Request): boolean {
    if (req.get('sec-fetch-site') === 'cross-site') return false;
    const origin = req.get('origin');
    if (!origin) return true;
    return origin === this.config.appOrigin || origin === `${req.protocol}://${req.get('host') ?? ''}`;
  }

  private cookieSettings(req: Request): SessionCookieSettings {
    return { secure: this.config.servedOverHttps || req.secure, maxAgeMs: this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000 };
  }
}
