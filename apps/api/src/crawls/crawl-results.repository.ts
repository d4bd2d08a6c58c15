import { Injectable } from '@nestjs/common';
import type { Connection, Crawl } from '@prisma/client';
import { recordDailyHealthScore } from '../prisma/daily-health-score';
import { PrismaService } from '../prisma/prisma.service';
import { CrawlResultsWriter } from './crawl-results.writer';

/** What a crawl's results look like once its analysis has counted them. */
export interface SiteHealth {
  pageCount: number;
  issueCount: number;
  healthScore: number | null;
  healthStatus: string;
  lastCrawlAt: Date | null;
}

/**
 * The crawl job handlers' reads and writes of a site and its findings (the crawl rows themselves are
 * CrawlsRepository's): the site to crawl, the batched writer of pages and issues, and what the analysis
 * resolves, counts and records.
 */
@Injectable()
export class CrawlResultsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The site a crawl fetches, with its settings and (encrypted) crawl headers; null once deleted. */
  findSiteToCrawl(connectionId: string): Promise<Connection | null> {
    return this.prisma.connection.findUnique({ where: { id: connectionId } });
  }

  /** Buffers one crawl's pages, stored HTML and findings, written in batches. */
  writerFor(connectionId: string, crawlId: string): CrawlResultsWriter {
    return new CrawlResultsWriter(this.prisma, connectionId, crawlId);
  }

  /** The site's most recent completed crawl (an analysis asked for without a crawl analyses that one). */
  findLatestCompletedCrawl(connectionId: string): Promise<Crawl | null> {
    return this.prisma.crawl.findFirst({ where: { connectionId, status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } });
  }

  /** Open issues the crawl did not find again are resolved by it (ignored ones stay ignored). */
  async resolveIssuesNotFoundBy(crawl: Pick<Crawl, 'id' | 'connectionId'>, now = new Date()): Promise<void> {
    await this.prisma.issue.updateMany({
      where: { connectionId: crawl.connectionId, status: 'OPEN', NOT: { lastCrawlId: crawl.id } },
      data: { status: 'RESOLVED', resolvedAt: now, resolvedByCrawlId: crawl.id },
    });
  }

  countOpenIssues(connectionId: string): Promise<number> {
    return this.prisma.issue.count({ where: { connectionId, status: 'OPEN' } });
  }

  countIssuesSeenBy(crawl: Pick<Crawl, 'id' | 'connectionId'>): Promise<number> {
    return this.prisma.issue.count({ where: { connectionId: crawl.connectionId, lastCrawlId: crawl.id } });
  }

  countPagesCrawledBy(crawlId: string): Promise<number> {
    return this.prisma.crawledPage.count({ where: { crawlId } });
  }

  /** The site's health fields and counts after an analysis; a site that was crawled is connected again. */
  async recordSiteHealth(connectionId: string, health: SiteHealth, analysedAt = new Date()): Promise<void> {
    await this.prisma.connection.update({
      where: { id: connectionId },
      data: { ...health, lastAnalysisAt: analysedAt, status: 'CONNECTED', lastError: null },
    });
  }

  /** The day's health score on the site's metrics (one row per site and day, from the crawl). */
  recordDailyHealthScore(connectionId: string, date: Date, healthScore: number | null): Promise<void> {
    return recordDailyHealthScore(this.prisma, connectionId, date, healthScore);
  }
}
