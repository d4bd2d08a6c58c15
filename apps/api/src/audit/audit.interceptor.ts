import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { concatMap, from, type Observable } from 'rxjs';
import { Actor, IS_PUBLIC } from '../common/decorators/auth.decorators';
import { AUDIT_AS, SKIP_AUDIT } from './audit.decorators';
import { AuditService } from './audit.service';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every successful state-changing request made by a signed-in user or an API key. Public
 * routes (sign-in, refresh, inbound provider webhooks) are not recorded: they have no actor, and
 * the auth service logs sign-ins itself. The entry is written before the response is sent, so a
 * client that sees success can rely on the trail holding it.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const targets = [context.getHandler(), context.getClass()];
    if (
      !STATE_CHANGING.has(req.method) ||
      !req.originalUrl.startsWith('/api/') ||
      !req.user ||
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ||
      this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT, targets)
    ) {
      return next.handle();
    }
    const override = this.reflector.getAllAndOverride<{ action: string; resourceType?: string } | undefined>(AUDIT_AS, targets);
    const resourceType = override?.resourceType ?? resourceTypeOf(context.getClass().name);
    const action = override?.action ?? `${resourceType}.${context.getHandler().name}`;
    const actor = req.user;
    // Looked up before the handler runs: after a DELETE the site (and so its team) is gone.
    const params0 = (req.params ?? {}) as Record<string, string>;
    const knownConnectionId = params0.connectionId ?? (resourceType === 'connection' ? params0.id : undefined);
    // The lookup must finish before the handler starts, or a fast DELETE can remove the site first.
    const teamBefore = knownConnectionId ? this.audit.teamOfConnection(knownConnectionId).catch(() => null) : Promise.resolve(null);
    return from(teamBefore).pipe(
      concatMap((teamIdBefore) => next.handle().pipe(
      concatMap(async (body: unknown) => {
        const res = context.switchToHttp().getResponse<Response>();
        const params = (req.params ?? {}) as Record<string, string>;
        const result = body instanceof StreamableFile || body === undefined ? null : body;
        const resultFields = result && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : {};
        const requestBody = (req.body ?? {}) as Record<string, unknown>;
        const resourceId = params.id ?? stringOrNull(resultFields.id) ?? lastParam(params);
        const connectionId =
          params.connectionId ??
          (resourceType === 'connection' ? resourceId : null) ??
          stringOrNull(resultFields.connectionId) ??
          stringOrNull(requestBody.connectionId);
        const teamId = teamIdBefore ?? undefined;
        await this.audit
          .record({
            actor,
            teamId,
            action,
            resourceType,
            resourceId,
            connectionId,
            after: req.method === 'DELETE' ? null : result,
            metadata: {
              method: req.method,
              route: `${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? req.path}`,
              path: req.originalUrl.split('?')[0],
              statusCode: res.statusCode,
              params,
              ...(Object.keys(requestBody).length > 0 ? { request: requestBody } : {}),
            },
          })
          .catch((error: unknown) => this.logger.error(`could not record ${action} by ${actor.userId}: ${(error as Error).message}`));
        return body;
      }),
      )),
    );
  }
}

/** `ApiKeysController` → `api-key`, `ConnectionsController` → `connection`. */
export function resourceTypeOf(controllerName: string): string {
  const kebab = controllerName
    .replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  if (kebab.length <= 3 || !kebab.endsWith('s') || kebab.endsWith('ss')) return kebab;
  // "fixes" → "fix", "boxes" → "box"; otherwise drop the plain "s".
  return /(x|ch|sh)es$/.test(kebab) ? kebab.slice(0, -2) : kebab.slice(0, -1);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function lastParam(params: Record<string, string>): string | null {
  const values = Object.values(params);
  return values.length > 0 ? values[values.length - 1]! : null;
}
