import { BadRequestException } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { decodeKeysetCursor, encodeKeysetCursor, INVALID_CURSOR } from '../common/keyset-cursor';
import type { ListPagesQueryDto, PAGE_SORTS } from './dto/page.dto';
import type { PageWithTraffic } from './pages.repository';

type PageSort = (typeof PAGE_SORTS)[number];

export interface PageOrder {
  field: PageSort;
  direction: 'asc' | 'desc';
}

const TEXT_SORTS = new Set<PageSort>(['url', 'title']);

export function pageOrder(query: Pick<ListPagesQueryDto, 'sort' | 'order'>): PageOrder {
  return { field: query.sort ?? 'url', direction: query.order ?? 'asc' };
}

/** The sorted expression: a fixed column (never user text); a missing title sorts as empty, missing traffic as none. */
function column(field: PageSort): Prisma.Sql {
  if (field === 'title') return Prisma.raw(`COALESCE("title", '')`);
  if (field === 'impressions' || field === 'clicks') return Prisma.raw(`COALESCE("${field}", 0)`);
  return Prisma.raw(`"${field}"`);
}

function valueOf(field: PageSort, page: PageWithTraffic): string | number {
  if (field === 'title') return page.title ?? '';
  if (field === 'impressions' || field === 'clicks') return page[field] ?? 0;
  return page[field];
}

export function encodePageCursor(order: PageOrder, last: PageWithTraffic): string {
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
