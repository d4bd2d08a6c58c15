/**
 * Jobs benchmark (a script that prints figures, not a timed test): jobs per second through Seology's
 * jobs service, where every job has its Job row in Postgres kept in step by the worker's runner
 * (PENDING -> RUNNING -> COMPLETED), against raw BullMQ no-op jobs on the same Redis, in one run.
 * Both sides run a no-op handler at the same concurrency (the delivery queue's, 8), so the difference
 * is the cost of the mirrored row.
 *
 * A run takes turns: a slice of raw jobs, then a slice through the service, --rounds times, and each
 * side's figure is its jobs over its summed time. On a machine shared with other work, throughput
 * moves by a factor of several within seconds; sides measured in one long stretch each would compare
 * the machine's moods more than the code. Each side also reports the CPU this process spent per job.
 *
 *   node bench/jobs/run.js [--jobs 2000] [--runs 3] [--rounds 4]
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createTestEnv, type TestEnv } from '../../apps/api/src/testing/test-app';

interface Args {
  /** Jobs per side and run, split evenly over the rounds. */
  jobs: number;
  runs: number;
  rounds: number;
}

function parse(argv: string[]): Args {
  const a: Args = { jobs: 2000, runs: 3, rounds: 4 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') a.jobs = Number(argv[++i]);
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else if (argv[i] === '--rounds') a.rounds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const positive = [a.jobs, a.runs, a.rounds].every((n) => Number.isInteger(n) && n >= 1);
  if (!positive || a.jobs < a.rounds) throw new Error('--jobs, --runs and --rounds expect positive integers, and --jobs at least --rounds');
  return a;
}

const CONCURRENCY = 8;
const WARM_UP_JOBS = 500;

/** What one side spent on its slices of a run: wall time, and CPU of this process (user + system). */
class Tally {
  jobs = 0;
  seconds = 0;
  cpuMicros = 0;

  async time(jobs: number, slice: () => Promise<void>): Promise<void> {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await slice();
    this.seconds += Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    this.cpuMicros += used.user + used.system;
    this.jobs += jobs;
  }

  get jobsPerSecond(): number {
    return this.jobs / this.seconds;
  }

  get cpuMsPerJob(): number {
    return this.cpuMicros / 1000 / this.jobs;
  }
}

/** Counts events (pass `tick` as the listener); `wait` resolves once `count` of them followed `start`. */
class Countdown {
  private remaining = 0;
  private finish: () => void = () => undefined;

  readonly tick = (): void => {
    this.remaining -= 1;
    if (this.remaining === 0) this.finish();
  };

  wait(count: number, start: () => Promise<unknown>): Promise<void> {
    this.remaining = count;
    const done = new Promise<void>((resolve) => (this.finish = resolve));
    return start().then(() => done);
  }
}

interface BenchSide {
  slice(jobs: number): Promise<void>;
  close(): Promise<void>;
}

async function openRawBullmq(redisUrl: string): Promise<BenchSide> {
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379) };
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const queue = new Queue('raw', { connection, prefix });
  const worker = new Worker('raw', () => Promise.resolve(null), { connection, prefix, concurrency: CONCURRENCY });
  const completed = new Countdown();
  worker.on('completed', completed.tick);
  await Promise.all([worker.waitUntilReady(), queue.waitUntilReady()]);
  return {
    // One add per job, as the jobs service is called: a fair comparison of enqueue + run.
    slice: (jobs) => completed.wait(jobs, () => Promise.all(Array.from({ length: jobs }, (_, i) => queue.add('noop', { i }, { removeOnComplete: true })))),
    async close() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

async function openJobsService(): Promise<BenchSide> {
  const { WorkerModule } = await import('../../apps/api/src/worker/worker.module');
  const { JobsService } = await import('../../apps/api/src/jobs/jobs.service');
  const { JobQueues } = await import('../../apps/api/src/jobs/queues.module');
  const { JobHandlerRegistry } = await import('../../apps/api/src/worker/job-handler.registry');
  const processors = await import('../../apps/api/src/worker/jobs.processors');
  const app: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  // Every job runs a no-op handler: what is measured is the jobs machinery, not a handler's work.
  const registry = app.get(JobHandlerRegistry);
  registry.get = () => () => Promise.resolve(null);
  const service = app.get(JobsService);
  const workers = [processors.CrawlQueueProcessor, processors.FixesQueueProcessor, processors.MaintenanceQueueProcessor, processors.DeliveryQueueProcessor].map((host) => app.get(host).worker);
  // As on the raw side, the clock starts once every queue and worker has its Redis connection ready.
  await Promise.all([...workers.map((worker) => worker.waitUntilReady()), ...app.get(JobQueues).all().map((queue) => queue.waitUntilReady())]);
  // Counted as the raw side counts its jobs, by BullMQ's completed events: the runner commits a row's
  // COMPLETED before BullMQ hears the job is done. The rows are checked after each slice, untimed,
  // instead of polled while the clock runs (each poll cost this process a Prisma query).
  const completed = new Countdown();
  app.get(processors.DeliveryQueueProcessor).worker.on('completed', completed.tick);
  const payload = { to: 'bench@example.com', subject: 'bench', text: 'bench' };
  return {
    slice: (jobs) => completed.wait(jobs, () => Promise.all(Array.from({ length: jobs }, () => service.enqueue('SEND_EMAIL', payload)))),
    close: () => app.close(),
  };
}

/**
 * After a service slice (untimed): every bench row says COMPLETED, then the rows go so the next slice
 * starts from an empty table. Only SEND_EMAIL rows are the bench's: the worker's own schedules may
 * enqueue maintenance jobs meanwhile.
 */
async function checkAndClearRows(env: TestEnv, jobs: number): Promise<void> {
  const completed = await env.prisma.job.count({ where: { type: 'SEND_EMAIL', status: 'COMPLETED' } });
  if (completed !== jobs) throw new Error(`BullMQ completed ${jobs} jobs but ${completed} rows say COMPLETED`);
  await env.prisma.job.deleteMany({});
}

async function oneRun(env: TestEnv, redisUrl: string, args: Args): Promise<{ raw: Tally; service: Tally }> {
  const raw = new Tally();
  const service = new Tally();
  const rawSide = await openRawBullmq(redisUrl);
  const serviceSide = await openJobsService();
  try {
    // Untimed first slices: without them the first run's raw side ran on cold code and looked slower.
    await rawSide.slice(WARM_UP_JOBS);
    await serviceSide.slice(WARM_UP_JOBS);
    await checkAndClearRows(env, WARM_UP_JOBS);
    for (let round = 0; round < args.rounds; round++) {
      // The last round takes the remainder, so each side runs exactly --jobs jobs.
      const jobs = round < args.rounds - 1 ? Math.floor(args.jobs / args.rounds) : args.jobs - Math.floor(args.jobs / args.rounds) * (args.rounds - 1);
      await raw.time(jobs, () => rawSide.slice(jobs));
      await service.time(jobs, () => serviceSide.slice(jobs));
      await checkAndClearRows(env, jobs);
    }
  } finally {
    await serviceSide.close();
    await rawSide.close();
  }
  return { raw, service };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const env = await createTestEnv({ NODE_ENV: 'production' });
  try {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const ratios: number[] = [];
    const rows: { raw: Tally; service: Tally }[] = [];
    for (let run = 1; run <= args.runs; run++) {
      const { raw, service } = await oneRun(env, redisUrl, args);
      rows.push({ raw, service });
      ratios.push(service.jobsPerSecond / raw.jobsPerSecond);
      console.log(
        `run ${run}: raw BullMQ ${raw.jobsPerSecond.toFixed(0)} jobs/s (${raw.cpuMsPerJob.toFixed(2)} ms CPU/job)   ` +
          `jobs service (Job row mirrored) ${service.jobsPerSecond.toFixed(0)} jobs/s (${service.cpuMsPerJob.toFixed(2)} ms CPU/job)   ` +
          `ratio ${ratios[ratios.length - 1]!.toFixed(2)}   load average ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const raw = median(rows.map((r) => r.raw.jobsPerSecond));
    const service = median(rows.map((r) => r.service.jobsPerSecond));
    console.log(
      `median of ${args.runs} runs, ${args.jobs} jobs per side each in ${args.rounds} alternating rounds, concurrency ${CONCURRENCY}: ` +
        `raw ${raw.toFixed(0)} jobs/s, service ${service.toFixed(0)} jobs/s, median of the runs' own ratios ${median(ratios).toFixed(2)} (goal >= 0.25)`,
    );
    return 0;
  } finally {
    await env.close();
  }
}
