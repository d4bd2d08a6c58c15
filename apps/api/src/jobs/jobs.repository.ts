import { Injectable } from '@nestjs/common';
import { Prisma, type Job, type JobStatus, type JobType } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

const LIVE: JobStatus[] = ['PENDING', 'RUNNING', 'RETRYING'];

export interface JobFilter {
  status?: JobStatus;
  type?: JobType;
  userId?: string;
  connectionId?: string;
}

@Injectable()
export class JobsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.JobUncheckedCreateInput): Promise<Job> {
    return this.prisma.job.create({ data });
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
