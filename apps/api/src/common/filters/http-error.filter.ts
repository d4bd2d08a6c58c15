import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { ApiErrorBody } from '@seology/contracts';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import { MalformedBodyError } from '../http/json-hazards';
import { acceptableRequestId } from '../logging/logging';

/** Thrown by services for errors that carry a machine-readable code and structured details. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly code?: string,
    readonly details?: unknown,
  ) {
    super(message, status);
  }
}

/** Turns every error into the one body shape of ApiErrorBody. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    // The id the request logger gave it (the caller's X-Request-Id when acceptable), so the body, the
    // X-Request-Id answer header and the log lines quote the same one.
    const requestId = typeof req.id === 'string' ? req.id : (acceptableRequestId(req.headers['x-request-id']) ?? randomUUID());
    const { status, message, code, details } = this.describe(exception);
    if (status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ msg: `${req.method} ${req.originalUrl} [${requestId}]`, err: exception });
    }
    const body: ApiErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      ...(code ? { code } : {}),
      ...(details !== undefined ? { details } : {}),
      path: req.originalUrl,
      timestamp: new Date().toISOString(),
      requestId,
    };
    if (res.headersSent) return;
    const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === HttpStatus.TOO_MANY_REQUESTS) res.setHeader('Retry-After', String(typeof retryAfter === 'number' ? Math.max(1, Math.ceil(retryAfter)) : 60));
    else if (status === HttpStatus.SERVICE_UNAVAILABLE && typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    res.status(status).json(body);
  }

  private describe(exception: unknown): { status: HttpStatus; message: string; code?: string; details?: unknown } {
    if (exception instanceof ApiError) {
      return { status: exception.getStatus(), message: exception.message, code: exception.code, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const raw = (response as { message?: unknown }).message;
        if (Array.isArray(raw)) {
          // class-validator messages: one sentence listing every problem, plus the list itself.
          const messages = raw.map(String);
          return { status, message: `Invalid request: ${messages.join('; ')}`, code: 'VALIDATION_FAILED', details: messages };
        }
        if (typeof raw === 'string') return { status, message: raw };
      }
      return { status, message: typeof response === 'string' ? response : exception.message };
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) {
      if (exception.code === 'P2002') {
        return { status: HttpStatus.CONFLICT, message: 'A record with these values already exists.', code: 'CONFLICT' };
      }
      if (exception.code === 'P2025') {
        return { status: HttpStatus.NOT_FOUND, message: 'The requested record was not found.', code: 'NOT_FOUND' };
      }
    }
    if (exception instanceof MalformedBodyError) {
      return { status: HttpStatus.BAD_REQUEST, message: exception.message, code: exception.code };
    }
    if (exception instanceof SyntaxError && 'body' in exception) {
      return { status: HttpStatus.BAD_REQUEST, message: 'The request body is not valid JSON.', code: 'INVALID_JSON' };
    }
    const status = (exception as { status?: unknown; statusCode?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors (payload too large, unsupported charset) carry their own 4xx status.
      return { status, message: (exception as Error).message };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Something went wrong on our side. Quote the requestId if you contact support.' };
  }
}
