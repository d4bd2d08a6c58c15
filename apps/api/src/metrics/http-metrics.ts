import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

type RoutedRequest = { method?: string; route?: { path?: unknown }; originalUrl?: string; url?: string };

/**
 * The route pattern a request matched (`/api/fixes/:id`), never the raw URL: ids in a label would
 * make one time series per record. Unmatched API paths share one label, everything else outside
 * /api is the dashboard (static files and its client-side routes).
 */
export function routeOf(req: RoutedRequest): string {
  const path = req.route?.path;
  if (typeof path === 'string') return path;
  const url = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
  if (url === '/metrics') return '/metrics';
  return url.startsWith('/api') ? 'unmatched' : 'dashboard';
}

/** Observes every request's duration by method, route pattern and status once the answer is sent. */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const stop = httpRequestDuration.startTimer();
  res.once('finish', () => stop({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
  next();
}
