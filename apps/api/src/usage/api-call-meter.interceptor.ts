import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Actor } from '../common/decorators/auth.decorators';
import { UsageService } from './usage.service';

/**
 * Global: every request authenticated with an API key counts against the apiCalls meter and is
 * refused with 402 once the month's allowance is used. Runs after the guards, so requests refused
 * for authentication or scope do not count.
 */
@Injectable()
export class ApiCallMeterInterceptor implements NestInterceptor {
  constructor(private readonly usage: UsageService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
      if (actor?.via === 'api-key') await this.usage.consume(actor.userId, 'apiCalls');
    }
    return next.handle();
  }
}
