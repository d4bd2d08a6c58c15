import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Issue } from '@prisma/client';
import { CHECKS, getCheck, type CheckDefinition } from '@seology/audit';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page } from '../common/dto/pagination.dto';
import { ConnectionsService } from '../connections/connections.service';
import { CheckDto, IssueDetailDto, IssueDto, ListIssuesQueryDto } from './dto/issue.dto';
import { IssuesRepository } from './issues.repository';

const CSV_COLUMNS: (keyof IssueDto)[] = [
  'id', 'severity', 'status', 'type', 'category', 'title', 'description', 'pageUrl', 'elementSelector', 'evidence', 'impactScore', 'firstSeenAt', 'lastSeenAt',
];

@Injectable()
export class IssuesService {
  constructor(
    private readonly issues: IssuesRepository,
    private readonly connections: ConnectionsService,
  ) {}

  async list(actor: Actor, connectionId: string, query: ListIssuesQueryDto): Promise<Page<IssueDto>> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const [items, total] = await this.issues.findPage(connection.id, query);
    return toPage(items.map(toIssueDto), total, query);
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
    firstSeenAt: issue.firstSeenAt,
    lastSeenAt: issue.lastSeenAt,
    resolvedAt: issue.resolvedAt,
    ignoredAt: issue.ignoredAt,
  };
}
