import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, IS_PUBLIC } from '../common/decorators/auth.decorators';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AccessTokens } from './access-tokens/access-tokens.service';

/**
 * Global: every route needs a signed-in user (JWT) or an API key unless marked @Public().
 * API keys come as `X-API-Key: sk_...` or `Authorization: Bearer sk_...`.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly accessTokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const client = { ip: req.ip, userAgent: req.get('user-agent') };
    const apiKey = extractApiKey(req);
    if (apiKey) {
      req.user = { ...(await this.apiKeys.authenticate(apiKey)), ...client };
      return true;
    }
    const token = extractBearer(req);
    if (!token) throw new UnauthorizedException('Sign in (Authorization: Bearer <token>) or send an API key (X-API-Key).');
    const claims = await this.accessTokens.authenticate(token);
    req.user = { userId: claims.sub, email: claims.email, role: claims.role, via: 'jwt', ...client };
    return true;
  }
}

function extractApiKey(req: Request): string | null {
  const header = req.get('x-api-key');
  if (header) return header.trim();
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer sk_')) return auth.slice('Bearer '.length).trim();
  return null;
}

function extractBearer(req: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match ? match[1]! : null;
}
