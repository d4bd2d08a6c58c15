import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { BrowserSessionsService } from './browser-sessions.service';

/** Global, before authentication: a forged cookie-authenticated request is 403 whatever route it targets. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly sessions: BrowserSessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    await this.sessions.assertNotForged(context.switchToHttp().getRequest<Request>());
    return true;
  }
}
