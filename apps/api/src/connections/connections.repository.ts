import { Injectable } from '@nestjs/common';
import { Prisma, type Connection, type TeamRole } from '@prisma/client';
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
    // Every authenticated site route starts here, so it is one raw statement: Prisma's `include` of the
    // team's members took three queries and about 3 ms of query compilation. The rule is siteAccessibleBy's:
    // the creator, or a member of the site's team.
    const [row] = await this.prisma.rows<Connection & { memberRole: TeamRole | null }>(Prisma.sql`
      SELECT c.*, m."role"::text AS "memberRole"
      FROM "Connection" c
      LEFT JOIN "TeamMember" m ON m."teamId" = c."teamId" AND m."userId" = ${userId}
      WHERE c."id" = ${id} AND (c."userId" = ${userId} OR m."userId" IS NOT NULL)`);
    if (!row) return null;
    const { memberRole, ...connection } = row;
    // The site's own creator keeps full rights; otherwise the team role decides.
    return { connection, teamRole: connection.userId === userId ? null : memberRole };
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
