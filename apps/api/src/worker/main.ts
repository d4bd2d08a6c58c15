import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, loadConfig } from '../config/app-config';
import { QuietLogger } from '../common/logging/quiet-logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new QuietLogger() });
  const logger = new Logger('Worker');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(app, signal, config.WORKER_SHUTDOWN_TIMEOUT_MS, logger));
  }
  logger.log('processing queues crawl, fixes, maintenance, delivery');
  // `npm start` and `npm run start:worker` pass the crawler's heap flags (scripts/crawler-node-flags.js).
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  if (heapLimitMb > 1536) {
    logger.warn(`started without --max-old-space-size=1024 --max-semi-space-size=4 (heap limit ${heapLimitMb} MB): large crawls will hold about half as much memory again`);
  }
}

/**
 * Closes the app (BullMQ waits for running jobs), but never longer than the limit: with Redis gone,
 * closing the queue connections would wait for a server that is not coming back, and the process
 * manager would have to SIGKILL us. Jobs cut short are re-run from their Job rows.
 */
async function shutDown(app: INestApplicationContext, signal: string, limitMs: number, logger: Logger): Promise<void> {
  logger.log(`${signal}: closing (at most ${limitMs} ms)`);
  const timer = setTimeout(() => {
    logger.error(`shutdown did not finish within ${limitMs} ms (Redis or Postgres unreachable?); exiting anyway`);
    process.exit(1);
  }, limitMs);
  timer.unref();
  try {
    await app.close();
    process.exit(0);
  } catch (error) {
    logger.error(`shutdown failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
