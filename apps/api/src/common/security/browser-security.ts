import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';
import type { AppConfig } from '../../config/app-config';

type Directives = Record<string, string[]>;

/**
 * The dashboard's policy: every script, style, font and image comes from the app's own origin, nothing
 * is inline (the Vite build emits none; React and the charts set styles through the CSSOM, which CSP
 * does not govern), and no other site may frame it.
 */
export const DASHBOARD_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** JSON answers load nothing, so their policy forbids everything (a JSON body rendered as HTML runs nothing). */
export const API_CSP: Directives = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** Swagger UI's page carries an inline <style> block and data: icons; its scripts are files. */
export const DOCS_CSP: Directives = { ...DASHBOARD_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

const HSTS_MAX_AGE_SECONDS = 365 * 86_400;

/** Express's compiled `trust proxy` rule: whether the hop at `index` (0 = the socket's peer) is trusted. */
type TrustProxy = (address: string | undefined, index: number) => boolean;

const REMEMBERED_TRUST_ANSWERS = 1_000;

/**
 * The same rule, its answers remembered per address and hop. Express asks it on every `req.secure`,
 * `req.protocol` and `req.ip`, and for a list such as `loopback` each question parsed the address again
 * (ipaddr.js's IPv6 then IPv4 parsers): about 2% of a list request's CPU, for an answer that never changes.
 */
export function rememberingTrust(trust: TrustProxy): TrustProxy {
  const answers = new Map<string, boolean>();
  return (address, index) => {
    if (address === undefined) return trust(address, index);
    const key = `${index} ${address}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = trust(address, index);
      // Crude bound: a flood of distinct client addresses starts the memory over instead of growing it.
      if (answers.size >= REMEMBERED_TRUST_ANSWERS) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * Security headers, CORS and cookie parsing in one place, registered before any route.
 *
 * - The dashboard, the API's JSON and the OpenAPI docs each get their own Content-Security-Policy.
 * - The snippet (`/api/snippet/*.js`) is a script that customers' sites load from another origin: it is
 *   `Cross-Origin-Resource-Policy: cross-origin` and keeps the CORS and caching headers its controller sets.
 * - HSTS only when the app is reached over https: APP_URL is https, or the request came through a
 *   trusted proxy that says `X-Forwarded-Proto: https` (see TRUST_PROXY).
 * - CORS is closed unless CORS_ORIGINS lists origins; those may call the API with a bearer token or an
 *   API key, never with the session cookie (credentials are not allowed cross-origin).
 */
export function applyBrowserSecurity(app: NestExpressApplication, config: AppConfig): void {
  const express = app.getHttpAdapter().getInstance() as { get(setting: string): unknown; set(setting: string, value: unknown): void };
  express.set('trust proxy', config.trustProxy);
  // Compiled by Express first (so every form TRUST_PROXY takes means what it always meant), then wrapped.
  express.set('trust proxy', rememberingTrust(express.get('trust proxy fn') as TrustProxy));
  app.disable('x-powered-by');
  app.use(cookieParser());

  const https = config.servedOverHttps;
  const headers = (csp: Directives, crossOrigin: boolean): RequestHandler =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: https ? { ...csp, 'upgrade-insecure-requests': [] } : csp },
      crossOriginResourcePolicy: { policy: crossOrigin ? 'cross-origin' : 'same-origin' },
      // The dashboard opens Stripe's pages by navigation only; nothing needs a window handle across origins.
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: false,
    });
  const dashboard = headers(DASHBOARD_CSP, false);
  const api = headers(API_CSP, false);
  const docs = headers(DOCS_CSP, false);
  const snippet = headers(API_CSP, true);
  const hsts = strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const handler = path.startsWith('/api/snippet/') ? snippet : path === '/api/docs' || path.startsWith('/api/docs/') ? docs : path === '/api' || path.startsWith('/api/') ? api : dashboard;
    handler(req, res, () => (https || req.secure ? hsts(req, res, next) : next()));
  });

  const origins = config.corsOrigins;
  if (origins.length > 0) {
    app.enableCors({
      origin: origins,
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'],
      maxAge: 600,
    });
  }
}
