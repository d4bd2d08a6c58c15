import { Injectable } from '@nestjs/common';
import type { Connection, Fix, FixRisk, FixStatus, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { siteAccessibleBy } from '../connections/site-access';

/** Statuses of a fix that is still "live" for its issue: no new proposal is made while one exists. */
export const LIVE_FIX_STATUSES: FixStatus[] = ['PROPOSED', 'APPROVED', 'APPLYING', 'APPLIED', 'ROLLING_BACK'];

/**
 * A fix that blocks new proposals for its issue: one still live, or one a person turned down one by
 * one (or several at once from the list). A rejected plan only turns down that batch, so its fixes
 * do not block.
 */
export const BLOCKING_FIX: Prisma.FixWhereInput = { OR: [{ status: { in: [...LIVE_FIX_STATUSES, 'MANUAL'] } }, { status: 'REJECTED', planId: null }] };


/** A fix as its status change is recorded: who and what it belongs to (teamId: its site's team, for the audit entry). */
export type FixStatusRow = Pick<Fix, 'id' | 'connectionId' | 'userId' | 'issueId' | 'status'> & { teamId: string | null };
export type IssueProgress = 'OPEN' | 'FIXING' | 'FIXED';

@Injectable()
export class FixesRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<Fix | null> {
    return this.prisma.fix.findUnique({ where: { id } });
  }

  /** The audit check and element of a fix's issue ("h1-multiple", "img:nth-of-type(2)"), or null for a fix without an issue. */
  async findIssueCheck(issueId: string | null): Promise<{ checkId: string; selector: string | null } | null> {
    const issue = issueId ? await this.prisma.issue.findUnique({ where: { id: issueId }, select: { type: true, elementSelector: true } }) : null;
    return issue ? { checkId: issue.type, selector: issue.elementSelector } : null;
  }

  /** A fix of a site the user may reach (owner or team member), or null. */
  findAccessible(id: string, userId: string): Promise<Fix | null> {
    return this.prisma.fix.findFirst({ where: { id, connection: siteAccessibleBy(userId) } });
  }

  findManyAccessible(ids: string[], userId: string): Promise<Fix[]> {
    return this.prisma.fix.findMany({ where: { id: { in: ids }, connection: siteAccessibleBy(userId) } });
  }

  async findPage(connectionId: string, filter: { status?: FixStatus[]; risk?: FixRisk }, skip: number, take: number): Promise<[Fix[], number]> {
    const where: Prisma.FixWhereInput = { connectionId, ...(filter.status?.length ? { status: { in: filter.status } } : {}), ...(filter.risk ? { risk: filter.risk } : {}) };
    return this.prisma.$transaction([
      this.prisma.fix.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.fix.count({ where }),
    ]);
  }

  /** The fixes that block a new proposal for their issue or for their page, field and target (see BLOCKING_FIX). */
  findBlocking(connectionId: string): Promise<Pick<Fix, 'issueId' | 'pageUrl' | 'type' | 'target'>[]> {
    return this.prisma.fix.findMany({ where: { connectionId, ...BLOCKING_FIX }, select: { issueId: true, pageUrl: true, type: true, target: true } });
  }

  /** The fixes ordered by the impact of their issue, highest first (a fix without an issue last); stable otherwise. */
  async sortByImpact<F extends Pick<Fix, 'id' | 'issueId'>>(fixes: F[]): Promise<F[]> {
    const ids = [...new Set(fixes.map((f) => f.issueId).filter((id): id is string => id !== null))];
    const impact = new Map((await this.prisma.issue.findMany({ where: { id: { in: ids } }, select: { id: true, impactScore: true } })).map((i) => [i.id, i.impactScore]));
    const score = (f: F) => (f.issueId !== null ? (impact.get(f.issueId) ?? -1) : -1);
    return fixes.map((f, i) => ({ f, i })).sort((a, b) => score(b.f) - score(a.f) || a.i - b.i).map(({ f }) => f);
  }

  findManual(connectionId: string): Promise<Fix[]> {
    return this.prisma.fix.findMany({ where: { connectionId, status: 'MANUAL' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1000 });
  }

  findActiveSnippetFixes(connectionId: string): Promise<Fix[]> {
    return this.prisma.fix.findMany({ where: { connectionId, status: 'APPLIED' }, orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }] });
  }

  /** Changes anything but the status (that goes through FixStateMachine). */
  update(id: string, data: Omit<Prisma.FixUncheckedUpdateInput, 'status'>): Promise<Fix> {
    return this.prisma.fix.update({ where: { id }, data });
  }

  /**
   * Conditional status change of the fixes matching `which` that are still in one of `from`, in one
   * transaction: their rows are locked, changed, and `alongside` runs in the same transaction with
   * what each fix was before (its audit entry), so the entry exists exactly when the change does.
   * Only FixStateMachine calls this.
   */
  changeStatus(
    which: { id: string } | { planId: string },
    from: readonly FixStatus[],
    to: FixStatus,
    data: Omit<Prisma.FixUncheckedUpdateInput, 'status'>,
    alongside: (tx: Prisma.TransactionClient, changed: FixStatusRow[]) => Promise<void>,
  ): Promise<FixStatusRow[]> {
    return this.prisma.$transaction(async (tx) => {
      const where: Prisma.FixWhereInput = { ...which, status: { in: [...from] } };
      const ids = 'id' in which
        ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Fix" WHERE id = ${which.id} ORDER BY id FOR UPDATE`
        : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Fix" WHERE "planId" = ${which.planId} ORDER BY id FOR UPDATE`;
      if (!ids.length) return [];
      // Read after the lock: the status each fix had when it was changed.
      const rows = await tx.fix.findMany({ where, select: { id: true, connectionId: true, userId: true, issueId: true, status: true, connection: { select: { teamId: true } } }, orderBy: { id: 'asc' } });
      if (!rows.length) return [];
      const changed = rows.map(({ connection, ...fix }) => ({ ...fix, teamId: connection.teamId }));
      await tx.fix.updateMany({ where: { id: { in: changed.map((f) => f.id) }, status: { in: [...from] } }, data: { ...data, status: to } });
      await alongside(tx, changed);
      return changed;
    }, { maxWait: 20_000, timeout: 20_000 });
  }

  /** A conditional change that keeps the status: only while the fix is still `status`. */
  async updateWhile(id: string, status: FixStatus, data: Omit<Prisma.FixUncheckedUpdateInput, 'status'>): Promise<boolean> {
    const { count } = await this.prisma.fix.updateMany({ where: { id, status }, data });
    return count === 1;
  }

  /** The user a site belongs to (whose quota its automatic fixes use), or null when it is gone. */
  async ownerOfConnection(connectionId: string): Promise<string | null> {
    return (await this.prisma.connection.findUnique({ where: { id: connectionId }, select: { userId: true } }))?.userId ?? null;
  }

  /** The connection a fix is applied through. */
  connectionOf(fix: Pick<Fix, 'connectionId'>): Promise<Connection> {
    return this.prisma.connection.findUniqueOrThrow({ where: { id: fix.connectionId } });
  }

  setIssueStatus(issueId: string | null, status: IssueProgress, tx: Prisma.TransactionClient = this.prisma): Promise<unknown> {
    if (!issueId) return Promise.resolve();
    return tx.issue.updateMany({
      where: { id: issueId, status: { in: ['OPEN', 'FIXING', 'FIXED'] } },
      data: { status, resolvedAt: status === 'FIXED' ? new Date() : null },
    });
  }
}
