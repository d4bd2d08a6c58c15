import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuditLog, Prisma } from '@prisma/client';
import { createId } from './audit-id';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page } from '../common/dto/pagination.dto';
import { auditRowHash, GENESIS_HASH, redactSecrets, toStoredJson } from './audit-chain';
import { AuditAnchors } from './audit-anchors.service';
import { AuditRepository, type AuditContent, type AuditFilter } from './audit.repository';
import { AuditChainVerificationDto, AuditLogDto, ListAuditLogsQueryDto } from './dto/audit.dto';

export interface AuditRecordInput {
  /** Who acted. Omit (or pass `system: true`) for the platform acting on its own: cron, job handlers. */
  actor?: Actor | null;
  system?: boolean;
  /** Whose trail a system entry belongs to (e.g. the owner of the site a scheduled job changed). */
  userId?: string | null;
  /** Dotted, resource first: `fix.apply`, `team.member.remove`, `subscription.update`. */
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  connectionId?: string | null;
  /** Looked up from the connection when omitted. */
  teamId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown> | null;
}

const CSV_COLUMNS: (keyof AuditLogDto)[] = [
  'seq', 'createdAt', 'action', 'actorType', 'userId', 'apiKeyId', 'teamId', 'resourceType', 'resourceId', 'connectionId',
  'ipAddress', 'userAgent', 'before', 'after', 'metadata', 'hash',
];

/**
 * The append-only, hash-chained audit trail. `record` is what other modules call; the database refuses
 * UPDATE and DELETE on the table, and `verify` proves no row was altered or slipped in afterwards.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly anchors: AuditAnchors,
  ) {}

  async record(input: AuditRecordInput): Promise<AuditLog> {
    const row = await this.audit.append(await this.contentOf(input), createId());
    this.anchors.headMoved();
    return row;
  }

  /** Records inside the caller's transaction: the entry exists exactly when the change it describes does. */
  async recordInTx(tx: Prisma.TransactionClient, input: AuditRecordInput): Promise<AuditLog> {
    const row = await this.audit.appendInTx(tx, await this.contentOf(input), createId());
    // Anchored once the caller's transaction has committed (the anchoring reads the committed head).
    this.anchors.headMoved();
    return row;
  }

  private async contentOf(input: AuditRecordInput): Promise<AuditContent> {
    const actor = input.system ? null : (input.actor ?? null);
    const teamId = input.teamId !== undefined ? input.teamId : input.connectionId ? await this.audit.teamOfConnection(input.connectionId) : null;
    return {
      userId: actor?.userId ?? input.userId ?? null,
      teamId: teamId ?? null,
      actorType: actor ? (actor.via === 'api-key' ? 'API_KEY' : 'USER') : 'SYSTEM',
      apiKeyId: actor?.apiKeyId ?? null,
      action: input.action.slice(0, 200),
      resourceType: input.resourceType?.slice(0, 100) ?? null,
      resourceId: input.resourceId?.slice(0, 200) ?? null,
      connectionId: input.connectionId ?? null,
      ipAddress: (input.ipAddress ?? actor?.ip)?.slice(0, 100) ?? null,
      userAgent: (input.userAgent ?? actor?.userAgent)?.slice(0, 500) ?? null,
      before: toStoredJson(redactSecrets(input.before)),
      after: toStoredJson(redactSecrets(input.after)),
      metadata: toStoredJson(redactSecrets(input.metadata)),
    };
  }

  /** The team a site belongs to, for entries about it. */
  teamOfConnection(connectionId: string): Promise<string | null> {
    return this.audit.teamOfConnection(connectionId);
  }

  async list(actor: Actor, query: ListAuditLogsQueryDto): Promise<Page<AuditLogDto>> {
    const filter = await this.filterFor(actor, query);
    const [rows, total] = await this.audit.findPage(filter, query.skip, query.pageSize);
    const names = await this.audit.namesFor(rows);
    return toPage(rows.map((row) => {
      const siteId = row.connectionId ?? (row.resourceType === 'connection' ? row.resourceId : null);
      const fix = row.resourceType === 'fix' && row.resourceId ? names.fixes.get(row.resourceId) : undefined;
      return {
        ...toAuditLogDto(row),
        actorName: row.userId ? (names.users.get(row.userId) ?? null) : null,
        siteName: siteId ? (names.sites.get(siteId) ?? null) : null,
        resourceLabel: fix ? `${fix.type} fix on ${pathOf(fix.pageUrl)}` : row.resourceType === 'connection' && siteId ? (names.sites.get(siteId) ?? null) : null,
      };
    }), total, query);
  }

  /** CSV lines, header first; cells that a spreadsheet would run as a formula are neutralised. */
  async *csv(actor: Actor, query: ListAuditLogsQueryDto): AsyncGenerator<string> {
    const filter = await this.filterFor(actor, query);
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    for await (const batch of this.audit.findAllBatched(filter)) {
      yield batch.map((row) => `${CSV_COLUMNS.map((c) => csvCell(toAuditLogDto(row)[c])).join(',')}\r\n`).join('');
    }
  }

  /**
   * Walks the whole chain: seq contiguous from 1, each prevHash the previous hash, each hash
   * recomputable, and the chain matching the heads anchored outside the database (so a deleted or
   * rewritten tail shows, not only a broken middle).
   */
  async verify(): Promise<AuditChainVerificationDto> {
    // Read before the walk: anything anchored was committed, so the walk must find it.
    const anchors = await this.anchors.read();
    const anchoredSeq = anchors.top === null ? null : Number(anchors.top);
    const anchorNote = anchors.unreadable.length ? `could not read the anchor in ${anchors.unreadable.join(' and ')}` : anchors.top === null ? 'no anchor stored yet' : null;
    let checked = 0;
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    for await (const batch of this.audit.walkChain()) {
      for (const row of batch) {
        const broken = (reason: string): AuditChainVerificationDto => ({ valid: false, checked, firstBrokenSeq: Number(row.seq), reason, anchoredSeq, anchorNote });
        if (row.seq !== expectedSeq) return broken(`expected seq ${expectedSeq}, found ${row.seq}: rows are missing`);
        if (row.prevHash !== prevHash) return broken('prevHash does not match the previous row\'s hash');
        if (auditRowHash(row) !== row.hash) return broken('the row\'s content does not match its hash');
        const anchored = anchors.hashes.get(row.seq);
        if (anchored !== undefined && anchored !== row.hash) return broken('the row\'s hash differs from the one anchored for this seq: the chain was rewritten from here on');
        checked += 1;
        expectedSeq += 1n;
        prevHash = row.hash;
      }
    }
    if (anchors.top !== null && anchors.top >= expectedSeq) {
      return {
        valid: false, checked, firstBrokenSeq: Number(expectedSeq), anchoredSeq, anchorNote,
        reason: `the chain ends at seq ${expectedSeq - 1n}, but seq ${anchors.top} was anchored: the newest rows were deleted`,
      };
    }
    return { valid: true, checked, firstBrokenSeq: null, reason: null, anchoredSeq, anchorNote };
  }

  /**
   * Whose trail the caller may read: their own; a team's when they own or administer it; anyone's
   * for platform admins. A team the caller cannot administer answers 404, like any other tenant's data.
   */
  private async filterFor(actor: Actor, query: ListAuditLogsQueryDto): Promise<AuditFilter> {
    const base: AuditFilter = {
      hideRoutine: query.hideRoutine, action: query.action, connectionId: query.connectionId, resourceType: query.resourceType, from: query.from, to: query.to,
    };
    if (query.teamId) {
      if (actor.role !== 'ADMIN' && !(await this.audit.isTeamAdmin(query.teamId, actor.userId))) {
        throw new NotFoundException('No team with this id.');
      }
      return { ...base, teamId: query.teamId, ...(query.userId ? { userId: query.userId } : {}) };
    }
    if (query.userId && query.userId !== actor.userId && actor.role !== 'ADMIN') {
      throw new ForbiddenException('Only platform admins can read another user\'s audit trail.');
    }
    return { ...base, userId: query.userId ?? actor.userId };
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function toAuditLogDto(row: AuditLog): AuditLogDto {
  return {
    id: row.id,
    seq: Number(row.seq),
    userId: row.userId,
    teamId: row.teamId,
    actorType: row.actorType,
    apiKeyId: row.apiKeyId,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    connectionId: row.connectionId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    before: row.before,
    after: row.after,
    metadata: row.metadata,
    prevHash: row.prevHash,
    hash: row.hash,
    createdAt: row.createdAt,
  };
}

function csvCell(value: unknown): string {
  let text = cellText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // What is left of an audit row is its JSON columns (before, after, metadata)
  return JSON.stringify(value);
}
