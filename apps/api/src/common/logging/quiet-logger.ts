import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * The framework's start-up chatter (one line per module and per route, about 200 lines) says nothing an
 * operator acts on and scrolls the ready line away. This logger drops the informational lines of Nest's
 * own boot contexts and keeps everything else: warnings and errors from anywhere, and our own log lines.
 */
const FRAMEWORK_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_BOOT_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}

/** The logger for a process: quiet in tests (warnings and errors), otherwise our own lines without the framework's boot log. */
export function processLogger(): ConsoleLogger {
  const levels: LogLevel[] = process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'];
  return new QuietLogger({ logLevels: levels });
}
