import { QUEUES, type QueueName } from '@seology/contracts';
import type { Queue } from 'bullmq';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { metricsRegistry, type QueueCounts } from './metrics';

export type MetricsAccess = 'allowed' | 'disabled' | 'refused';

/**
 * GET /metrics answers only a bearer token equal to METRICS_TOKEN. Without METRICS_TOKEN it answers
 * 404 as if there were no such endpoint: metrics name routes, queues and volumes, which are nobody's
 * business but the operator's, and an endpoint that is open until someone remembers to close it is
 * open in production.
 */
export function metricsAccess(token: string | undefined, authorization: string | undefined): MetricsAccess {
  if (!token) return 'disabled';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const given = Buffer.from(match?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'allowed' : 'refused';
}

/** Answers a scrape on a plain node:http response (the API's Express and the worker's own server alike). */
export async function answerScrape(token: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const access = metricsAccess(token, req.headers.authorization);
  if (access !== 'allowed') {
    res.statusCode = access === 'disabled' ? 404 : 401;
    if (access === 'refused') res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(access === 'disabled' ? 'Not Found\n' : 'A bearer token equal to METRICS_TOKEN is required.\n');
    return;
  }
  try {
    const body = await metricsRegistry.metrics();
    res.statusCode = 200;
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  } catch (error) {
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Queue depth read from BullMQ on scrape; `waiting` counts prioritised jobs too (BullMQ keeps them apart). */
export function queueCountsOf(queueOf: (name: QueueName) => Queue): () => Promise<QueueCounts> {
  return async () => {
    const entries = await Promise.all(
      QUEUES.map(async (name) => {
        const c = await queueOf(name).getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed');
        return [name, { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 }] as const;
      }),
    );
    return Object.fromEntries(entries) as QueueCounts;
  };
}

/** The worker's metrics: GET /metrics on its own port (WORKER_METRICS_PORT), the same token as the API. */
export async function startMetricsServer(port: number, token: string | undefined, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.statusCode = 404;
      res.end('Not Found\n');
      return;
    }
    void answerScrape(token, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
