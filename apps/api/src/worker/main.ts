import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { getHeapStatistics } from 'node:v8';
import { installLogging } from '../common/logging/logging';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { JobQueues } from '../jobs/queues.module';
import { readPoolStatsFrom, readQueueCountsFrom } from '../metrics/metrics';
import { queueCountsOf, startMetricsServer } from '../metrics/metrics-endpoint';
import { PrismaService } from '../prisma/prisma.service';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.WORKER_METRICS_PORT && !config.METRICS_TOKEN) {
    throw new ConfigError("Invalid configuration:\n  WORKER_METRICS_PORT is set but METRICS_TOKEN is not: the worker's /metrics would refuse every scrape. Set METRICS_TOKEN too.");
  }
  const logging = installLogging(config, 'worker');
  // Imported once the configuration is valid: the queue processors read their lock settings as they load.
  const { WorkerModule } = await import('./worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logging.nest });
  const logger = new Logger('Worker');
  const metricsServer = await serveMetrics(app, config, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(app, metricsServer, signal, config.WORKER_SHUTDOWN_TIMEOUT_MS, logger));
  }
  logger.log('processing queues crawl, fixes, maintenance, delivery');
  // `npm start` and `npm run start:worker` pass the crawler's heap flags (scripts/crawler-node-flags.js).
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  if (heapLimitMb > 1536) {
    logger.warn(`started without --max-old-space-size=1024 --max-semi-space-size=4 (heap limit ${heapLimitMb} MB): large crawls will hold about half as much memory again`);
  }
}

/** The worker's own GET /metrics on WORKER_METRICS_PORT (off unless set): its job counters, and queue depth read from BullMQ. */
async function serveMetrics(app: INestApplicationContext, config: AppConfig, logger: Logger): Promise<Server | null> {
  if (!config.WORKER_METRICS_PORT) return null;
  const queues = app.get(JobQueues, { strict: false });
  const prisma = app.get(PrismaService, { strict: false });
  readQueueCountsFrom(queueCountsOf((name) => queues.get(name)));
  readPoolStatsFrom(() => prisma.poolStats());
  const server = await startMetricsServer(config.WORKER_METRICS_PORT, config.METRICS_TOKEN);
  logger.log(`metrics on http://0.0.0.0:${config.WORKER_METRICS_PORT}/metrics`);
  return server;
}

/**
 * Closes the app (BullMQ waits for running jobs), but never longer than the limit: with Redis gone,
 * closing the queue connections would wait for a server that is not coming back, and the process
 * manager would have to SIGKILL us. Jobs cut short are re-run from their Job rows.
 */
async function shutDown(app: INestApplicationContext, metricsServer: Server | null, signal: string, limitMs: number, logger: Logger): Promise<void> {
  logger.log(`${signal}: closing (at most ${limitMs} ms)`);
  const timer = setTimeout(() => {
    logger.error(`shutdown did not finish within ${limitMs} ms (Redis or Postgres unreachable?); exiting anyway`);
    process.exit(1);
  }, limitMs);
  timer.unref();
  try {
    metricsServer?.closeAllConnections();
    metricsServer?.close();
    await app.close();
    process.exit(0);
  } catch (error) {
    logger.error({ msg: `shutdown failed: ${(error as Error).message}`, err: error });
    process.exit(1);
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
