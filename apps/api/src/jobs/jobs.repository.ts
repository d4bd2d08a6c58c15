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
  /** Reads, marks and completions asked for in the same turn of the event loop, one statement each. */
  private readonly reads = new MicroBatch<string, Job | null>((ids) => this.findLiveAll(ids));
  private readonly marks = new MicroBatch<MarkRequest, boolean>((requests) => this.inDistinctRounds(requests, (round) => this.markAll(round)));
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
   * The live row of a job about to run (null when it is missing or already ended: a duplicate
   * delivery). A read, so it waits for no commit; reads asked for in the same turn share one statement.
   */
  findLive(id: string): Promise<Job | null> {
    return this.reads.push(id);
  }

  /**
   * Marks a run in the row: RUNNING, its attempt number and start time, in one conditional statement
   * (false when the row is no longer live, e.g. cancelled, or already says this run or a later one
   * started: a mark that arrives late never moves a row back). The runner writes it only for a run that
   * outlasts a few milliseconds; a shorter run is written once, by its completion or failure. Marks
   * asked for in the same turn share one statement.
   */
  markRunning(id: string, run: RunMark): Promise<boolean> {
    return this.marks.push({ id, ...run });
  }

  /**
   * A live row -> COMPLETED with its result, the run's attempt and start time, in one statement; false
   * when the row was no longer live (cancelled meanwhile). Completions of the same turn share one
   * statement; the promise settles once that statement has committed, so a caller that then tells the
   * queue the job is done never leaves a finished job behind a row that does not say so.
   */
  async complete(id: string, result: unknown, run: RunMark): Promise<boolean> {
    // Serialized here, so a result that cannot be stored fails its own job only (a rejection), not the batch.
    const resultJson = JSON.stringify(result ?? null);
    return await this.completions.push({ id, resultJson, ...run });
  }

  private async findLiveAll(ids: string[]): Promise<(Job | null)[]> {
    const rows = await this.prisma.rows<Job>(Prisma.sql`
      SELECT * FROM "Job" WHERE "id" = ANY(${ids}::text[]) AND "status" IN ('PENDING', 'RETRYING', 'RUNNING')`);
    const byId = new Map(rows.map((job) => [job.id, job]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async markAll(requests: MarkRequest[]): Promise<boolean[]> {
    const now = new Date().toISOString();
    const marked = await this.prisma.rows<{ id: string }>(Prisma.sql`
      UPDATE "Job" SET "status" = 'RUNNING', "attempts" = GREATEST("Job"."attempts", r."attempt"),
        "startedAt" = r."startedAt" AT TIME ZONE 'UTC', "error" = NULL, "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${requests.map((request) => request.id)}::text[], ${requests.map((request) => request.attempt)}::int[],
                  ${requests.map((request) => request.startedAt.toISOString())}::timestamptz[]) AS r("id", "attempt", "startedAt")
      WHERE "Job"."id" = r."id" AND "Job"."status" IN ('PENDING', 'RETRYING', 'RUNNING')
        -- A mark that arrives after its own run's failure (RETRYING, with this start time) or after a
        -- later run started changes nothing.
        AND ("Job"."startedAt" IS NULL OR "Job"."startedAt" < r."startedAt" AT TIME ZONE 'UTC')
      RETURNING "Job"."id"`);
    const ids = new Set(marked.map((row) => row.id));
    return requests.map((request) => ids.has(request.id));
  }

  private async completeAll(requests: CompleteRequest[]): Promise<boolean[]> {
    const now = new Date().toISOString();
    const completed = await this.prisma.rows<{ id: string }>(Prisma.sql`
      UPDATE "Job" SET "status" = 'COMPLETED', "progress" = 100, "result" = r."result", "error" = NULL,
        "attempts" = GREATEST("Job"."attempts", r."attempt"), "startedAt" = r."startedAt" AT TIME ZONE 'UTC',
        "completedAt" = ${now}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${requests.map((request) => request.id)}::text[], ${requests.map((request) => request.resultJson)}::jsonb[],
                  ${requests.map((request) => request.attempt)}::int[], ${requests.map((request) => request.startedAt.toISOString())}::timestamptz[])
        AS r("id", "result", "attempt", "startedAt")
      WHERE "Job"."id" = r."id" AND "Job"."status" IN ('PENDING', 'RETRYING', 'RUNNING')
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
    await this.prisma.job.updateMany({ where: { id, status: { in: LIVE } }, data: { progress } });
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

/** One run of a job: its attempt number (1 for the first) and when it started. */
export interface RunMark {
  attempt: number;
  startedAt: Date;
}

interface MarkRequest extends RunMark {
  id: string;
}

interface CompleteRequest extends RunMark {
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
