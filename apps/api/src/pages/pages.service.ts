import { Injectable, NotFoundException } from '@nestjs/common';
import type { CrawledPage, Fix } from '@prisma/client';
import type { Actor } from '../common/decorators/auth.decorators';
import { ConnectionsService } from '../connections/connections.service';
import { toFixDto } from '../fixes/fixes.service';
import { toIssueDto } from '../issues/issues.service';
import type { CrawledPageDto, CrawledPageListDto, FixEventDto, ListPagesQueryDto, PageDetailDto, PageFixDto, PageRenderDto } from './dto/page.dto';
import { afterPageCursorSql, encodePageCursor, pageOrder } from './page-cursor';
import { PagesRepository, type PageWithTraffic } from './pages.repository';

@Injectable()
export class PagesService {
  constructor(
    private readonly pages: PagesRepository,
    private readonly connections: ConnectionsService,
  ) {}

  /** The crawled-URL explorer: one crawl's pages, filtered, sorted and paged by keyset or offset. */
  async list(actor: Actor, connectionId: string, query: ListPagesQueryDto): Promise<CrawledPageListDto> {
    const order = pageOrder(query);
    const after = query.cursor ? afterPageCursorSql(order, query.cursor) : null;
    const connection = await this.connections.getAccessible(actor, connectionId);
    const crawl = query.crawlId ? await this.pages.findCrawlOfSite(query.crawlId, connection.id) : await this.pages.latestCompletedCrawl(connection.id);
    if (query.crawlId && !crawl) throw new NotFoundException('No crawl with this id on this site.');
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize, nextCursor: null, crawlId: null };
    if (!crawl) return empty;
    const { crawlId: _crawl, sort: _sort, order: _order, cursor: _cursor, page: _page, pageSize: _size, ...filters } = query;
    const traffic = await this.pages.trafficWindow(connection.id);
    const [items, total] = await Promise.all([
      this.pages.findPage(connection.id, crawl.id, filters, order, after, query.pageSize, query.skip, traffic),
      this.pages.count(crawl.id, filters),
    ]);
    const last = items.length === query.pageSize ? items[items.length - 1] : undefined;
    return { items: items.map(toCrawledPageDto), total, page: query.page, pageSize: query.pageSize, nextCursor: last ? encodePageCursor(order, last) : null, crawlId: crawl.id };
  }

  async get(actor: Actor, connectionId: string, pageId: string): Promise<PageDetailDto> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const page = await this.pages.findById(pageId, connection.id);
    if (!page) throw new NotFoundException('No crawled page with this id on this site.');
    return this.detail(page);
  }

  async getByUrl(actor: Actor, connectionId: string, url: string): Promise<PageDetailDto> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const page = await this.pages.findLatestByUrl(url, connection.id);
    if (!page) throw new NotFoundException('No crawl of this site has fetched this URL; check the URL (scheme, trailing slash) or run a crawl.');
    return this.detail(page);
  }

  private async detail(page: CrawledPage): Promise<PageDetailDto> {
    const [issues, fixes, history] = await Promise.all([
      this.pages.issuesOn(page.url, page.connectionId),
      this.pages.fixesOn(page.url, page.connectionId),
      this.pages.history(page.url, page.connectionId),
    ]);
    const latest = history[0] ?? page;
    const window = await this.pages.trafficWindow(page.connectionId);
    const traffic = window ? await this.pages.trafficOf(page.connectionId, latest.url, window) : { impressions: null, clicks: null };
    return {
      page: { ...toCrawledPageDto({ ...latest, ...traffic }), render: (latest.render as PageRenderDto | null) ?? null },
      issues: issues.map(toIssueDto),
      fixes: fixes.map(toPageFixDto),
      history: history.map((h) => ({ crawlId: h.crawlId, crawledAt: h.createdAt, status: h.status, title: h.title, indexable: h.indexable, issueCount: h.issueCount })),
    };
  }
}

function toPageFixDto(fix: Fix): PageFixDto {
  const events: FixEventDto[] = [{ event: 'proposed', at: fix.createdAt, detail: fix.rationale }];
  if (fix.approvedAt) events.push({ event: 'approved', at: fix.approvedAt, detail: null });
  if (fix.rejectedAt) events.push({ event: 'rejected', at: fix.rejectedAt, detail: fix.rejectionReason });
  if (fix.appliedAt) events.push({ event: 'applied', at: fix.appliedAt, detail: null });
  if (fix.verifiedAt) events.push({ event: 'verified', at: fix.verifiedAt, detail: fix.verificationDetail });
  if (fix.status === 'FAILED') events.push({ event: 'failed', at: fix.updatedAt, detail: fix.failureReason });
  if (fix.rolledBackAt) events.push({ event: 'rolled-back', at: fix.rolledBackAt, detail: null });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...toFixDto(fix), history: events };
}

export function toCrawledPageDto(p: PageWithTraffic): CrawledPageDto {
  return {
    id: p.id, crawlId: p.crawlId, url: p.url, finalUrl: p.finalUrl, status: p.status, title: p.title, description: p.description,
    canonical: p.canonical, h1: p.h1, depth: p.depth, wordCount: p.wordCount, bodyBytes: p.bodyBytes, ttfbMs: p.ttfbMs, totalMs: p.totalMs,
    indexable: p.indexable, inlinks: p.inlinks, issueCount: p.issueCount, impressions: p.impressions, clicks: p.clicks, crawledAt: p.createdAt,
  };
}
