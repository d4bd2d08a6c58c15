import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { Actor, IS_PUBLIC } from '../common/decorators/auth.decorators';
import { ApiKeysService } from '../api-keys/api-keys.service';

/**
 * Global: every route needs a signed-in user (JWT) or an API key unless marked @Public().
 * API keys come as `X-API-Key: sk_...` or `Authorization: Bearer sk_...`.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const apiKey = extractApiKey(req);
    if (apiKey) {
      req.user = { ...(await this.apiKeys.authenticate(apiKey)), ip: req.ip, userAgent: req.get('user-agent') };
      return true;
    }
    await (super.canActivate(context) as Promise<boolean>);
    if (req.user) Object.assign(req.user, { ip: req.ip, userAgent: req.get('user-agent') });
    return true;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err || !user) {
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      throw new UnauthorizedException(
        expired ? 'Your session has expired. Refresh the access token or sign in again.' : 'Sign in (Authorization: Bearer <token>) or send an API key (X-API-Key).',
      );
    }
    return user;
  }
}

function extractApiKey(req: Request): string | null {
  const header = req.get('x-api-key');
  if (header) return header.trim();
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer sk_')) return auth.slice('Bearer '.length).trim();
  return null;
}
