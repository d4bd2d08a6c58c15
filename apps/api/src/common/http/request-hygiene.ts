import type { INestApplication } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../filters/http-error.filter';
import { findJsonHazard, hasControlCharacters, MalformedBodyError } from './json-hazards';

/**
 * Refuses, before routing, a URL whose path or query is not valid percent-encoded UTF-8 or holds a
 * control character: a NUL in an id would otherwise reach Postgres ("invalid byte sequence") as a 500.
 */
function refuseMalformedUrl(req: Request, _res: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.originalUrl.replace(/\+/g, ' '));
  } catch {
    return next(new ApiError(HttpStatus.BAD_REQUEST, 'The URL is not valid percent-encoded UTF-8.', 'MALFORMED_URL'));
  }
  if (hasControlCharacters(decoded)) {
    return next(new ApiError(HttpStatus.BAD_REQUEST, 'The URL contains a control character (such as %00), which no id or filter can hold.', 'MALFORMED_URL'));
  }
  next();
}

/** Keeps the raw bytes (Stripe signs them) and refuses bodies that would only fail later, deeper down. */
function verifyJsonBody(req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, buffer: Buffer): void {
  req.rawBody = buffer;
  if (!isUtf8(buffer)) throw new MalformedBodyError('The request body is not valid UTF-8.');
  const hazard = findJsonHazard(buffer.toString('utf8'));
  if (hazard) throw new MalformedBodyError(hazard);
}

/** Installs the URL check and the JSON body parser; call before the app is initialised. */
export function installRequestHygiene(app: INestApplication, jsonLimit = '1mb'): void {
  app.use(refuseMalformedUrl);
  // Registered under body-parser's own name, so Nest does not add its default JSON parser after it.
  app.use(express.json({ limit: jsonLimit, verify: verifyJsonBody }));
}
