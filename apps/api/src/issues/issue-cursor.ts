import { BadRequestException } from '@nestjs/common';
import { Prisma, type Issue } from '@prisma/client';
import { decodeKeysetCursor, encodeKeysetCursor, INVALID_CURSOR } from '../common/keyset-cursor';
import { ISSUE_SORTS, SEVERITIES, type ListIssuesQueryDto } from './dto/issue.dto';

type SortField = (typeof ISSUE_SORTS)[number];

/** The database order of an issue list: one sort field, then the id so that equal values keep one order. */
export interface IssueOrder {
  field: SortField;
  direction: 'asc' | 'desc';
}

export function issueOrder(query: Pick<ListIssuesQueryDto, 'sort' | 'order'>): IssueOrder {
  const order = query.order ?? 'desc';
  // Severity sorts by the enum's declared order (CRITICAL first), so "desc" (most severe first) is ascending there.
  if (query.sort === 'severity') return { field: 'severity', direction: order === 'desc' ? 'asc' : 'desc' };
  return { field: query.sort ?? 'impactScore', direction: order };
}

type CursorValue = string | number | Date;
export interface Cursor {
  value: CursorValue;
  id: string;
}

/** Opaque to clients: the sort field, its value and the id of the last issue of a page. */
export function encodeCursor(order: IssueOrder, last: Issue): string {
  const value = last[order.field];
  const plain = value instanceof Date ? { d: value.toISOString() } : value;
  return encodeKeysetCursor(order.field, plain, last.id);
}

const INVALID = INVALID_CURSOR;

export function decodeCursor(order: IssueOrder, cursor: string): Cursor {
  const { value: raw, id } = decodeKeysetCursor(order.field, cursor);
  switch (order.field) {
    case 'impactScore':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new BadRequestException(INVALID);
      return { value: raw, id };
    case 'estimatedTraffic':
      if (!Number.isInteger(raw)) throw new BadRequestException(INVALID);
      return { value: raw as number, id };
    case 'lastSeenAt':
    case 'firstSeenAt': {
      const iso = typeof raw === 'object' && raw !== null ? (raw as { d?: unknown }).d : undefined;
      const date = typeof iso === 'string' ? new Date(iso) : null;
      if (!date || Number.isNaN(date.getTime())) throw new BadRequestException(INVALID);
      return { value: date, id };
    }
    case 'severity':
      if (!SEVERITIES.includes(raw as (typeof SEVERITIES)[number])) throw new BadRequestException(INVALID);
      return { value: raw as string, id };
    case 'pageUrl':
    case 'type':
      if (typeof raw !== 'string') throw new BadRequestException(INVALID);
      return { value: raw, id };
  }
}

/** SQL of issues after the cursor in this order. The redundant bound lets Postgres start the index scan there. */
export function afterCursorSql(order: IssueOrder, cursor: Cursor): Prisma.Sql {
  const { field, direction } = order;
  if (field === 'severity') {
    const at = SEVERITIES.indexOf(cursor.value as (typeof SEVERITIES)[number]);
    const later = direction === 'asc' ? SEVERITIES.slice(at + 1) : SEVERITIES.slice(0, at);
    return Prisma.sql`("severity" = ANY(${later}::"Severity"[]) OR ("severity" = ${cursor.value}::"Severity" AND "id" > ${cursor.id}))`;
  }
  const column = Prisma.raw(`"${field}"`);
  return direction === 'asc'
    ? Prisma.sql`${column} >= ${cursor.value} AND (${column} > ${cursor.value} OR (${column} = ${cursor.value} AND "id" > ${cursor.id}))`
    : Prisma.sql`${column} <= ${cursor.value} AND (${column} < ${cursor.value} OR (${column} = ${cursor.value} AND "id" > ${cursor.id}))`;
}

/** ORDER BY of the list: the sort field (a fixed column name, never user text), then the id. */
export function orderBySql(order: IssueOrder): Prisma.Sql {
  return Prisma.raw(`"${order.field}" ${order.direction === 'asc' ? 'ASC' : 'DESC'}, "id" ASC`);
}
