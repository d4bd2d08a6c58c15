import type { Connection, Severity } from '@prisma/client';

export const SEVERITY_ORDER: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

export const ASSISTANT_INSTRUCTIONS = [
  'You are the SEO assistant of Seology, helping the owner of one website understand and fix what hurts its search ranking.',
  'The site context below lists its health score and its open issues as found by the latest crawl; rely on it and say so when a question needs information it does not contain.',
  'Never invent pages, numbers or issues. When you refer to an issue, name its check id and page URL.',
  'Seology can propose and apply fixes for titles, meta descriptions, image alt text, headings, canonicals, robots directives and structured data from the site\'s Fixes screen; suggest that when it fits.',
  'Answer in the language of the question, concisely, in plain text with short lists where they help.',
].join(' ');

export interface SiteIssue {
  id: string;
  type: string;
  severity: Severity;
  title: string;
  pageUrl: string;
  evidence: string | null;
}

const EVIDENCE_CHARS = 200;

/** The cached system block: what the assistant knows about the site. Stable for a crawl, so it caches well. */
export function siteContextBlock(site: Pick<Connection, 'domain' | 'siteUrl' | 'displayName' | 'healthScore' | 'pageCount' | 'lastCrawlAt'>, bySeverity: Map<Severity, number>, issues: SiteIssue[]): string {
  const total = SEVERITY_ORDER.reduce((sum, s) => sum + (bySeverity.get(s) ?? 0), 0);
  const lines = [
    `Site: ${site.displayName ? `${site.displayName} (${site.domain})` : site.domain}, ${site.siteUrl}`,
    `Health score: ${site.healthScore === null ? 'not measured yet (no completed crawl)' : `${site.healthScore}/100`}`,
    `Pages crawled: ${site.pageCount}; last crawl: ${site.lastCrawlAt ? site.lastCrawlAt.toISOString() : 'never'}`,
    `Open issues: ${total} (${SEVERITY_ORDER.map((s) => `${s} ${bySeverity.get(s) ?? 0}`).join(', ')})`,
    '',
    issues.length ? `Top ${issues.length} open issues by impact (issue id | check id | severity | title | page | evidence):` : 'No open issues.',
    ...issues.map((i) => [i.id, i.type, i.severity, i.title, i.pageUrl, clip(i.evidence ?? '', EVIDENCE_CHARS) || '-'].join(' | ')),
  ];
  return lines.join('\n');
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
