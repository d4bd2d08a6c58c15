import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@prisma/client';
import type Redis from 'ioredis';
import { withDeadline } from '../../common/deadline';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.token';
import { SessionsRepository } from './sessions.repository';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: Role;
  /** The user's session version when the token was issued. */
  sv: number;
  /** The refresh-token family (one sign-in) the token belongs to. */
  fam: string;
  iat: number;
  exp: number;
}

const SESSION_VERSION_CACHE_SECONDS = 3600;
/** A cache command that takes longer is given up: the database answers instead. */
const CACHE_DEADLINE_MS = 300;
/** How often a revocation that could not reach the cache retries deleting the stale entry. */
const FORGET_RETRY_MS = 2_000;
const EXPIRED = 'Your session has expired. Refresh the access token or sign in again.';
const LIVE = '1';
const REVOKED = '0';
const UNANSWERED = Symbol('cache did not answer');
/** Tokens whose signature was checked, remembered with their claims (a client reuses one for minutes). */
const VERIFIED_TOKENS_KEPT = 5_000;

/**
 * Issues and checks access tokens. A valid signature is not enough: the token's session version must
 * be the user's current one and its family must not be revoked, so a password change, "sign out
 * everywhere" and a revoked family end the token at once. Both answers come from one Redis MGET; a
 * miss is read from the database and cached with SET NX, so a concurrent revocation (a plain SET)
 * is never overwritten by an older read.
 */
@Injectable()
export class AccessTokens {
  private readonly logger = new Logger(AccessTokens.name);
  /**
   * A signature checks out or not forever, so it is checked once per token: an HMAC, two base64 decodes
   * and a JSON parse were a tenth of a cached list request's CPU. Expiry is still checked on every use,
   * and the session check below (version and family, from Redis) still runs on every request.
   */
  private readonly verified = new Map<string, Readonly<AccessTokenClaims>>();

  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async issue(user: { id: string; email: string; role: Role; sessionVersion: number }, familyId: string): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'iat' | 'exp'> = { sub: user.id, email: user.email, role: user.role, sv: user.sessionVersion, fam: familyId };
    // A jti of its own: two tokens issued within the same second (a reload's refresh right after
    // another) are still two tokens, told apart in logs and by clients that compare them.
    return this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, jwtid: randomUUID() });
  }

  /** The token's claims when it may be used now; 401 with a message otherwise. */
  async authenticate(token: string): Promise<AccessTokenClaims> {
    const claims = await this.verifiedClaims(token);
    const [version, familyLive] = await this.currentSession(claims.sub, claims.fam);
    if (version !== claims.sv || !familyLive) throw new UnauthorizedException('This session has ended (signed out or password changed). Sign in again.');
    return claims;
  }

  /** The claims of a token signed by us and not expired, whether or not its session still lives. */
  private async verifiedClaims(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's own rule: expired from the second of `exp` on.
      if (Math.floor(Date.now() / 1000) < known.exp) return known;
      this.verified.delete(token);
      throw new UnauthorizedException(EXPIRED);
    }
    let claims: Partial<AccessTokenClaims> & { nbf?: unknown };
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? EXPIRED : 'The access token is not valid. Sign in again.');
    }
    // A token without an expiry would never die; one without iat or a session was not issued by us.
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || typeof claims.sub !== 'string' || typeof claims.sv !== 'number' || typeof claims.fam !== 'string') {
      throw new UnauthorizedException('The access token is not valid. Sign in again.');
    }
    const valid = Object.freeze(claims as AccessTokenClaims);
    // Only expiry is re-checked on a later use, so a token with a not-before time is verified every time.
    if (claims.nbf === undefined) this.remember(token, valid);
    return valid;
  }

  private remember(token: string, claims: Readonly<AccessTokenClaims>): void {
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      // Map order is insertion order: the oldest token goes first.
      const oldest = this.verified.keys().next().value as string;
      this.verified.delete(oldest);
    }
    this.verified.set(token, claims);
  }

  /** Ends every session of the user at once (password change, "sign out everywhere"). */
  async endAllSessions(userId: string): Promise<void> {
    const version = await this.sessions.raiseSessionVersion(userId);
    const key = this.versionKey(userId);
    if ((await this.cache(() => this.redis.set(key, String(version), 'EX', SESSION_VERSION_CACHE_SECONDS), null)) !== 'OK') this.forgetLater(key);
  }

  /** Ends one sign-in (its refresh family) at once. The database already records it; this only refreshes the cache. */
  async endFamily(familyId: string): Promise<void> {
    const key = this.familyKey(familyId);
    if ((await this.cache(() => this.redis.set(key, REVOKED, 'EX', this.config.JWT_ACCESS_TTL_SECONDS + 60), null)) !== 'OK') this.forgetLater(key);
  }

  private async currentSession(userId: string, familyId: string): Promise<[number | null, boolean]> {
    // While Redis is away, ioredis would hold each command for seconds of reconnect attempts: ask the database.
    if (this.redis.status !== 'ready') return this.sessionFromDatabase(userId, familyId);
    const cached = await this.cache(() => this.redis.mget(this.versionKey(userId), this.familyKey(familyId)), UNANSWERED);
    // A cache that just failed to answer is not asked again within the same request: each further
    // command would wait out its own deadline (a hanging Redis cost three of them per request).
    if (cached === UNANSWERED) return this.sessionFromDatabase(userId, familyId);
    const [cachedVersion, cachedFamily] = cached;
    const version = cachedVersion !== null && cachedVersion !== undefined ? Number(cachedVersion) : await this.loadVersion(userId);
    const live = cachedFamily !== null && cachedFamily !== undefined ? cachedFamily === LIVE : await this.loadFamily(familyId);
    return [version, live];
  }

  private async sessionFromDatabase(userId: string, familyId: string): Promise<[number | null, boolean]> {
    return [await this.sessions.sessionVersionOf(userId), !(await this.sessions.isFamilyRevoked(familyId))];
  }

  private async loadVersion(userId: string): Promise<number | null> {
    const version = await this.sessions.sessionVersionOf(userId);
    if (version !== null) {
      await this.cache(() => this.redis.set(this.versionKey(userId), String(version), 'EX', SESSION_VERSION_CACHE_SECONDS, 'NX'), null);
    }
    return version;
  }

  private async loadFamily(familyId: string): Promise<boolean> {
    const live = !(await this.sessions.isFamilyRevoked(familyId));
    await this.cache(() => this.redis.set(this.familyKey(familyId), live ? LIVE : REVOKED, 'EX', this.config.JWT_ACCESS_TTL_SECONDS + 60, 'NX'), null);
    return live;
  }

  /**
   * A revocation the cache did not take (Redis down or hanging) would leave the old answer cached for
   * when Redis is back: the stale entry is deleted as soon as Redis answers again (deleting is always
   * safe, the next check reads the database).
   */
  private forgetLater(key: string): void {
    const timer = setTimeout(() => {
      void this.cache(() => this.redis.del(key), null).then((deleted) => {
        if (deleted === null) this.forgetLater(key);
      });
    }, FORGET_RETRY_MS);
    timer.unref();
  }

  /** Without Redis (or with a Redis that hangs) the database answers every check: slower, never wrong. */
  private async cache<T, F>(command: () => Promise<T>, fallback: F): Promise<T | F> {
    try {
      return await withDeadline(command(), CACHE_DEADLINE_MS);
    } catch (error) {
      this.logger.warn(`session cache unavailable: ${(error as Error).message}`);
      return fallback;
    }
  }

  private versionKey(userId: string): string {
    return `${this.config.QUEUE_PREFIX}:session:v:${userId}`;
  }

  private familyKey(familyId: string): string {
    return `${this.config.QUEUE_PREFIX}:session:fam:${familyId}`;
  }
}
