import { Injectable } from '@nestjs/common';
import type { Connection, Prisma, TeamRole } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { siteAccessibleBy } from './site-access';

/** Every read is scoped to what the acting user may reach; another tenant's id simply finds nothing. */
@Injectable()
export class ConnectionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  private accessibleBy(userId: string): Prisma.ConnectionWhereInput {
    return siteAccessibleBy(userId);
  }

  /** The site and, when it belongs to a team, the caller's role in that team. */
  async findAccessibleWithRole(id: string, userId: string): Promise<{ connection: Connection; teamRole: TeamRole | null } | null> {
    const connection = await this.prisma.connection.findFirst({
      where: { id, ...this.accessibleBy(userId) },
      include: { team: { select: { members: { where: { userId }, select: { role: true } } } } },
    });
    if (!connection) return null;
    const { team, ...plain } = connection;
    // The site's own creator keeps full rights; otherwise the team role decides.
    const teamRole = plain.userId === userId ? null : (team?.members[0]?.role ?? null);
    return { connection: plain, teamRole };
  }

  /** A page of the sites the user reaches, each with the user's team role as in findAccessibleWithRole. */
  async findAccessiblePage(userId: string, skip: number, take: number): Promise<[{ connection: Connection; teamRole: TeamRole | null }[], number]> {
    const where = this.accessibleBy(userId);
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.connection.findMany({
        where,
        orderBy: { createdAt: 'desc' },
        skip,
        take,
        include: { team: { select: { members: { where: { userId }, select: { role: true } } } } },
      }),
      this.prisma.connection.count({ where }),
    ]);
    const items = rows.map(({ team, ...plain }) => ({ connection: plain, teamRole: plain.userId === userId ? null : (team?.members[0]?.role ?? null) }));
    return [items, total];
  }

  /** Site-wide daily health scores since `since` for those of `ids` the user reaches, oldest first. */
  findHealthHistory(userId: string, ids: string[], since: Date): Promise<{ connectionId: string; date: Date; healthScore: number | null }[]> {
    return this.prisma.metric.findMany({
      where: { connectionId: { in: ids }, connection: this.accessibleBy(userId), pageUrl: '', healthScore: { not: null }, date: { gte: since } },
      orderBy: [{ connectionId: 'asc' }, { date: 'asc' }],
      select: { connectionId: true, date: true, healthScore: true },
    });
  }

  findOwnedByDomain(userId: string, domain: string): Promise<Connection | null> {
    return this.prisma.connection.findUnique({ where: { userId_domain: { userId, domain } } });
  }

  /** `tx` lets the insert run inside the transaction that checked the plan's sites limit. */
  create(data: Prisma.ConnectionUncheckedCreateInput, tx: Prisma.TransactionClient = this.prisma): Promise<Connection> {
    return tx.connection.create({ data });
  }

  update(id: string, data: Prisma.ConnectionUncheckedUpdateInput): Promise<Connection> {
    return this.prisma.connection.update({ where: { id }, data });
  }

  /** updateMany: a site deleted meanwhile is not an error for a connector that only cached its API root. */
  async setWordPressApiRoot(id: string, root: string): Promise<void> {
    await this.prisma.connection.updateMany({ where: { id }, data: { wordpressApiRoot: root } });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.connection.delete({ where: { id } });
  }
}
