import { ConflictException, HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Prisma, type Job } from '@prisma/client';
import { QUEUE_OF, type JobPayloads, type JobTypeName, type QueueName } from '@seology/contracts';
import type { JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import type { Actor } from '../common/decorators/auth.decorators';
import { ApiError } from '../common/filters/http-error.filter';
import { PaginationQueryDto, toPage, type Page } from '../common/dto/pagination.dto';
import { JobDto, ListJobsQueryDto } from './dto/job.dto';
import { JobFinalFailureHooks } from './job-final-failure-hooks';
import { JobFilter, JobsRepository, LIVE_JOB_STATUSES, type NewJobRow } from './jobs.repository';
import { MicroBatch } from './micro-batch';
import { JobQueues } from './queues.module';

/** How long an enqueue waits for Redis to answer before refusing with 503 (callers are promised an answer within 2 s). */
const QUEUE_PROBE_MS = 1500;

export interface EnqueueOptions {
  userId?: string | null;
  connectionId?: string | null;
  /** 0 (default) to 10; higher runs first. */
  priority?: number;
  scheduledFor?: Date;
  /**
   * Run this long after the row is written (instead of scheduledFor): a delay counts from the job's
   * creation, not from before the queue probe and the de-duplication lookup, which take time under load.
   */
  delayMs?: number;
  /** A second enqueue with the same key returns the first job instead of creating another. */
  dedupeKey?: string;
  maxAttempts?: number;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Creates the Job row and the BullMQ job together (row first, so a job can never run without its
 * row; the reconciler re-adds rows whose BullMQ job was lost, e.g. after a Redis restart).
 */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  /** Enqueues made in the same turn of the event loop share one INSERT of their rows and one addBulk per queue. */
  private readonly inserts = new MicroBatch<NewJobRow, Job>((rows) => this.jobs.createMany(rows));
  private readonly adds = new MicroBatch<Job, void>((jobs) => this.addAllToQueues(jobs));
  /** The queue probe in flight per queue: concurrent enqueues wait for the same answer instead of asking Redis each. */
  private readonly probes = new Map<QueueName, Promise<boolean>>();

  constructor(
    private readonly jobs: JobsRepository,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
    private readonly finalFailure: JobFinalFailureHooks,
  ) {}

  private newRow<T extends JobTypeName>(type: T, payload: JobPayloads[T], options: EnqueueOptions): NewJobRow {
    const scheduledFor = options.delayMs !== undefined ? new Date(Date.now() + Math.max(0, options.delayMs)) : (options.scheduledFor ?? null);
    return {
      type,
      payload,
      priority: clampPriority(options.priority ?? 0),
      maxAttempts: options.maxAttempts ?? 3,
      scheduledFor,
      userId: options.userId ?? null,
      connectionId: options.connectionId ?? null,
    };
  }

  /** Row first, then the queue: a job never runs without its row. */
  private async insertAndAdd(row: NewJobRow): Promise<Job> {
    const job = await this.inserts.push(row);
    await this.adds.push(job);
    return job;
  }

  async enqueue<T extends JobTypeName>(type: T, payload: JobPayloads[T], options: EnqueueOptions = {}): Promise<Job> {
    await this.assertQueueAvailable(type);
    if (!options.dedupeKey) return this.insertAndAdd(this.newRow(type, payload, options));
    const existing = await this.jobs.findByDedupeKey(options.dedupeKey);
    if (existing) return existing;
    const row = this.newRow(type, payload, options);
    let job: Job;
    try {
      job = await this.jobs.create({ ...row, dedupeKey: options.dedupeKey });
    } catch (error) {
      // Two processes enqueued the same key at once: the unique index let one win; return it.
      if (options.dedupeKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const winner = await this.jobs.findByDedupeKey(options.dedupeKey);
        if (winner) return winner;
      }
      throw error;
    }
    await this.addToQueue(job);
    return job;
  }

  /**
   * 503 within QUEUE_PROBE_MS when the queue's Redis does not answer. Callers that write rows
   * of their own before enqueueing (a Crawl) call it first, so a refused request leaves nothing behind.
   * Without the probe, BullMQ's connection keeps commands in its offline queue and the request hangs
   * until Redis is back.
   */
  async assertQueueAvailable(type: JobTypeName): Promise<void> {
    const name = QUEUE_OF[type];
    let probe = this.probes.get(name);
    if (!probe) {
      probe = this.probe(this.queues.get(name));
      this.probes.set(name, probe);
      void probe.finally(() => this.probes.delete(name));
    }
    if (!(await probe)) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The job queue (Redis) is not answering, so nothing was started. Try again in a minute; if this persists, Redis needs attention.',
        'QUEUE_UNAVAILABLE',
        { retryAfterSeconds: 30 },
      );
    }
  }

  private async probe(queue: { getVersion(): Promise<unknown> }): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      queue.getVersion().then(() => true, () => false),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), QUEUE_PROBE_MS);
      }),
    ]);
    clearTimeout(timer);
    return answered;
  }

  async listForUser(actor: Actor, query: ListJobsQueryDto): Promise<Page<JobDto>> {
    return this.page({ status: query.status, type: query.type, userId: actor.userId }, query);
  }

  async listAll(query: ListJobsQueryDto): Promise<Page<JobDto>> {
    return this.page({ status: query.status, type: query.type, userId: query.userId }, query);
  }

  async getForUser(actor: Actor, id: string): Promise<JobDto> {
    const job = await this.jobs.findOfUser(id, actor.userId);
    if (!job) throw new NotFoundException('No job with this id.');
    return toJobDto(job);
  }

  async cancelForUser(actor: Actor, id: string): Promise<JobDto> {
    const job = await this.jobs.findOfUser(id, actor.userId);
    if (!job) throw new NotFoundException('No job with this id.');
    return this.cancel(job);
  }

  async cancelById(id: string): Promise<JobDto> {
    const job = await this.jobs.findById(id);
    if (!job) throw new NotFoundException('No job with this id.');
    return this.cancel(job);
  }

  /** Runs a FAILED or CANCELLED job again from its first attempt. */
  async retry(id: string): Promise<JobDto> {
    const job = await this.jobs.findById(id);
    if (!job) throw new NotFoundException('No job with this id.');
    if (job.status !== 'FAILED' && job.status !== 'CANCELLED') {
      throw new ConflictException(`Only failed or cancelled jobs can be retried; this one is ${job.status}.`);
    }
    const moved = await this.jobs.transition(job.id, [job.status], {
      status: 'PENDING', attempts: 0, progress: 0, error: null, failedAt: null, cancelledAt: null, completedAt: null, startedAt: null,
    });
    if (!moved) throw new ConflictException('The job changed state meanwhile; reload and try again.');
    const queue = this.queues.get(QUEUE_OF[job.type]);
    const existing = await queue.getJob(job.id);
    if (existing) await existing.remove().catch(() => undefined);
    await this.addToQueue({ ...job, status: 'PENDING' });
    return toJobDto((await this.jobs.findById(job.id))!);
  }

  /**
   * Re-adds live jobs that BullMQ no longer knows (Redis restarted without persistence, or the process
   * died between creating the row and adding the job). Safe to run from several workers at once:
   * BullMQ ignores an add whose jobId exists.
   */
  async reconcile(staleAfterMs = 120_000): Promise<number> {
    const stale = await this.jobs.findStaleLive(new Date(Date.now() - staleAfterMs), 200);
    let readded = 0;
    for (const job of stale) {
      const queue = this.queues.get(QUEUE_OF[job.type]);
      const existing = await queue.getJob(job.id);
      const state = existing ? await existing.getState() : 'missing';
      if (state === 'missing' || state === 'unknown') {
        this.logger.warn(`re-enqueueing ${job.type} job ${job.id} (${job.status}) that the queue lost`);
        await this.addToQueue(job);
        readded += 1;
      } else if (state === 'failed' && job.status !== 'FAILED') {
        // BullMQ gave up without the runner seeing it (e.g. a job that stalled too often).
        const error = existing?.failedReason || 'failed';
        if (await this.jobs.transition(job.id, LIVE_JOB_STATUSES, { status: 'FAILED', failedAt: new Date(), error })) await this.finalFailure.run(job, error);
      } else {
        await this.jobs.touch(job.id);
      }
    }
    return readded;
  }

  private async cancel(job: Job): Promise<JobDto> {
    if (TERMINAL.has(job.status)) {
      throw new ConflictException(`This job already ended (${job.status}); there is nothing to cancel.`);
    }
    const moved = await this.jobs.transition(job.id, LIVE_JOB_STATUSES, { status: 'CANCELLED', cancelledAt: new Date() });
    if (!moved) throw new ConflictException('The job ended meanwhile; there is nothing to cancel.');
    // A waiting or delayed job is removed; a running one sees CANCELLED at its next check and stops.
    const bullJob = await this.queues.get(QUEUE_OF[job.type]).getJob(job.id);
    if (bullJob && !(await bullJob.isActive())) await bullJob.remove().catch(() => undefined);
    return toJobDto((await this.jobs.findById(job.id))!);
  }

  private async addToQueue(job: Job): Promise<void> {
    try {
      await this.queues.get(QUEUE_OF[job.type]).add(job.type, { payload: job.payload }, this.queueOptions(job));
    } catch (error) {
      // The row stays PENDING and the reconciler re-adds it once Redis is back: the job is not lost.
      this.logger.error(`could not add job ${job.id} to the queue yet: ${(error as Error).message}`);
    }
  }

  /** addToQueue for many jobs: one addBulk per queue. */
  private async addAllToQueues(jobs: Job[]): Promise<void[]> {
    const byQueue = new Map<QueueName, Job[]>();
    for (const job of jobs) {
      const name = QUEUE_OF[job.type];
      const batch = byQueue.get(name);
      if (batch) batch.push(job);
      else byQueue.set(name, [job]);
    }
    await Promise.all([...byQueue].map(async ([name, batch]) => {
      try {
        await this.queues.get(name).addBulk(batch.map((job) => ({ name: job.type, data: { payload: job.payload }, opts: this.queueOptions(job) })));
      } catch (error) {
        // As in addToQueue: the rows stay PENDING and the reconciler re-adds them.
        this.logger.error(`could not add ${batch.length} job(s) to the ${name} queue yet: ${(error as Error).message}`);
      }
    }));
    return jobs.map(() => undefined);
  }

  private queueOptions(job: Job): JobsOptions {
    const delay = job.scheduledFor ? Math.max(0, job.scheduledFor.getTime() - Date.now()) : 0;
    return {
      jobId: job.id,
      attempts: job.maxAttempts,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      // BullMQ runs priority 1 first; ours is 0..10 with 10 first. Always set, so all jobs share one ordering.
      priority: 11 - job.priority,
      delay,
      removeOnComplete: { age: 86_400, count: 5_000 },
      removeOnFail: { age: 7 * 86_400 },
    };
  }

  private async page(filter: JobFilter, query: PaginationQueryDto): Promise<Page<JobDto>> {
    const [items, total] = await this.jobs.findPage(filter, query.skip, query.pageSize);
    return toPage(items.map(toJobDto), total, query);
  }
}

function clampPriority(priority: number): number {
  return Math.min(10, Math.max(0, Math.round(priority)));
}

export function toJobDto(job: Job): JobDto {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    priority: job.priority,
    progress: job.progress,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    payload: job.payload,
    result: job.result,
    error: job.error,
    connectionId: job.connectionId,
    userId: job.userId,
    scheduledFor: job.scheduledFor,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    failedAt: job.failedAt,
    cancelledAt: job.cancelledAt,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
