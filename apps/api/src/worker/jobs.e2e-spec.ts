import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job } from '@prisma/client';
import { startMailCapture, type MailCapture } from '@seology/scripts/mail-capture';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobsRepository } from '../jobs/jobs.repository';
import { JobsService } from '../jobs/jobs.service';
import { PrismaService } from '../prisma/prisma.service';
import { JobQueues } from '../jobs/queues.module';
import { createTestEnv, until, type TestEnv, teardown } from '../testing/test-app';
import { HandlerRegistrationError, JobHandlerRegistry } from './job-handler.registry';

function waitFor(env: TestEnv, id: string, done: (job: Job) => boolean): Promise<Job> {
  return until(() => env.prisma.job.findUniqueOrThrow({ where: { id } }), done, 20_000);
}

describe('jobs infrastructure (e2e, real Redis and Postgres)', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;
  let jobs: JobsService;
  let mail: MailCapture;

  beforeAll(async () => {
    // A real SMTP server that refuses the first two deliveries with a temporary error.
    mail = await startMailCapture({ refuseFirst: 2 });
    env = await createTestEnv({ SMTP_URL: mail.url });
    const { WorkerModule } = await import('./worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    jobs = worker.get(JobsService);
  });

  afterAll(async () => {
    await teardown([
      ['worker', () => worker?.close()],
      ['test database', () => env?.close()],
      ['SMTP server', () => mail?.close()],
    ]);
  });

  it('runs a job and keeps the row in step with the queue', async () => {
    const user = await env.prisma.user.create({ data: { email: 'jobs-1@example.com' } });
    const job = await jobs.enqueue('RESET_USAGE', { year: 2030, month: 2 }, { userId: user.id });
    expect(job.status).toBe('PENDING');
    const done = await waitFor(env, job.id, (j) => j.status === 'COMPLETED');
    expect(done).toMatchObject({ attempts: 1, progress: 100 });
    expect(done.startedAt).not.toBeNull();
    expect(done.completedAt).not.toBeNull();
    expect(done.result).toMatchObject({ year: 2030, month: 2 });
    expect(await env.prisma.usageRecord.count({ where: { userId: user.id, year: 2030, month: 2 } })).toBe(1);
  });

  it('concurrent enqueues share one probe, one insert and one addBulk, and each returns its own row as stored', async () => {
    const queue = worker.get(JobQueues).get('maintenance');
    const probe = jest.spyOn(queue, 'getVersion');
    const bulk = jest.spyOn(queue, 'addBulk');
    const before = Date.now();
    await queue.pause();
    try {
      const enqueued = await Promise.all(Array.from({ length: 30 }, (_, i) => jobs.enqueue('RESET_USAGE', { year: 2031, month: 1 + (i % 12) }, { priority: i % 11, userId: null })));
      expect(probe).toHaveBeenCalledTimes(1);
      expect(bulk).toHaveBeenCalledTimes(1);
      expect(bulk.mock.calls[0]![0]).toHaveLength(30);
      expect(new Set(enqueued.map((j) => j.id)).size).toBe(30);
      for (const [i, job] of enqueued.entries()) {
        expect(job.id).toMatch(/^c[0-9a-z]{24}$/);
        // What enqueue returned is the row, timestamps (stored as UTC) included.
        expect(await env.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toEqual(job);
        expect(job).toMatchObject({ status: 'PENDING', priority: i % 11, attempts: 0, maxAttempts: 3, payload: { year: 2031, month: 1 + (i % 12) } });
        expect(Math.abs(job.createdAt.getTime() - before)).toBeLessThan(10_000);
        expect((await queue.getJob(job.id))?.opts.priority).toBe(11 - (i % 11));
      }
      await queue.resume();
      const done = await Promise.all(enqueued.map((job) => waitFor(env, job.id, (j) => j.status === 'COMPLETED')));
      expect(done.every((j) => j.attempts === 1 && j.progress === 100 && j.updatedAt >= j.createdAt)).toBe(true);
    } finally {
      await queue.resume();
      probe.mockRestore();
      bulk.mockRestore();
    }
  });

  it('counts the attempt of a run that died with its worker (row left RUNNING), and a duplicate delivery of an ended job does nothing', async () => {
    const queue = worker.get(JobQueues).get('maintenance');
    await queue.pause();
    const job = await jobs.enqueue('RESET_USAGE', { year: 2032, month: 3 });
    await env.prisma.job.update({ where: { id: job.id }, data: { status: 'RUNNING', attempts: 1 } });
    await queue.resume();
    const done = await waitFor(env, job.id, (j) => j.status === 'COMPLETED');
    expect(done.attempts).toBe(2);
    // Delivered again after it ended: the runner returns the stored result and leaves the row alone.
    const { JobRunner } = await import('./job-runner.service');
    const again = await worker.get(JobRunner).run({ id: job.id, attemptsMade: 0, opts: { attempts: 3 } } as never);
    expect(again).toEqual(done.result);
    expect(await env.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toEqual(done);
    await expect(worker.get(JobRunner).run({ id: 'no-such-job', attemptsMade: 0, opts: { attempts: 3 } } as never)).resolves.toBeNull();
  });

  it('reads, running marks and completions asked for in one turn share one statement each; a late mark never moves a row back', async () => {
    const queue = worker.get(JobQueues).get('maintenance');
    await queue.pause();
    const repository = worker.get(JobsRepository);
    const statements = jest.spyOn(worker.get(PrismaService), 'rows');
    const run = (attempt: number, startedAt = new Date()) => ({ attempt, startedAt });
    try {
      const [a, b] = await Promise.all([jobs.enqueue('RESET_USAGE', { year: 2033, month: 1 }), jobs.enqueue('RESET_USAGE', { year: 2033, month: 2 })]);
      statements.mockClear();
      const [readA, readB, missing] = await Promise.all([repository.findLive(a.id), repository.findLive(b.id), repository.findLive('no-such-job')]);
      expect(statements).toHaveBeenCalledTimes(1);
      expect([readA?.status, missing]).toEqual(['PENDING', null]);
      expect(readB).toMatchObject({ id: b.id, payload: { year: 2033, month: 2 } });
      statements.mockClear();
      const runA = run(2);
      await expect(Promise.all([repository.markRunning(a.id, runA), repository.markRunning(b.id, run(1)), repository.markRunning('no-such-job', run(1))])).resolves.toEqual([true, true, false]);
      expect(statements).toHaveBeenCalledTimes(1);
      expect(await env.prisma.job.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'RUNNING', attempts: 2, startedAt: runA.startedAt });
      statements.mockClear();
      await expect(Promise.all([repository.complete(a.id, { n: 1 }, runA), repository.complete(b.id, undefined, run(1)), repository.complete('no-such-job', null, run(1))])).resolves.toEqual([true, true, false]);
      expect(statements).toHaveBeenCalledTimes(1);
      expect(await env.prisma.job.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'COMPLETED', attempts: 2, progress: 100, result: { n: 1 } });
      expect(await env.prisma.job.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'COMPLETED', attempts: 1, result: null });
      // A mark that arrives after the completion, or after its own run failed, changes nothing.
      await expect(repository.markRunning(a.id, runA)).resolves.toBe(false);
      const c = await jobs.enqueue('RESET_USAGE', { year: 2033, month: 3 });
      const runC = run(1);
      await repository.transition(c.id, ['PENDING'], { status: 'RETRYING', attempts: 1, startedAt: runC.startedAt, error: 'boom' });
      await expect(repository.markRunning(c.id, runC)).resolves.toBe(false);
      expect((await env.prisma.job.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('RETRYING');
      // A short run is written once: a completion of a row that was never marked RUNNING.
      const d = await jobs.enqueue('RESET_USAGE', { year: 2033, month: 4 });
      const runD = run(1);
      await expect(repository.complete(d.id, 'ok', runD)).resolves.toBe(true);
      expect(await env.prisma.job.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: 'COMPLETED', attempts: 1, startedAt: runD.startedAt, result: 'ok' });
      // A result that cannot be stored fails its own completion only.
      const [e, f] = await Promise.all([jobs.enqueue('RESET_USAGE', { year: 2033, month: 5 }), jobs.enqueue('RESET_USAGE', { year: 2033, month: 6 })]);
      const [badResult, goodResult] = await Promise.allSettled([repository.complete(e.id, { big: 1n }, run(1)), repository.complete(f.id, 'ok', run(1))]);
      expect(badResult.status).toBe('rejected');
      expect(goodResult).toEqual({ status: 'fulfilled', value: true });
      expect((await env.prisma.job.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('PENDING');
      await env.prisma.job.updateMany({ where: { id: { in: [c.id, e.id] } }, data: { status: 'CANCELLED' } });
    } finally {
      statements.mockRestore();
      await queue.obliterate({ force: true });
      await queue.resume();
    }
  });

  it('retries with backoff (RETRYING) until the handler succeeds', async () => {
    const job = await jobs.enqueue('SEND_EMAIL', { to: 'someone@example.com', subject: 'Hello', text: 'Body text' }, { maxAttempts: 5 });
    const seen = new Set<string>();
    const done = await waitFor(env, job.id, (j) => {
      seen.add(j.status);
      return j.status === 'COMPLETED' || j.status === 'FAILED';
    });
    expect(done.status).toBe('COMPLETED');
    expect(done.attempts).toBe(3);
    expect(mail.attempts()).toBe(3);
    expect(mail.inbox[0]?.raw).toContain('Body text');
  });

  it('fails permanently, without retrying, when the handler says a retry cannot help', async () => {
    // A crawl whose row does not exist can never succeed: the handler says so and BullMQ stops retrying.
    const job = await jobs.enqueue('CRAWL_SITE', { connectionId: 'missing', crawlId: 'missing' }, { maxAttempts: 3 });
    const done = await waitFor(env, job.id, (j) => j.status === 'FAILED');
    expect(done.attempts).toBe(1);
    expect(done.error).toMatch(/no longer exists/);
    expect(done.failedAt).not.toBeNull();
  });

  it('de-duplicates by key, also when two enqueues race', async () => {
    const [a, b] = await Promise.all([
      jobs.enqueue('CLEANUP_ROLLBACKS', {}, { dedupeKey: 'cleanup:test-day' }),
      jobs.enqueue('CLEANUP_ROLLBACKS', {}, { dedupeKey: 'cleanup:test-day' }),
    ]);
    expect(a.id).toBe(b.id);
    const again = await jobs.enqueue('CLEANUP_ROLLBACKS', {}, { dedupeKey: 'cleanup:test-day' });
    expect(again.id).toBe(a.id);
    expect(await env.prisma.job.count({ where: { dedupeKey: 'cleanup:test-day' } })).toBe(1);
  });

  it('delays a job until scheduledFor and cancels it before it runs', async () => {
    const job = await jobs.enqueue('SYNC_METRICS', {}, { scheduledFor: new Date(Date.now() + 3_600_000) });
    const queued = await worker.get(JobQueues).get('maintenance').getJob(job.id);
    expect(await queued?.getState()).toBe('delayed');
    const cancelled = await jobs.cancelById(job.id);
    expect(cancelled.status).toBe('CANCELLED');
    expect(await worker.get(JobQueues).get('maintenance').getJob(job.id)).toBeUndefined();
    await expect(jobs.cancelById(job.id)).rejects.toThrow(/already ended/);
  });

  it('retries a failed job from scratch on request', async () => {
    const job = await jobs.enqueue('CRAWL_SITE', { connectionId: 'missing', crawlId: 'also-missing' });
    await waitFor(env, job.id, (j) => j.status === 'FAILED');
    const retried = await jobs.retry(job.id);
    expect(retried.status).toBe('PENDING');
    const again = await waitFor(env, job.id, (j) => j.status === 'FAILED' && j.attempts === 1 && j.failedAt !== null);
    expect(again.status).toBe('FAILED');
  });

  it('puts back a job the queue lost (e.g. Redis restarted) and runs it', async () => {
    const queue = worker.get(JobQueues).get('maintenance');
    await queue.pause();
    const job = await jobs.enqueue('PURGE_EXPIRED_REPORTS', {});
    await (await queue.getJob(job.id))!.remove();
    expect(await queue.getJob(job.id)).toBeUndefined();
    const readded = await jobs.reconcile(0);
    expect(readded).toBeGreaterThanOrEqual(1);
    await queue.resume();
    const done = await waitFor(env, job.id, (j) => j.status === 'COMPLETED');
    expect(done.result).toEqual({ deleted: 0 });
  });

  it('runs higher priority first', async () => {
    const queue = worker.get(JobQueues).get('maintenance');
    await queue.pause();
    const low = await jobs.enqueue('SYNC_METRICS', {}, { priority: 1 });
    const high = await jobs.enqueue('SYNC_METRICS', {}, { priority: 9 });
    await queue.resume();
    const [lowDone, highDone] = await Promise.all([
      waitFor(env, low.id, (j) => j.status === 'COMPLETED'),
      waitFor(env, high.id, (j) => j.status === 'COMPLETED'),
    ]);
    expect(highDone.startedAt!.getTime()).toBeLessThanOrEqual(lowDone.startedAt!.getTime());
  });
});

describe('job handler registration', () => {
  @Injectable()
  class OnlyOneHandler {
    @JobHandler('RESET_USAGE')
    reset(): Promise<null> {
      return Promise.resolve(null);
    }
  }

  @Injectable()
  class DuplicateHandler {
    @JobHandler('RESET_USAGE')
    alsoReset(): Promise<null> {
      return Promise.resolve(null);
    }
  }

  it('refuses to boot when job types have no handler', async () => {
    @Module({ imports: [DiscoveryModule], providers: [OnlyOneHandler, JobHandlerRegistry] })
    class Incomplete {}
    await expect(NestFactory.createApplicationContext(Incomplete, { logger: false, abortOnError: false })).rejects.toThrow(
      /APPLY_FIX has no handler/,
    );
  });

  it('refuses to boot when a job type has two handlers', async () => {
    const { WorkerModule } = await import('./worker.module');
    @Module({ imports: [WorkerModule], providers: [DuplicateHandler] })
    class Doubled {}
    const env = await createTestEnv();
    // Built and booted in two steps (what NestFactory.createApplicationContext does in one) so that the
    // connections the providers opened before the refusal can be closed: they kept Jest from exiting.
    const context = await Test.createTestingModule({ imports: [Doubled] }).compile();
    context.useLogger(false);
    try {
      const boot = context.init();
      await expect(boot).rejects.toThrow(HandlerRegistrationError);
      await expect(boot).rejects.toThrow(/RESET_USAGE has 2 handlers/);
    } finally {
      await teardown([
        // close() first awaits the refused boot and would throw its error again; it has nothing left to
        // wait for, so it is told so (a Nest internal: if that changes, this step fails loudly).
        [
          'refused worker context',
          () => {
            Object.assign(context as object, { initializationPromise: Promise.resolve() });
            return context.close();
          },
        ],
        ['test database', () => env.close()],
      ]);
    }
  });
});
