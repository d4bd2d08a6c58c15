import { Injectable } from '@nestjs/common';
import { Prisma, type AuditLog } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { auditRowHash, GENESIS_HASH, type AuditHashInput } from './audit-chain';

/** Any constant works; it only has to be the same in every process that appends to the chain. */
const CHAIN_LOCK_KEY = 7_345_120_001n;

export type AuditContent = Omit<AuditHashInput, 'id' | 'seq' | 'prevHash' | 'createdAt'>;

/** Entries that record progress rather than a decision: hidden when the caller asks for hideRoutine. */
export const ROUTINE_ACTIONS = ['auth.saveOnboarding', 'fix.status'];

export interface AuditFilter {
  hideRoutine?: boolean;
  userId?: string;
  teamId?: string;
  action?: string;
  connectionId?: string;
  resourceType?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Names for the ids entries carry: users, sites and fixes (a deleted one simply has no name). */
  async namesFor(rows: AuditLog[]): Promise<{ users: Map<string, string>; sites: Map<string, string>; fixes: Map<string, { type: string; pageUrl: string }> }> {
    const ids = (pick: (r: AuditLog) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => id !== null))];
    const [users, sites, fixes] = await Promise.all([
      this.prisma.user.findMany({ where: { id: { in: ids((r) => r.userId) } }, select: { id: true, name: true, email: true } }),
      this.prisma.connection.findMany({ where: { id: { in: ids((r) => r.connectionId ?? (r.resourceType === 'connection' ? r.resourceId : null)) } }, select: { id: true, displayName: true, domain: true } }),
      this.prisma.fix.findMany({ where: { id: { in: ids((r) => (r.resourceType === 'fix' ? r.resourceId : null)) } }, select: { id: true, type: true, pageUrl: true } }),
    ]);
    return {
      users: new Map(users.map((u) => [u.id, u.name || u.email])),
      sites: new Map(sites.map((s) => [s.id, s.displayName || s.domain])),
      fixes: new Map(fixes.map((f) => [f.id, f])),
    };
  }

  /**
   * Appends one row. The transaction-scoped advisory lock serialises appenders across every process,
   * so seq has no gaps and each row links to the one written just before it.
   */
  append(content: AuditContent, id: string): Promise<AuditLog> {
    // Twenty requests at once queue on the lock; give them time instead of failing the write.
    return this.prisma.$transaction((tx) => this.appendInTx(tx, content, id), { maxWait: 20_000, timeout: 20_000 });
  }

  /**
   * Appends inside the caller's transaction, so the entry commits or rolls back with the change it
   * describes. The lock is held until that transaction ends.
   */
  async appendInTx(tx: Prisma.TransactionClient, content: AuditContent, id: string): Promise<AuditLog> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
    const last = await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    const seq = (last?.seq ?? 0n) + 1n;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const createdAt = new Date();
    const hash = auditRowHash({ ...content, id, seq, prevHash, createdAt });
    return tx.auditLog.create({
      data: {
        ...content,
        actorType: content.actorType as AuditLog['actorType'],
        before: json(content.before),
        after: json(content.after),
        metadata: json(content.metadata),
        id,
        seq,
        prevHash,
        hash,
        createdAt,
      },
    });
  }

  /** The newest committed row's seq and hash. */
  head(): Promise<{ seq: bigint; hash: string } | null> {
    return this.prisma.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  }

  async findPage(filter: AuditFilter, skip: number, take: number): Promise<[AuditLog[], number]> {
    const where = toWhere(filter);
    return this.prisma.$transaction([
      this.prisma.auditLog.findMany({ where, orderBy: { seq: 'desc' }, skip, take }),
      this.prisma.auditLog.count({ where }),
    ]);
  }

  /** Batches of matching rows, newest first, for the CSV export. */
  async *findAllBatched(filter: AuditFilter, batch = 500, limit = 100_000): AsyncGenerator<AuditLog[]> {
    let cursor: bigint | null = null;
    let sent = 0;
    while (sent < limit) {
      const where: Prisma.AuditLogWhereInput = cursor === null ? toWhere(filter) : { AND: [toWhere(filter), { seq: { lt: cursor } }] };
      const rows = await this.prisma.auditLog.findMany({ where, orderBy: { seq: 'desc' }, take: Math.min(batch, limit - sent) });
      if (rows.length === 0) return;
      yield rows;
      sent += rows.length;
      cursor = rows[rows.length - 1]!.seq;
    }
  }

  /** The whole chain in seq order, in batches. */
  async *walkChain(batch = 1_000): AsyncGenerator<AuditLog[]> {
    let after = 0n;
    for (;;) {
      const rows = await this.prisma.auditLog.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: batch });
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async isTeamAdmin(teamId: string, userId: string): Promise<boolean> {
    const team = await this.prisma.team.findFirst({
      where: { id: teamId, OR: [{ ownerId: userId }, { members: { some: { userId, role: { in: ['OWNER', 'ADMIN'] } } } }] },
      select: { id: true },
    });
    return team !== null;
  }

  async teamOfConnection(connectionId: string): Promise<string | null> {
    const connection = await this.prisma.connection.findUnique({ where: { id: connectionId }, select: { teamId: true } });
    return connection?.teamId ?? null;
  }
}

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : value;
}

function toWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.action ? { action: filter.action } : filter.hideRoutine ? { action: { notIn: ROUTINE_ACTIONS } } : {}),
    ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
    ...(filter.resourceType ? { resourceType: filter.resourceType } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}
