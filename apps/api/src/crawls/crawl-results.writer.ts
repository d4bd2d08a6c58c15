import { Prisma } from '@prisma/client';
import { getCheck, impactScore, type Finding, type PageSummary } from '@seology/audit';
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { PrismaService } from '../prisma/prisma.service';

const BATCH = 250;
const HTML_BATCH = 50;
/** Larger pages are not kept: proposals fetch them again if they need them. */
const MAX_KEPT_HTML = 2 * 1024 * 1024;

export function issueFingerprint(connectionId: string, finding: Pick<Finding, 'checkId' | 'url' | 'selector'>): string {
  return createHash('sha256').update(`${connectionId}\n${finding.checkId}\n${finding.url}\n${finding.selector ?? ''}`).digest('hex');
}

/**
 * Buffers what a crawl finds and writes it in batches (never a row at a time): pages with
 * createMany, issues with one INSERT ... ON CONFLICT per batch keyed by fingerprint, so a re-crawl
 * updates the same issue rows and keeps their history. Retried jobs re-write the same rows harmlessly.
 */
export class CrawlResultsWriter {
  private pages: Prisma.CrawledPageCreateManyInput[] = [];
  private html: Prisma.CrawledPageHtmlCreateManyInput[] = [];
  private findings: Finding[] = [];
  newIssues = 0;
  issuesSeen = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly connectionId: string,
    private readonly crawlId: string,
  ) {}

  /**
   * `html`: the HTML as served (the body bytes and their content type); kept compressed for pages
   * that answered 200, for the fix proposals after the crawl.
   */
  async addPage(summary: PageSummary, findings: Finding[], html?: { body: Buffer; contentType: string | null }): Promise<void> {
    if (html && summary.status === 200 && html.body.length <= MAX_KEPT_HTML) {
      this.html.push({ crawlId: this.crawlId, connectionId: this.connectionId, url: summary.url, bodyGzip: gzipSync(html.body), contentType: html.contentType });
      if (this.html.length >= HTML_BATCH) await this.flushHtml();
    }
    this.pages.push({
      crawlId: this.crawlId,
      connectionId: this.connectionId,
      url: summary.url,
      finalUrl: summary.finalUrl,
      status: summary.status,
      title: summary.title?.slice(0, 1000) ?? null,
      description: summary.description?.slice(0, 2000) ?? null,
      canonical: summary.canonical?.slice(0, 2000) ?? null,
      h1: summary.h1?.slice(0, 1000) ?? null,
      contentHash: summary.contentHash,
      depth: summary.depth,
      wordCount: summary.wordCount,
      bodyBytes: summary.bodyBytes,
      ttfbMs: Math.round(summary.ttfbMs),
      totalMs: Math.round(summary.totalMs),
      indexable: summary.indexable,
      // Raw and rendered facts of a rendered page, for the page detail (what JavaScript changes).
      ...(summary.render ? { render: { ...summary.render } as unknown as Prisma.InputJsonValue } : {}),
    });
    this.findings.push(...findings);
    if (this.pages.length >= BATCH) await this.flushPages();
    if (this.findings.length >= BATCH) await this.flushFindings();
  }

  async addFindings(findings: Finding[]): Promise<void> {
    this.findings.push(...findings);
    if (this.findings.length >= BATCH) await this.flushFindings();
  }

  async flush(): Promise<void> {
    await this.flushPages();
    await this.flushHtml();
    await this.flushFindings();
    // Only the latest crawl's HTML serves the proposals: older copies would only grow the database.
    await this.prisma.crawledPageHtml.deleteMany({ where: { connectionId: this.connectionId, crawlId: { not: this.crawlId } } });
  }

  private async flushHtml(): Promise<void> {
    if (this.html.length === 0) return;
    const batch = this.html;
    this.html = [];
    await this.prisma.crawledPageHtml.createMany({ data: batch, skipDuplicates: true });
  }

  private async flushPages(): Promise<void> {
    if (this.pages.length === 0) return;
    const batch = this.pages;
    this.pages = [];
    await this.prisma.crawledPage.createMany({ data: batch, skipDuplicates: true });
  }

  private async flushFindings(): Promise<void> {
    while (this.findings.length > 0) {
      const batch = dedupe(this.connectionId, this.findings.splice(0, BATCH));
      const rows = batch.map(([fingerprint, f]) => {
        const check = getCheck(f.checkId);
        return Prisma.sql`(${randomUUID()}, ${this.connectionId}, ${fingerprint}, ${f.checkId}, ${check?.category ?? 'other'},
          ${check?.severity ?? 'INFO'}::"Severity", 'OPEN'::"IssueStatus", ${check?.title ?? f.checkId}, ${f.message.slice(0, 2000)},
          ${f.url.slice(0, 2000)}, ${f.selector?.slice(0, 1000) ?? null}, ${f.evidence?.slice(0, 2000) ?? null},
          ${check ? impactScore(check.id) : 0}, ${Boolean(check?.fixKind)}, now(), now(), ${this.crawlId}, ${this.crawlId}, now(), now())`;
      });
      const result = await this.prisma.$queryRaw<{ inserted: boolean }[]>`
        INSERT INTO "Issue" ("id", "connectionId", "fingerprint", "type", "category", "severity", "status", "title", "description",
          "pageUrl", "elementSelector", "evidence", "impactScore", "fixable", "firstSeenAt", "lastSeenAt", "lastCrawlId", "firstCrawlId", "createdAt", "updatedAt")
        VALUES ${Prisma.join(rows)}
        ON CONFLICT ("connectionId", "fingerprint") DO UPDATE SET
          "lastSeenAt" = now(),
          "lastCrawlId" = EXCLUDED."lastCrawlId",
          "description" = EXCLUDED."description",
          "evidence" = EXCLUDED."evidence",
          "severity" = EXCLUDED."severity",
          "impactScore" = EXCLUDED."impactScore",
          -- Gone and back (or a fix that did not hold): open again. Ignored stays ignored.
          "status" = CASE WHEN "Issue"."status" IN ('RESOLVED', 'FIXED') THEN 'OPEN'::"IssueStatus" ELSE "Issue"."status" END,
          "resolvedAt" = CASE WHEN "Issue"."status" IN ('RESOLVED', 'FIXED') THEN NULL ELSE "Issue"."resolvedAt" END,
          "updatedAt" = now()
        RETURNING (xmax = 0) AS inserted`;
      this.issuesSeen += result.length;
      this.newIssues += result.filter((r) => r.inserted).length;
    }
  }
}

/** One statement may not touch the same row twice: keep the last finding per fingerprint. */
function dedupe(connectionId: string, findings: Finding[]): [string, Finding][] {
  const byPrint = new Map<string, Finding>();
  for (const f of findings) byPrint.set(issueFingerprint(connectionId, f), f);
  return [...byPrint.entries()];
}
