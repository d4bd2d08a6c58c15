import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger, type Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Logger as Pino } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { FRAMEWORK_BOOT_CONTEXTS } from './quiet-logger';

/**
 * Structured logs: one JSON object per line (LOG_FORMAT=json, the default in production) or one
 * readable line (pretty, the default elsewhere; formatted here, without pino-pretty). Every line of a
 * request carries its requestId, every line of a job its jobId, type and connectionId (see
 * withLogContext), errors keep their stack under `err`, and secrets never reach the output.
 */

export type Service = 'api' | 'worker';

/** Paths pino replaces with "[redacted]" wherever a log call passes them (headers are not logged at all, see serializers). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...['password', 'token', 'accessToken', 'refreshToken', 'apiKey', 'secret', 'authorization', 'cookie'].flatMap((key) => [key, `*.${key}`]),
];

/** Query parameters whose values are credentials or one-time codes (sign-in links, OAuth callbacks, SSE tokens). */
const SECRET_QUERY_PARAMETER = /token|key|secret|password|code|state|signature|sig$/i;

/** A request id a client may choose: short and printable, so it cannot forge log lines or bloat them. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,64}$/;

/** The caller's X-Request-Id when it is acceptable, else null (a new id is generated). */
export function acceptableRequestId(header: unknown): string | null {
  const value = Array.isArray(header) ? (header as unknown[])[0] : header;
  return typeof value === 'string' && CLIENT_REQUEST_ID.test(value) ? value : null;
}

/** The URL as logged: path as is, values of credential-like query parameters replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY_PARAMETER.test(key)) params.set(key, 'redacted');
  return `${url.slice(0, q)}?${params.toString()}`;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One readable line per record (context, message, then the other fields), the stack below it. */
export function prettyLine(record: Record<string, unknown>): string {
  const { level, time, msg, context, err, pid: _pid, service: _service, ...rest } = record;
  const stamp = typeof time === 'string' ? time.slice(11, 23) : new Date().toISOString().slice(11, 23);
  const levelName = (typeof level === 'number' ? LEVEL_NAMES[level] : undefined) ?? String(level);
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const stack = err && typeof err === 'object' && 'stack' in err && typeof err.stack === 'string' ? `\n${err.stack}` : '';
  const head = `${stamp} ${levelName.padEnd(5)} ${typeof context === 'string' ? `[${context}] ` : ''}${typeof msg === 'string' ? msg : ''}`;
  return `${head}${fields ? ` ${fields}` : ''}${stack}\n`;
}

/** Writes pino's JSON lines to `out`, one JSON object per line or reformatted as prettyLine. */
export function logDestination(format: 'json' | 'pretty', out: NodeJS.WritableStream = process.stdout): DestinationStream {
  if (format === 'json') return { write: (line: string) => void out.write(line) };
  return {
    write(line: string) {
      try {
        out.write(prettyLine(JSON.parse(line) as Record<string, unknown>));
      } catch {
        out.write(line);
      }
    },
  };
}

export function createRootLogger(options: { level: string; format: 'json' | 'pretty'; service: Service; destination?: DestinationStream }): Pino {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
    },
    options.destination ?? logDestination(options.format),
  );
}

/** Nest's logger on top of nestjs-pino, without the framework's boot chatter (one line per module and route). */
export class AppLogger implements LoggerService {
  constructor(private readonly inner: NestPinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_BOOT_CONTEXTS.has(context)) return;
    this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal(message, ...rest);
  }
}

interface Logging {
  root: Pino;
  nest: AppLogger;
  context: PinoLogger;
  format: AppConfig['logFormat'];
}

let installed: Logging | null = null;

/**
 * The process's logging, set up once (the first call's settings win: nestjs-pino keeps one root logger
 * per process). The API's default level is warn under NODE_ENV=test, so test output stays readable;
 * the worker logs its start and shutdown lines at info, which the process managers wait for.
 */
export function installLogging(config: AppConfig, service: Service): Logging {
  if (installed) return installed;
  const level = config.LOG_LEVEL ?? (service === 'api' && config.NODE_ENV === 'test' ? 'warn' : 'info');
  const root = createRootLogger({ level, format: config.logFormat, service });
  const params: Params = { pinoHttp: { logger: root } };
  const context = new PinoLogger(params);
  installed = { root, nest: new AppLogger(new NestPinoLogger(new PinoLogger(params), params)), context, format: config.logFormat };
  return installed;
}

/**
 * Runs `fn` with `bindings` on every log line written inside it, across awaits (AsyncLocalStorage):
 * the worker's job context. Without installed logging (unit tests) it just runs `fn`.
 */
export function withLogContext<T>(bindings: Record<string, unknown>, fn: () => T): T {
  return installed ? installed.context.runInContext(fn, { bindings, inherit: true }) : fn();
}

type Req = IncomingMessage & { id?: unknown; originalUrl?: string; route?: { path?: unknown } };
type Middleware = (req: Req, res: ServerResponse, next: () => void) => void;
type Level = 'error' | 'warn' | 'info' | 'debug';

/** Paths with no line per request: probes and the scraper call them every few seconds. */
const UNLOGGED_PATH = /^\/(api\/health(\/|$)|metrics$)/;

/**
 * Request ids (honoured from X-Request-Id or generated, echoed in the answer) and one line per finished
 * request: `requestId`, `req` (method, URL as loggableUrl, remote address), `res` (status code, null
 * when the connection closed before an answer), `responseTime` (ms), `route`, and `err` for a failure.
 * Written straight to the root logger: pino-http built two child loggers and serialised the whole
 * request (headers, query, params) for every request, to keep three fields, a tenth of a list request.
 */
export function httpLogger(logging: Logging, routeOf: (req: Req) => string): Middleware {
  const root = logging.root;
  // One line per request is for operators (JSON); on a developer's console (`npm start`) only the
  // refused and failed ones show, so the start-up stays quiet while the dashboard polls.
  const levelOf = (res: ServerResponse, error: unknown): Level =>
    error || res.statusCode >= 500 ? 'error' : logging.format === 'json' ? 'info' : res.statusCode >= 400 ? 'warn' : 'debug';
  return (req, res, next) => {
    if (!req.id) {
      req.id = acceptableRequestId(req.headers['x-request-id']) ?? randomUUID();
      res.setHeader('X-Request-Id', req.id);
    }
    const requestId = req.id;
    const logged = !UNLOGGED_PATH.test(req.url ?? '');
    const started = Date.now();
    const request = { method: req.method, url: loggableUrl(req.originalUrl ?? req.url ?? ''), remoteAddress: req.socket?.remoteAddress };
    const finished = (error?: Error): void => {
      res.removeListener('close', finished);
      res.removeListener('finish', finished);
      res.removeListener('error', finished);
      const level = levelOf(res, error);
      if (!root.isLevelEnabled(level)) return;
      const line = { requestId, req: request, res: { statusCode: res.headersSent ? res.statusCode : null }, responseTime: Date.now() - started };
      const message = `${req.method ?? ''} ${routeOf(req)} ${res.statusCode}`;
      // For a 5xx answer without a thrown error no error is made up: the real one is logged with its
      // stack where it was caught (HttpErrorFilter).
      root[level](error ? { ...line, err: error, route: routeOf(req) } : { ...line, route: routeOf(req) }, message);
    };
    if (logged) {
      res.on('close', finished);
      res.on('finish', finished);
    }
    res.on('error', finished);
    next();
  };
}
