/**
 * Seeds the benchmark's own database: one user (signed up through the API, so the password hash is
 * real), one site with a finished crawl of PAGES pages and ISSUES issues spread over the catalogue's
 * page checks, with a few proposed fixes. Written with INSERT ... SELECT generate_series, so 100,000
 * issues take seconds.
 */
import { CHECKS } from '@seology/audit';
import { Client } from 'pg';
import { pgConnectionFields } from '@seology/contracts';

export interface SeedResult {
  connectionId: string;
  pages: number;
  issues: number;
}

export async function seedSite(databaseUrl: string, userId: string, issues: number): Promise<SeedResult> {
  const checks = CHECKS.filter((c) => c.scope === 'page');
  const perPage = Math.min(20, checks.length);
  const pages = Math.ceil(issues / perPage);
  const client = new Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    const connectionId = 'bench_site';
    await client.query(
      `INSERT INTO "Connection" (id, "userId", domain, "siteUrl", platform, status, "snippetKey", "pageCount", "issueCount", "healthScore", "updatedAt")
       VALUES ($1, $2, 'bench.example', 'https://bench.example/', 'WORDPRESS', 'CONNECTED', 'bench_snippet', $3, $4, 42, now())`,
      [connectionId, userId, pages, issues],
    );
    await client.query(
      `INSERT INTO "Crawl" (id, "connectionId", status, "pagesCrawled", "issuesFound", "startedAt", "completedAt") VALUES ('bench_crawl', $1, 'COMPLETED', $2, $3, now(), now())`,
      [connectionId, pages, issues],
    );
    await client.query(
      `INSERT INTO "CrawledPage" (id, "crawlId", "connectionId", url, "finalUrl", status, title, depth, "wordCount", indexable)
       SELECT 'bench_page_' || p, 'bench_crawl', $1, 'https://bench.example/page/' || p, 'https://bench.example/page/' || p,
              CASE WHEN p % 50 = 0 THEN 404 WHEN p % 97 = 0 THEN 301 ELSE 200 END,
              'Page ' || p, 1 + p % 6, 300 + p % 900, p % 13 <> 0
       FROM generate_series(1, $2::int) AS p`,
      [connectionId, pages],
    );
    const ids = checks.map((c) => c.id);
    const categories = checks.map((c) => c.category);
    const severities = checks.map((c) => c.severity);
    const fixable = checks.map((c) => Boolean(c.fixKind));
    // Issue i sits on page i / perPage and belongs to check (page + i) mod the catalogue, so every check has issues.
    await client.query(
      `INSERT INTO "Issue" (id, "connectionId", fingerprint, type, category, severity, status, title, description, "pageUrl", evidence, "impactScore", fixable, "lastCrawlId", "updatedAt")
       SELECT 'bench_issue_' || i, $1, 'fp_' || i, c.id, c.category, c.severity::"Severity",
              (CASE WHEN i % 10 = 0 THEN 'RESOLVED' WHEN i % 17 = 0 THEN 'IGNORED' ELSE 'OPEN' END)::"IssueStatus",
              'Finding of ' || c.id, 'What is wrong on this page and why it matters for search (' || i || ')',
              'https://bench.example/page/' || (1 + i / $3), 'evidence ' || i, (i * 7919 % 10000) / 100.0, c.fixable, 'bench_crawl', now()
       FROM generate_series(0, $2::int - 1) AS i
       JOIN LATERAL (SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::boolean[]) WITH ORDINALITY AS u(id, category, severity, fixable, n)
                     WHERE u.n = 1 + ((i / $3) + i) % $8) c ON true`,
      [connectionId, issues, perPage, ids, categories, severities, fixable, checks.length],
    );
    await client.query(
      `INSERT INTO "Fix" (id, "connectionId", "issueId", type, status, "pageUrl", "afterValue", "updatedAt")
       SELECT 'bench_fix_' || i.id, i."connectionId", i.id, 'title', 'PROPOSED', i."pageUrl", 'A better title', now()
       FROM "Issue" i WHERE i."connectionId" = $1 AND i.fixable AND i.status = 'OPEN' AND i.id LIKE '%3'`,
      [connectionId],
    );
    // A table that has lived for a while has been vacuumed (autovacuum runs after inserts too): its
    // visibility map lets index-only scans skip the table, as they would in production.
    await client.query('VACUUM ANALYZE');
    return { connectionId, pages, issues };
  } finally {
    await client.end();
  }
}
