import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, teardown, type TestApp, until } from './test-app';

/** The worker in this process: the same feature modules as the API, its own bootstrap. */
export async function startTestWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../worker/worker.module');
  return NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
}

/**
 * The worker's close waits for running jobs. A crawl is followed by its analysis (issues, then fix
 * proposals that fetch the pages), which can still be running and on a loaded machine overran the
 * default hook limit: let the jobs settle first.
 */
export async function closeTestAppAndWorker(t: TestApp | undefined, worker: INestApplicationContext | undefined): Promise<void> {
  if (t) {
    await until(() => t.prisma.job.count({ where: { status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } } }), (n) => n === 0, 60_000).catch(() => undefined);
  }
  await teardown([
    ['worker', () => worker?.close()],
    ['API and test database', () => t?.close()],
  ], 30_000);
}

/** Listen on a free port of 127.0.0.1, and close without waiting for keep-alive connections. */
export function onLocalPort(server: Server) {
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Boots the API and the worker for the enclosing describe block; read them from the holder inside tests. */
export function useTestAppWithWorker(overrides: Record<string, string> = {}): { t: TestApp; worker: INestApplicationContext } {
  const holder = {} as { t: TestApp; worker: INestApplicationContext };
  beforeAll(async () => {
    holder.t = await createTestApp(overrides);
    holder.worker = await startTestWorker();
  });
  afterAll(() => closeTestAppAndWorker(holder.t, holder.worker), 150_000);
  return holder;
}
