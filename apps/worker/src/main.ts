import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getHeapStatistics } from 'node:v8';
import { ConfigError, loadConfig } from '../../api/src/config/app-config';
import { processLogger } from '../../api/src/common/logging/quiet-logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: processLogger() });
  app.enableShutdownHooks();
  const logger = new Logger('Worker');
  logger.log('processing queues crawl, fixes, maintenance, delivery');
  // `npm start` and `npm run start:worker` pass the crawler's heap flags (scripts/crawler-node-flags.js).
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  if (heapLimitMb > 1536) {
    logger.warn(`started without --max-old-space-size=1024 --max-semi-space-size=4 (heap limit ${heapLimitMb} MB): large crawls will hold about half as much memory again`);
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
