import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Actor } from '../common/decorators/auth.decorators';
import { UsageService } from './usage.service';

/**
 * Global, the last guard (registered after authorization in AuthModule): every request authenticated
 * with an API key counts against the apiCalls meter and is refused with 402 once the month's allowance
 * is used; requests refused for authentication or scope do not count. A guard rather than an
 * interceptor: a global interceptor puts every route, reads included, through Nest's interceptor chain.
 */
@Injectable()
export class ApiCallMeterGuard implements CanActivate {
  constructor(private readonly usage: UsageService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() === 'http') {
      const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
      if (actor?.via === 'api-key') await this.usage.consume(actor.userId, 'apiCalls');
    }
    return true;
  }
}
