import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@prisma/client';
import { Actor, IS_PUBLIC, REQUIRED_ROLE, REQUIRED_SCOPE } from '../common/decorators/auth.decorators';

/** Global, after authentication: platform role (@RequireRole) and API-key scope (@Permission). */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (role && actor.role !== role) {
      throw new ForbiddenException(`This action needs the ${role} role.`);
    }
    const scope = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, targets);
    if (actor.via === 'api-key') {
      if (!scope) throw new ForbiddenException('API keys cannot call this endpoint; sign in instead.');
      if (!actor.scopes?.includes(scope)) throw new ForbiddenException(`This API key lacks the "${scope}" scope.`);
    }
    return true;
  }
}
