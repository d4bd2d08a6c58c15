/**
 * Jobs benchmark (a script that prints figures, not a timed test): jobs per second through Seology's
 * jobs service, where every job has its Job row in Postgres kept in step by the worker's runner
 * (PENDING -> RUNNING -> COMPLETED), against raw BullMQ no-op jobs on the same Redis, in one run.
 * Both sides run a no-op handler at the same concurrency (the delivery queue's, 8), so the difference
 * is the cost of the mirrored row. Each side also reports the CPU this process spent per job: on a
 * machine busy with other work, a side's throughput follows its CPU per job more than its round trips.
 *
 *   node bench/jobs/run.js [--jobs 2000] [--runs 3]
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createTestEnv, type TestEnv } from '../../apps/api/src/testing/test-app';

interface Args {
  jobs: number;
  runs: number;
}

function parse(argv: string[]): Args {
  const a: Args = { jobs: 2000, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') a.jobs = Number(argv[++i]);
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(a.jobs) || a.jobs < 1 || !Number.isInteger(a.runs) || a.runs < 1) throw new Error('--jobs and --runs expect positive integers');
  return a;
}

const CONCURRENCY = 8;

/** A side's throughput, and the CPU this process spent per job on it (user + system, in ms). */
interface Side {
  jobsPerSecond: number;
  cpuMsPerJob: number;
}

function cpuMsSince(start: NodeJS.CpuUsage, jobs: number): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / jobs;
}

async function rawBullmq(redisUrl: string, jobs: number): Promise<Side> {
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379) };
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const queue = new Queue('raw', { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('raw', () => Promise.resolve(null), { connection, prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => {
    done += 1;
    if (done === jobs) finish();
  });
  await worker.waitUntilReady();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  // One add per job, as the jobs service does: a fair comparison of enqueue + run.
  await Promise.all(Array.from({ length: jobs }, (_, i) => queue.add('noop', { i }, { removeOnComplete: true })));
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuMsPerJob = cpuMsSince(cpu, jobs);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { jobsPerSecond: jobs / seconds, cpuMsPerJob };
}

async function jobsService(env: TestEnv, jobs: number): Promise<Side> {
  const { WorkerModule } = await import('../../apps/api/src/worker/worker.module');
  const { JobsService } = await import('../../apps/api/src/jobs/jobs.service');
  const { JobHandlerRegistry } = await import('../../apps/api/src/worker/job-handler.registry');
  const { DeliveryQueueProcessor } = await import('../../apps/api/src/worker/jobs.processors');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  try {
    // Every job runs a no-op handler: what is measured is the jobs machinery, not a handler's work.
    const registry = app.get(JobHandlerRegistry);
    registry.get = () => () => Promise.resolve(null);
    const service = app.get(JobsService);
    // Counted as the raw side counts its jobs: BullMQ's completed events. The runner commits a row's
    // COMPLETED before BullMQ hears the job is done, so the rows are checked once at the end instead
    // of polled, which cost this process Prisma queries while it was being measured.
    let done = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    app.get(DeliveryQueueProcessor).worker.on('completed', () => {
      done += 1;
      if (done === jobs) finish();
    });
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: jobs }, () => service.enqueue('SEND_EMAIL', { to: 'bench@example.com', subject: 'bench', text: 'bench' })));
    const enqueued = Number(process.hrtime.bigint() - started) / 1e9;
    await finished;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuMsPerJob = cpuMsSince(cpu, jobs);
    const completed = await env.prisma.job.count({ where: { status: 'COMPLETED' } });
    if (completed !== jobs) throw new Error(`BullMQ completed ${jobs} jobs but ${completed} rows say COMPLETED`);
    await env.prisma.job.deleteMany({});
    console.log(`  (jobs service: all ${jobs} enqueued after ${enqueued.toFixed(2)} s, all completed after ${seconds.toFixed(2)} s)`);
    return { jobsPerSecond: jobs / seconds, cpuMsPerJob };
  } finally {
    await app.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const env = await createTestEnv({ NODE_ENV: 'production' });
  try {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const rows: { run: number; raw: Side; service: Side }[] = [];
    for (let run = 1; run <= args.runs; run++) {
      const raw = await rawBullmq(redisUrl, args.jobs);
      const service = await jobsService(env, args.jobs);
      rows.push({ run, raw, service });
      console.log(
        `run ${run}: raw BullMQ ${raw.jobsPerSecond.toFixed(0)} jobs/s (${raw.cpuMsPerJob.toFixed(2)} ms CPU/job)   ` +
          `jobs service (Job row mirrored) ${service.jobsPerSecond.toFixed(0)} jobs/s (${service.cpuMsPerJob.toFixed(2)} ms CPU/job)   ` +
          `ratio ${(service.jobsPerSecond / raw.jobsPerSecond).toFixed(2)}   load average ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const raw = median(rows.map((r) => r.raw.jobsPerSecond));
    const service = median(rows.map((r) => r.service.jobsPerSecond));
    const ratio = median(rows.map((r) => r.service.jobsPerSecond / r.raw.jobsPerSecond));
    console.log(`median of ${args.runs} runs, ${args.jobs} jobs each, concurrency ${CONCURRENCY}: raw ${raw.toFixed(0)} jobs/s, service ${service.toFixed(0)} jobs/s, median of the runs' own ratios ${ratio.toFixed(2)} (goal >= 0.25)`);
    return 0;
  } finally {
    await env.close();
  }
}
