import { ConsoleLogger } from '@nestjs/common';

/**
 * The framework's start-up chatter (one line per module and per route, about 200 lines) says nothing an
 * operator acts on and scrolls the ready line away. This logger drops the informational lines of Nest's
 * own boot contexts and keeps everything else: warnings and errors from anywhere, and our own log lines.
 */
export const FRAMEWORK_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_BOOT_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}
