import { Injectable } from '@nestjs/common';
import type { Issue, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { ListIssuesQueryDto } from './dto/issue.dto';
import { siteAccessibleBy } from '../connections/site-access';

@Injectable()
export class IssuesRepository {
  constructor(private readonly prisma: PrismaService) {}

  private where(connectionId: string, query: ListIssuesQueryDto): Prisma.IssueWhereInput {
    return {
      connectionId,
      status: { in: query.status ?? ['OPEN', 'FIXING'] },
      ...(query.severity ? { severity: { in: query.severity } } : {}),
      ...(query.type ? { type: { in: query.type } } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.url ? { pageUrl: { contains: query.url, mode: 'insensitive' } } : {}),
      ...(query.q
        ? {
            OR: [
              { title: { contains: query.q, mode: 'insensitive' } },
              { description: { contains: query.q, mode: 'insensitive' } },
              { pageUrl: { contains: query.q, mode: 'insensitive' } },
              { evidence: { contains: query.q, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
  }

  private orderBy(query: ListIssuesQueryDto): Prisma.IssueOrderByWithRelationInput[] {
    const order = query.order ?? 'desc';
    // Severity sorts by the enum's declared order (CRITICAL first); a stable tie-breaker keeps pages from shuffling.
    const primary: Prisma.IssueOrderByWithRelationInput =
      query.sort === 'severity' ? { severity: order === 'desc' ? 'asc' : 'desc' } : { [query.sort ?? 'impactScore']: order };
    return [primary, { id: 'asc' }];
  }

  async findPage(connectionId: string, query: ListIssuesQueryDto): Promise<[Issue[], number]> {
    const where = this.where(connectionId, query);
    return this.prisma.$transaction([
      this.prisma.issue.findMany({ where, orderBy: this.orderBy(query), skip: query.skip, take: query.pageSize }),
      this.prisma.issue.count({ where }),
    ]);
  }

  /** Batches through every matching issue (CSV export) without loading them all at once. */
  async *iterate(connectionId: string, query: ListIssuesQueryDto): AsyncGenerator<Issue[]> {
    const where = this.where(connectionId, query);
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.prisma.issue.findMany({
        where, orderBy: { id: 'asc' }, take: 1000, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      });
      if (batch.length === 0) return;
      yield batch;
      cursor = batch[batch.length - 1]!.id;
    }
  }

  findAccessible(id: string, userId: string): Promise<Issue | null> {
    return this.prisma.issue.findFirst({
      where: { id, connection: siteAccessibleBy(userId) },
    });
  }

  update(id: string, data: Prisma.IssueUpdateInput): Promise<Issue> {
    return this.prisma.issue.update({ where: { id }, data });
  }

  async countOpen(connectionId: string): Promise<number> {
    return this.prisma.issue.count({ where: { connectionId, status: 'OPEN' } });
  }

  async setConnectionIssueCount(connectionId: string, issueCount: number): Promise<void> {
    await this.prisma.connection.update({ where: { id: connectionId }, data: { issueCount } });
  }
}
