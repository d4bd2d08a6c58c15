import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from '@seology/contracts';
import type { Role } from '@prisma/client';

export const IS_PUBLIC = 'seology:public';
export const REQUIRED_ROLE = 'seology:role';
export const REQUIRED_SCOPE = 'seology:scope';

/** Skips authentication for this route. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only users with this platform role (e.g. ADMIN) may call the route. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The permission a route needs. API keys must carry the scope; signed-in users always have it on their own data. */
export const Permission = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

/** Who is calling: always derived from the credentials, never from the request body. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  via: 'jwt' | 'api-key';
  apiKeyId?: string;
  scopes?: string[];
  ip?: string;
  userAgent?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user: Actor }>();
  return req.user;
});
