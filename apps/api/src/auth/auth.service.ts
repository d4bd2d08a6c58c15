import { HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { User } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { DUMMY_PASSWORD_HASH, hashPassword, randomToken, sha256, verifyPassword } from '../common/crypto/tokens';
import { ApiError } from '../common/filters/http-error.filter';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { AuthResponseDto, ChangePasswordDto, SignInDto, SignUpDto, UpdateOnboardingDto, UpdateProfileDto, UserDto } from './dto/auth.dto';
import { AccessTokens } from './access-tokens/access-tokens.service';
import { CsrfTokensRepository } from './csrf-tokens.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SignInThrottle } from './sign-in-throttle.service';
import { UsersRepository } from './users.repository';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly csrfTokens: CsrfTokensRepository,
    private readonly accessTokens: AccessTokens,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiterService,
    private readonly signInThrottle: SignInThrottle,
  ) {}

  async signUp(dto: SignUpDto, client: ClientInfo): Promise<AuthResponseDto> {
    await this.rateLimiter.consume(`signup:${client.ip ?? 'unknown'}`, this.config.AUTH_RATE_LIMIT_PER_15_MIN, 900);
    if (await this.users.findByEmail(dto.email)) {
      throw new ApiError(HttpStatus.CONFLICT, 'An account with this email already exists. Sign in instead.', 'EMAIL_TAKEN');
    }
    const user = await this.users.create({ email: dto.email, passwordHash: await hashPassword(dto.password), name: dto.name });
    await this.signInThrottle.recordSuccess(user.email, client.ip ?? 'unknown');
    return this.issueTokens(user, randomUUID(), client);
  }

  async signIn(dto: SignInDto, client: ClientInfo): Promise<AuthResponseDto> {
    const ip = client.ip ?? 'unknown';
    await this.signInThrottle.assertAllowed(dto.email, ip);
    const user = await this.users.findByEmail(dto.email);
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !user.passwordHash || !valid) {
      await this.signInThrottle.recordFailure(dto.email, ip);
      throw new UnauthorizedException('Email or password is incorrect.');
    }
    await this.signInThrottle.recordSuccess(dto.email, ip);
    await this.users.recordLogin(user.id);
    return this.issueTokens(user, randomUUID(), client);
  }

  /**
   * Rotates the refresh token. Presenting a token that was already used means it leaked (or was
   * replayed): the whole family is revoked, so the thief's copy dies together with the victim's session.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<AuthResponseDto> {
    const stored = await this.refreshTokens.findByHash(sha256(refreshToken));
    if (!stored) throw new UnauthorizedException('This refresh token is not valid. Sign in again.');
    if (stored.revokedAt) {
      await this.endFamily(stored.familyId);
      throw new UnauthorizedException('This refresh token was already used or revoked; the session has been ended. Sign in again.');
    }
    if (stored.expiresAt <= new Date()) throw new UnauthorizedException('This refresh token has expired. Sign in again.');
    const user = await this.users.findById(stored.userId);
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    const nextId = randomUUID();
    if (!(await this.refreshTokens.claim(stored.id, nextId))) {
      await this.endFamily(stored.familyId);
      throw new UnauthorizedException('This refresh token was already used; the session has been ended. Sign in again.');
    }
    return this.issueTokens(user, stored.familyId, client, nextId);
  }

  async signOut(refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findByHash(sha256(refreshToken));
    if (stored) await this.endFamily(stored.familyId);
  }

  /** Revokes the refresh family and, at once, every access token issued to it. */
  private async endFamily(familyId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(familyId);
    await this.accessTokens.endFamily(familyId);
  }

  async revokeAllSessions(userId: string): Promise<{ revoked: number }> {
    await this.csrfTokens.deleteAllOfUser(userId);
    const revoked = await this.refreshTokens.revokeAllOfUser(userId);
    await this.accessTokens.endAllSessions(userId);
    return { revoked };
  }

  async me(userId: string): Promise<UserDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    return toUserDto(user);
  }

  async saveOnboarding(userId: string, dto: UpdateOnboardingDto): Promise<UserDto> {
    const user = await this.users.saveOnboarding(userId, { onboardingStep: dto.step, ...(dto.completed === undefined ? {} : { onboardingCompleted: dto.completed }) });
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    return toUserDto(user);
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<UserDto> {
    const name = dto.name.trim();
    const user = await this.users.update(userId, { name: name === '' ? null : name });
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    return toUserDto(user);
  }

  /**
   * A new password ends every session, this one included: whoever knew the old password may hold
   * one. Guessing the current password here is limited per account, like signing in.
   */
  async changePassword(userId: string, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException('This account no longer exists.');
    await this.rateLimiter.consume(`password:${userId}`, this.config.AUTH_RATE_LIMIT_PER_15_MIN, 900);
    if (!user.passwordHash || !(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'currentPassword is not the password of this account', 'VALIDATION_FAILED', ['currentPassword is not the password of this account']);
    }
    if (dto.currentPassword === dto.newPassword) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'newPassword must differ from the current password', 'VALIDATION_FAILED', ['newPassword must differ from the current password']);
    }
    await this.users.update(userId, { passwordHash: await hashPassword(dto.newPassword) });
    await this.refreshTokens.revokeAllOfUser(userId);
    await this.csrfTokens.deleteAllOfUser(userId);
    await this.accessTokens.endAllSessions(userId);
  }

  private async issueTokens(user: User, familyId: string, client: ClientInfo, id?: string): Promise<AuthResponseDto> {
    const refreshToken = `rt_${randomToken(32)}`;
    await this.refreshTokens.create({
      ...(id ? { id } : {}),
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      userAgent: client.userAgent?.slice(0, 500),
      ipAddress: client.ip,
    });
    const accessToken = await this.accessTokens.issue(user, familyId);
    return { user: toUserDto(user), accessToken, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, refreshToken };
  }
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    plan: user.plan,
    onboardingCompleted: user.onboardingCompleted,
    onboardingStep: user.onboardingStep,
    createdAt: user.createdAt,
  };
}
