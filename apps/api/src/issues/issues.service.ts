import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Issue } from '@prisma/client';
import { CHECKS, getCheck, type CheckDefinition } from '@seology/audit';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage } from '../common/dto/pagination.dto';
import { ConnectionsService } from '../connections/connections.service';
import { CheckDto, GroupIssuesQueryDto, IssueDetailDto, IssueDto, IssueGroupDto, IssueGroupPageDto, IssuePageDto, ListIssuesQueryDto, SEVERITIES } from './dto/issue.dto';
import { afterCursorSql, decodeCursor, encodeCursor, issueOrder } from './issue-cursor';
import { VersionedCache, versionedKey } from './versioned-cache';
import { IssuesRepository, type IssueGroupRow } from './issues.repository';

const CSV_COLUMNS: (keyof IssueDto)[] = [
  'id', 'severity', 'status', 'type', 'category', 'title', 'description', 'pageUrl', 'elementSelector', 'evidence', 'impactScore', 'firstSeenAt', 'lastSeenAt',
];

@Injectable()
export class IssuesService {
  private readonly counts = new VersionedCache<number>();
  private readonly groups = new VersionedCache<IssueGroupRow[]>(200);

  constructor(
    private readonly issues: IssuesRepository,
    private readonly connections: ConnectionsService,
  ) {}

  async list(actor: Actor, connectionId: string, query: ListIssuesQueryDto): Promise<IssuePageDto> {
    const order = issueOrder(query);
    const after = query.cursor ? afterCursorSql(order, decodeCursor(order, query.cursor)) : null;
    const connection = await this.connections.getAccessible(actor, connectionId);
    // Counting 100,000 rows costs more than the page itself: the total is computed once per version of the site's issues.
    const [items, total] = await Promise.all([
      this.issues.findPage(connection.id, query, order, after),
      this.counts.get(versionedKey(connection, ['list-total', query.severity, query.status, query.type, query.category, query.url, query.q]), () =>
        this.issues.count(connection.id, query),
      ),
    ]);
    const last = items.length === query.pageSize ? items[items.length - 1] : undefined;
    return { ...toPage(items.map(toIssueDto), total, query), nextCursor: last ? encodeCursor(order, last) : null };
  }

  /** The matching issues grouped by check; the groups of one version of the site's issues are computed once. */
  async groupByCheck(actor: Actor, connectionId: string, query: GroupIssuesQueryDto): Promise<IssueGroupPageDto> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const filters = { severity: query.severity, status: query.status, category: query.category };
    const rows = await this.groups.get(versionedKey(connection, ['groups', filters]), () => this.issues.findGroups(connection.id, filters));
    const groups = rows.map(toIssueGroupDto).sort(compareGroups(query.sort ?? 'count', query.order ?? 'desc'));
    return toPage(groups.slice(query.skip, query.skip + query.pageSize), groups.length, query);
  }

  /** CSV lines, header first; spreadsheet formula injection is neutralised. */
  async *csv(actor: Actor, connectionId: string, query: ListIssuesQueryDto): AsyncGenerator<string> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    for await (const batch of this.issues.iterate(connection.id, query)) {
      yield batch.map((issue) => `${CSV_COLUMNS.map((c) => csvCell(toIssueDto(issue)[c])).join(',')}\r\n`).join('');
    }
  }

  async get(actor: Actor, id: string): Promise<IssueDetailDto> {
    const issue = await this.getAccessible(actor, id);
    const check = getCheck(issue.type);
    return { ...toIssueDto(issue), check: check ? toCheckDto(check) : null };
  }

  async ignore(actor: Actor, id: string): Promise<IssueDto> {
    const issue = await this.getAccessible(actor, id);
    if (issue.status === 'IGNORED') return toIssueDto(issue);
    if (issue.status !== 'OPEN') throw new ConflictException(`Only open issues can be ignored; this one is ${issue.status}.`);
    const updated = await this.issues.update(issue.id, { status: 'IGNORED', ignoredAt: new Date() });
    await this.issues.setConnectionIssueCount(issue.connectionId, await this.issues.countOpen(issue.connectionId));
    return toIssueDto(updated);
  }

  async unignore(actor: Actor, id: string): Promise<IssueDto> {
    const issue = await this.getAccessible(actor, id);
    if (issue.status !== 'IGNORED') throw new ConflictException('This issue is not ignored.');
    const updated = await this.issues.update(issue.id, { status: 'OPEN', ignoredAt: null });
    await this.issues.setConnectionIssueCount(issue.connectionId, await this.issues.countOpen(issue.connectionId));
    return toIssueDto(updated);
  }

  checks(): CheckDto[] {
    return CHECKS.map(toCheckDto);
  }

  private async getAccessible(actor: Actor, id: string): Promise<Issue> {
    const issue = await this.issues.findAccessible(id, actor.userId);
    if (!issue) throw new NotFoundException('No issue with this id.');
    return issue;
  }
}

function csvCell(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toIssueGroupDto(row: IssueGroupRow): IssueGroupDto {
  const check = getCheck(row.checkId);
  return { ...row, title: check?.title ?? row.checkId, examplePages: row.examplePages };
}

/** Ties are broken by check id, so pages never shuffle. */
function compareGroups(sort: NonNullable<GroupIssuesQueryDto['sort']>, order: 'asc' | 'desc'): (a: IssueGroupDto, b: IssueGroupDto) => number {
  const sign = order === 'asc' ? 1 : -1;
  const key = (g: IssueGroupDto): number | string => {
    switch (sort) {
      case 'count':
        return g.count;
      case 'affectedPages':
        return g.affectedPages;
      case 'estimatedTraffic':
        return g.estimatedTraffic;
      case 'severity':
        // Most severe is "largest", so the default desc order lists CRITICAL first.
        return -SEVERITIES.indexOf(g.severity as (typeof SEVERITIES)[number]);
      case 'checkId':
        return g.checkId;
    }
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0;
  };
}

function toCheckDto(check: CheckDefinition): CheckDto {
  return {
    id: check.id, category: check.category, severity: check.severity, weight: check.weight, title: check.title,
    explanation: check.explanation, howToFix: check.howToFix, scope: check.scope, ...(check.fixKind ? { fixKind: check.fixKind } : {}),
  };
}

export function toIssueDto(issue: Issue): IssueDto {
  return {
    id: issue.id,
    connectionId: issue.connectionId,
    type: issue.type,
    category: issue.category,
    severity: issue.severity,
    status: issue.status,
    title: issue.title,
    description: issue.description,
    pageUrl: issue.pageUrl,
    elementSelector: issue.elementSelector,
    evidence: issue.evidence,
    impactScore: issue.impactScore,
    fixable: issue.fixable,
    estimatedTraffic: issue.estimatedTraffic,
    searchClicks: issue.searchClicks,
    firstSeenAt: issue.firstSeenAt,
    lastSeenAt: issue.lastSeenAt,
    resolvedAt: issue.resolvedAt,
    ignoredAt: issue.ignoredAt,
  };
}
