import { Injectable } from '@nestjs/common';
import { Prisma, type Job, type JobStatus, type JobType } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import { PrismaService } from '../prisma/prisma.service';
import { MicroBatch } from './micro-batch';

const LIVE: JobStatus[] = ['PENDING', 'RUNNING', 'RETRYING'];

export interface JobFilter {
  status?: JobStatus;
  type?: JobType;
  userId?: string;
  connectionId?: string;
}

@Injectable()
export class JobsRepository {
  /** Starts and completions asked for in the same turn of the event loop, one statement each (see start()). */
  private readonly starts = new MicroBatch<StartRequest, Job | null>((requests) => this.inDistinctRounds(requests, (round) => this.startAll(round)));
  private readonly completions = new MicroBatch<CompleteRequest, boolean>((requests) => this.inDistinctRounds(requests, (round) => this.completeAll(round)));

  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.JobUncheckedCreateInput): Promise<Job> {
    return this.prisma.job.create({ data });
  }

  /**
   * Inserts many rows in one statement (one round trip and one commit instead of one each), in
   * the order given. Raw SQL on the service's own pool: Prisma's query compiler costs more CPU per
   * create than Postgres spends on the insert. Rows carry no dedupe key (those go through create(),
   * whose unique-index race is handled by the caller).
   */
  async createMany(rows: NewJobRow[]): Promise<Job[]> {
    if (rows.length === 0) return [];
    const now = new Date().toISOString();
    const records = rows.map((row) => ({
      id: newJobId(),
      type: row.type,
      payload: row.payload,
      priority: row.priority,
      maxAttempts: row.maxAttempts,
      scheduledFor: row.scheduledFor ? row.scheduledFor.toISOString() : null,
      userId: row.userId,
      connectionId: row.connectionId,
    }));
    // Timestamps are stored as UTC wall time (timestamp(3) without time zone), as Prisma stores them.
    const inserted = await this.prisma.rows<Job>(Prisma.sql`
      INSERT INTO "Job" ("id", "type", "payload", "priority", "maxAttempts", "scheduledFor", "userId", "connectionId", "createdAt", "updatedAt")
      SELECT r."id", r."type"::"JobType", r."payload", r."priority", r."maxAttempts", r."scheduledFor" AT TIME ZONE 'UTC', r."userId", r."connectionId",
             ${now}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        AS r("id" text, "type" text, "payload" jsonb, "priority" int, "maxAttempts" int, "scheduledFor" timestamptz, "userId" text, "connectionId" text)
      RETURNING *`);
    const byId = new Map(inserted.map((job) => [job.id, job]));
    return records.map((record) => byId.get(record.id)!);
  }

  findById(id: string): Promise<Job | null> {
    return this.prisma.job.findUnique({ where: { id } });
  }

  findByDedupeKey(dedupeKey: string): Promise<Job | null> {
    return this.prisma.job.findUnique({ where: { dedupeKey } });
  }

  findOfUser(id: string, userId: string): Promise<Job | null> {
    return this.prisma.job.findFirst({ where: { id, userId } });
  }

  async findPage(filter: JobFilter, skip: number, take: number): Promise<[Job[], number]> {
    const where: Prisma.JobWhereInput = { ...filter };
    return this.prisma.$transaction([
      this.prisma.job.findMany({ where, orderBy: { createdAt: 'desc' }, skip, take }),
      this.prisma.job.count({ where }),
    ]);
  }

  /** Live jobs not touched for a while: candidates for re-enqueueing if Redis lost them. */
  findStaleLive(olderThan: Date, take: number): Promise<Job[]> {
    return this.prisma.job.findMany({ where: { status: { in: LIVE }, updatedAt: { lt: olderThan } }, orderBy: { updatedAt: 'asc' }, take });
  }

  /**
   * Status transitions are conditional updates: a job that was cancelled (or already finished by a
   * duplicate run) is never moved back to running or completed by a late writer.
   */
  async transition(id: string, from: JobStatus[], data: Prisma.JobUncheckedUpdateInput): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  /**
   * Moves a live job to RUNNING and counts the attempt, in one conditional statement that returns the
   * row (null when the job is missing or already ended). The attempt is at least `attemptFloor`
   * (BullMQ's count); a row still RUNNING means an earlier run died with its worker, and that run counts.
   * Starts asked for in the same turn of the event loop share one statement (one commit, whose disk
   * flush is most of a start's time); each caller still waits for its row's committed update.
   */
  start(id: string, attemptFloor: number): Promise<Job | null> {
    return this.starts.push({ id, attemptFloor });
  }

  /**
   * RUNNING -> COMPLETED with its result, in one statement; false when the row was no longer running
   * (cancelled meanwhile). Completions of the same turn share one statement, as starts do; the promise
   * settles once that statement has committed, so a caller that then tells the queue the job is done
   * never leaves a finished job behind a row that does not say so.
   */
  async complete(id: string, result: unknown): Promise<boolean> {
    // Serialized here, so a result that cannot be stored fails its own job only (a rejection), not the batch.
    const resultJson = JSON.stringify(result ?? null);
    return await this.completions.push({ id, resultJson });
  }

  private async startAll(requests: StartRequest[]): Promise<(Job | null)[]> {
    const now = new Date().toISOString();
    const started = await this.prisma.rows<Job>(Prisma.sql`
      UPDATE "Job" SET "status" = 'RUNNING',
        "attempts" = GREATEST(r."attemptFloor", CASE WHEN "Job"."status" = 'RUNNING' THEN "Job"."attempts" + 1 ELSE 1 END),
        "startedAt" = ${now}::timestamptz AT TIME ZONE 'UTC', "error" = NULL, "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${requests.map((request) => request.id)}::text[], ${requests.map((request) => request.attemptFloor)}::int[]) AS r("id", "attemptFloor")
      WHERE "Job"."id" = r."id" AND "Job"."status" IN ('PENDING', 'RETRYING', 'RUNNING')
      RETURNING "Job".*`);
    const byId = new Map(started.map((job) => [job.id, job]));
    return requests.map((request) => byId.get(request.id) ?? null);
  }

  private async completeAll(requests: CompleteRequest[]): Promise<boolean[]> {
    const now = new Date().toISOString();
    const completed = await this.prisma.rows<{ id: string }>(Prisma.sql`
      UPDATE "Job" SET "status" = 'COMPLETED', "progress" = 100, "result" = r."result",
        "completedAt" = ${now}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${requests.map((request) => request.id)}::text[], ${requests.map((request) => request.resultJson)}::jsonb[]) AS r("id", "result")
      WHERE "Job"."id" = r."id" AND "Job"."status" = 'RUNNING'
      RETURNING "Job"."id"`);
    const ids = new Set(completed.map((row) => row.id));
    return requests.map((request) => ids.has(request.id));
  }

  /**
   * Runs `run` on the requests in rounds whose ids are distinct, in the order asked: two requests for
   * one job in a batch (a duplicate delivery) must see each other's update, as two statements would,
   * not be joined to the row once by a single one.
   */
  private async inDistinctRounds<R extends { id: string }, O>(requests: R[], run: (round: R[]) => Promise<O[]>): Promise<O[]> {
    const results: O[] = new Array<O>(requests.length);
    let remaining = requests.map((request, index) => ({ request, index }));
    while (remaining.length > 0) {
      const seen = new Set<string>();
      const round: typeof remaining = [];
      const later: typeof remaining = [];
      for (const entry of remaining) {
        if (seen.has(entry.request.id)) later.push(entry);
        else {
          seen.add(entry.request.id);
          round.push(entry);
        }
      }
      const outputs = await run(round.map((entry) => entry.request));
      round.forEach((entry, i) => (results[entry.index] = outputs[i]!));
      remaining = later;
    }
    return results;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.prisma.job.updateMany({ where: { id, status: 'RUNNING' }, data: { progress } });
  }

  async isCancelled(id: string): Promise<boolean> {
    const job = await this.prisma.job.findUnique({ where: { id }, select: { status: true } });
    return !job || job.status === 'CANCELLED';
  }

  touch(id: string): Promise<Job> {
    return this.prisma.job.update({ where: { id }, data: { updatedAt: new Date() } });
  }
}

export const LIVE_JOB_STATUSES = LIVE;

interface StartRequest {
  id: string;
  attemptFloor: number;
}

interface CompleteRequest {
  id: string;
  resultJson: string;
}

export interface NewJobRow {
  type: JobType;
  payload: Prisma.InputJsonValue;
  priority: number;
  maxAttempts: number;
  scheduledFor: Date | null;
  userId: string | null;
  connectionId: string | null;
}

let idCounter = 0;

/** A collision-resistant id in the shape of Prisma's cuid() (c + 24 lowercase base-36 characters: time, counter, random). */
export function newJobId(): string {
  idCounter = (idCounter + 1) % 1_679_616;
  const time = Date.now().toString(36).padStart(9, '0').slice(-9);
  const counter = idCounter.toString(36).padStart(4, '0');
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(13, '0').slice(-11);
  return `c${time}${counter}${random}`;
}
