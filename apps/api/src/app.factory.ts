import { BadRequestException, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ValidationError } from 'class-validator';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { httpLogger, installLogging, withLogContext } from './common/logging/logging';
import { AppModule } from './app.module';
import { auditStateChangingRoutes } from './audit/audit-routes';
import { AppConfig, loadConfig } from './config/app-config';
import { JobQueues } from './jobs/queues.module';
import { httpMetrics, routeOf } from './metrics/http-metrics';
import { readPoolStatsFrom, readQueueCountsFrom } from './metrics/metrics';
import { answerScrape, queueCountsOf } from './metrics/metrics-endpoint';
import { PrismaService } from './prisma/prisma.service';
import { HttpErrorFilter } from './common/filters/http-error.filter';
import { installRequestHygiene } from './common/http/request-hygiene';
import { applyBrowserSecurity } from './common/security/browser-security';
import { RememberingValidationPipe } from './common/validation/remembering-validation.pipe';

/** Flattens nested class-validator errors into "wordpress.username must not be empty" sentences. */
function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) && parent ? `${parent}.${message}` : message,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

export function configureApp(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new RememberingValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Seology API')
    .setDescription(
      'Crawl and audit sites, propose and apply SEO fixes, roll them back. Authenticate with a JWT from ' +
        '/api/auth/signin (Authorization: Bearer) or an API key (X-API-Key). Errors share one body: ' +
        '{ statusCode, error, message, code?, details?, path, timestamp, requestId }. ' +
        'Browser sessions (the dashboard): sign in or sign up with refreshTokenIn: "cookie" and the refresh token is set as the ' +
        'httpOnly, SameSite=Strict seology_refresh cookie (Secure over https), scoped to /api/auth/refresh and /api/auth/signout, ' +
        'instead of being returned; the access token stays in memory. Those two cookie-authenticated calls need the X-CSRF-Token ' +
        'header carrying the readable seology_csrf cookie (403 CSRF_TOKEN_MISSING, CSRF_TOKEN_INVALID or CSRF_ORIGIN_REFUSED otherwise). ' +
        'Integrators keep using bearer tokens or API keys, which need no CSRF token.',
    )
    .setVersion('1.0.0')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
    .addTag('sites (connections)', 'A site is a website added to Seology; the REST resource is /api/connections and its id is the connectionId of every other resource.')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

export async function createApp(): Promise<NestExpressApplication> {
  const logging = installLogging(loadConfig(), 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    rawBody: true,
    logger: logging.nest,
  });
  const config = app.get(AppConfig);
  // First, so every answer (refused ones included) is timed, has a request id and one log line.
  app.use(httpMetrics);
  app.use(httpLogger(logging, routeOf));
  installMetricsEndpoint(app, config);
  applyBrowserSecurity(app, config);
  app.disable('x-powered-by');
  installRequestHygiene(app);
  // After the body parser: every line logged while the request is handled carries its requestId.
  app.use((req: Request, _res: Response, next: NextFunction) => withLogContext({ requestId: req.id }, next));
  configureApp(app);
  auditStateChangingRoutes(app);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  serveDashboard(app, config);
  return app;
}

/**
 * GET /metrics (Prometheus text format), outside /api and the OpenAPI document: for the scraper, with
 * METRICS_TOKEN as bearer token (404 while it is unset). Queue depth and pool gauges are read on scrape.
 */
function installMetricsEndpoint(app: NestExpressApplication, config: AppConfig): void {
  const queues = app.get(JobQueues, { strict: false });
  const prisma = app.get(PrismaService, { strict: false });
  readQueueCountsFrom(queueCountsOf((name) => queues.get(name)));
  readPoolStatsFrom(() => prisma.poolStats());
  app.getHttpAdapter().getInstance().get('/metrics', (req, res) => void answerScrape(config.METRICS_TOKEN, req, res));
}

/** In production the API serves the built dashboard at / (client-side routes fall back to index.html). */
function serveDashboard(app: NestExpressApplication, config: AppConfig): void {
  // Next to the sources (apps/api/src) or to the compiled output (dist/apps/api/src).
  const candidates = config.WEB_DIST_DIR ? [config.WEB_DIST_DIR] : [join(__dirname, '../../../apps/web/dist'), join(__dirname, '../../../../apps/web/dist')];
  const dir = candidates.map((candidate) => resolve(candidate)).find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!dir) return;
  // API paths never look for a file: a stat() per API request cost about a tenth of the API's CPU under load.
  const assets = serveStatic(dir, { index: false, maxAge: '1h' });
  const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApi(req)) next();
    else assets(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApi(req)) return next();
    res.sendFile(join(dir, 'index.html'));
  });
  new Logger('Dashboard').log(`serving the dashboard from ${dir}`);
}
