/**
 * Audit-only micro-benchmark: median milliseconds for SiteAudit.addPage on a ~90 KB generated page,
 * on one core (this process, no crawling). Usage: node bench/crawler/run.js --audit-only [--pages 400]
 */
import { SiteAudit } from '@seology/audit';
import type { FetchedPage } from '@seology/audit';
import { generatePage, pageUrl, type SiteShape } from './site-generator';

export interface AuditBenchResult {
  pages: number;
  avgBytes: number;
  medianMs: number;
  p90Ms: number;
  meanMs: number;
}

export function runAuditBench(count: number): AuditBenchResult {
  const shape: SiteShape = { pages: 100_000, origin: 'http://127.0.0.1:8080', externalOrigin: 'http://localhost:8080', imagePool: 1000, externalPool: 200, targetBytes: 90 * 1024 };
  const warmup = Math.min(50, Math.floor(count / 4));
  const htmls: string[] = [];
  for (let n = 0; n < count + warmup; n++) htmls.push(generatePage(shape, n + 1));
  const audit = new SiteAudit({ startUrl: pageUrl(shape, 0) });
  const times: number[] = [];
  let bytes = 0;
  htmls.forEach((html, i) => {
    const url = pageUrl(shape, i + 1);
    const page: FetchedPage = {
      url,
      finalUrl: url,
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(html.length) },
      contentType: 'text/html; charset=utf-8',
      html,
      bodyBytes: Buffer.byteLength(html),
      truncated: false,
      ttfbMs: 5,
      totalMs: 8,
      redirects: [],
      depth: 2,
      discoveredFrom: pageUrl(shape, 0),
      inSitemap: true,
    };
    const t0 = performance.now();
    audit.addPage(page);
    const dt = performance.now() - t0;
    if (i >= warmup) {
      times.push(dt);
      bytes += page.bodyBytes;
    }
  });
  times.sort((a, b) => a - b);
  return {
    pages: times.length,
    avgBytes: Math.round(bytes / times.length),
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    p90Ms: times[Math.floor(times.length * 0.9)] ?? 0,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
  };
}
