import { BadRequestException } from '@nestjs/common';
import { Prisma, type CrawledPage } from '@prisma/client';
import { decodeKeysetCursor, encodeKeysetCursor, INVALID_CURSOR } from '../common/keyset-cursor';
import type { ListPagesQueryDto, PAGE_SORTS } from './dto/page.dto';

type PageSort = (typeof PAGE_SORTS)[number];

export interface PageOrder {
  field: PageSort;
  direction: 'asc' | 'desc';
}

const TEXT_SORTS = new Set<PageSort>(['url', 'title']);

export function pageOrder(query: Pick<ListPagesQueryDto, 'sort' | 'order'>): PageOrder {
  return { field: query.sort ?? 'url', direction: query.order ?? 'asc' };
}

/** The sorted expression: a fixed column (never user text); a missing title sorts as empty. */
function column(field: PageSort): Prisma.Sql {
  return Prisma.raw(field === 'title' ? `COALESCE("title", '')` : `"${field}"`);
}

function valueOf(field: PageSort, page: CrawledPage): string | number {
  return field === 'title' ? (page.title ?? '') : page[field];
}

export function encodePageCursor(order: PageOrder, last: CrawledPage): string {
  return encodeKeysetCursor(order.field, valueOf(order.field, last), last.id);
}

/** The keyset condition "after the last row of the previous page", in the list's order. */
export function afterPageCursorSql(order: PageOrder, cursor: string): Prisma.Sql {
  const { value, id } = decodeKeysetCursor(order.field, cursor);
  const typeOk = TEXT_SORTS.has(order.field) ? typeof value === 'string' : Number.isInteger(value);
  if (!typeOk) throw new BadRequestException(INVALID_CURSOR);
  const col = column(order.field);
  const op = Prisma.raw(order.direction === 'asc' ? '>' : '<');
  return Prisma.sql`(${col} ${op} ${value} OR (${col} = ${value} AND "id" > ${id}))`;
}

export function orderBySql(order: PageOrder): Prisma.Sql {
  return Prisma.sql`${column(order.field)} ${Prisma.raw(order.direction === 'asc' ? 'ASC' : 'DESC')}, "id" ASC`;
}
