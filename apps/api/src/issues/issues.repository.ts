import { Injectable } from '@nestjs/common';
import { Prisma, type Issue } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { IssueFiltersDto, ListIssuesQueryDto } from './dto/issue.dto';

/** What narrows a list of issues; the grouped view takes the first three. */
export type IssueFilters = Pick<IssueFiltersDto, 'severity' | 'status' | 'category'> & Partial<Pick<ListIssuesQueryDto, 'type' | 'url' | 'q'>>;

export interface IssueGroupRow {
  checkId: string;
  category: string;
  severity: string;
  count: number;
  affectedPages: number;
  openFixes: number;
  fixableByRule: number;
  examplePages: string[];
  estimatedTraffic: number;
}
import { siteAccessibleBy } from '../connections/site-access';
import { orderBySql, type IssueOrder } from './issue-cursor';

@Injectable()
export class IssuesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The list's filters as SQL. The list is the hottest authenticated read, and Prisma 6's query
   * compiler spends about 2 ms of CPU per findMany, twice what Postgres needs to answer it; a raw
   * statement skips that step. Every value is a bound parameter.
   */
  private where(connectionId: string, query: IssueFilters): Prisma.Sql {
    const conditions = [
      Prisma.sql`"connectionId" = ${connectionId}`,
      Prisma.sql`"status" = ANY(${query.status ?? ['OPEN', 'FIXING']}::"IssueStatus"[])`,
    ];
    if (query.severity) conditions.push(Prisma.sql`"severity" = ANY(${query.severity}::"Severity"[])`);
    if (query.type) conditions.push(Prisma.sql`"type" = ANY(${query.type}::text[])`);
    if (query.category) conditions.push(Prisma.sql`"category" = ${query.category}`);
    if (query.url) conditions.push(Prisma.sql`"pageUrl" ILIKE ${containsPattern(query.url)}`);
    if (query.q) {
      const q = containsPattern(query.q);
      conditions.push(Prisma.sql`("title" ILIKE ${q} OR "description" ILIKE ${q} OR "pageUrl" ILIKE ${q} OR "evidence" ILIKE ${q})`);
    }
    return Prisma.join(conditions, ' AND ');
  }

  /**
   * One page in the list's order, starting after `after` (keyset) or at the page's offset. An offset
   * page first picks the ids of its rows, then reads only those rows: in the default order the skipped
   * rows are then counted in an index (connectionId, impactScore, id, status) without reading the
   * table, where reading every skipped row made page 2,000 cost as much as 100 first pages.
   */
  findPage(connectionId: string, query: ListIssuesQueryDto, order: IssueOrder, after: Prisma.Sql | null): Promise<Issue[]> {
    const where = this.where(connectionId, query);
    if (after || query.skip === 0) {
      return this.prisma.rows<Issue>(Prisma.sql`
        SELECT * FROM "Issue" WHERE ${where} ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
        ORDER BY ${orderBySql(order)} LIMIT ${query.pageSize}`);
    }
    return this.prisma.rows<Issue>(Prisma.sql`
      SELECT i.* FROM "Issue" i
      JOIN (SELECT "id" FROM "Issue" WHERE ${where} ORDER BY ${orderBySql(order)} LIMIT ${query.pageSize} OFFSET ${query.skip}) page USING ("id")
      ORDER BY ${orderBySql(order)}`);
  }

  async count(connectionId: string, query: ListIssuesQueryDto): Promise<number> {
    const [row] = await this.prisma.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM "Issue" WHERE ${this.where(connectionId, query)}`);
    return row?.count ?? 0;
  }

  /** One row per check among the matching issues, with what Seology can do about them. */
  findGroups(connectionId: string, filters: IssueFilters): Promise<IssueGroupRow[]> {
    return this.prisma.rows<IssueGroupRow>(Prisma.sql`
      SELECT i."type" AS "checkId", min(i."category") AS "category", min(i."severity")::text AS "severity",
        count(*)::int AS "count", count(DISTINCT i."pageUrl")::int AS "affectedPages",
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "Fix" f WHERE f."issueId" = i."id" AND f."status" IN ('PROPOSED', 'APPROVED')
        ))::int AS "openFixes",
        count(*) FILTER (WHERE i."fixable")::int AS "fixableByRule",
        (array_agg(DISTINCT i."pageUrl"))[1:3] AS "examplePages",
        -- Every issue of a page carries the page's traffic; a check found twice on one page counts the page once.
        (SELECT COALESCE(sum(t), 0)::int FROM (SELECT DISTINCT ON (x."pageUrl") x."estimatedTraffic" AS t
          FROM unnest(array_agg(i."pageUrl"), array_agg(i."estimatedTraffic")) AS x("pageUrl", "estimatedTraffic")) pages) AS "estimatedTraffic"
      FROM "Issue" i WHERE ${this.where(connectionId, filters)}
      GROUP BY i."type"`);
  }

  /** Batches through every matching issue (CSV export) without loading them all at once. */
  async *iterate(connectionId: string, query: ListIssuesQueryDto): AsyncGenerator<Issue[]> {
    const where = this.where(connectionId, query);
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.prisma.rows<Issue>(Prisma.sql`
        SELECT * FROM "Issue" WHERE ${where} ${cursor ? Prisma.sql`AND "id" > ${cursor}` : Prisma.empty} ORDER BY "id" ASC LIMIT 1000`);
      if (batch.length === 0) return;
      yield batch;
      cursor = batch[batch.length - 1]!.id;
    }
  }

  findAccessible(id: string, userId: string): Promise<Issue | null> {
    return this.prisma.issue.findFirst({
      where: { id, connection: siteAccessibleBy(userId) },
    });
  }

  update(id: string, data: Prisma.IssueUpdateInput): Promise<Issue> {
    return this.prisma.issue.update({ where: { id }, data });
  }

  async countOpen(connectionId: string): Promise<number> {
    return this.prisma.issue.count({ where: { connectionId, status: 'OPEN' } });
  }

  async setConnectionIssueCount(connectionId: string, issueCount: number): Promise<void> {
    await this.prisma.connection.update({ where: { id: connectionId }, data: { issueCount } });
  }
}

/** ILIKE pattern for "contains": the text's own % and _ match themselves. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
