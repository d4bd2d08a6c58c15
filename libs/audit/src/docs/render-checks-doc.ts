import { CATEGORY_ORDER, CHECKS } from '../catalogue';
import type { CheckDefinition } from '../model';
import { SEVERITY_FACTOR, impactScoreOf } from '../scoring';
import { DEFAULT_THRESHOLDS } from '../thresholds';

const CATEGORY_TITLES: Record<string, string> = {
  response: 'Response codes',
  redirects: 'Redirects',
  indexability: 'Indexability',
  canonical: 'Canonical URLs',
  titles: 'Titles',
  descriptions: 'Meta descriptions',
  headings: 'Headings',
  content: 'Content',
  images: 'Images',
  links: 'Links',
  architecture: 'Site architecture',
  hreflang: 'International (hreflang and language)',
  'structured-data': 'Structured data',
  social: 'Social tags',
  mobile: 'Mobile',
  performance: 'Performance',
  security: 'Security',
  url: 'URL hygiene',
  'ai-search': 'AI search readiness',
};

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function workedExample(checks: readonly CheckDefinition[]): string[] {
  const pick = (id: string): CheckDefinition | undefined => checks.find((check) => check.id === id);
  const a = pick('http-5xx');
  const b = pick('title-too-long');
  const c = pick('llms-txt-missing');
  if (a === undefined || b === undefined || c === undefined) return [];
  const [ia, ib, ic] = [impactScoreOf(a), impactScoreOf(b), impactScoreOf(c)];
  const fa = 1 - (ia / 100) * (10 / 200);
  const fb = 1 - (ib / 100) * (100 / 200);
  const fc = 1 - ic / 100;
  const health = Math.round(100 * fa * fb * fc);
  return [
    `Worked example: 200 pages audited; \`http-5xx\` (impact ${ia}) on 10 pages, \`title-too-long\` (impact ${ib}) on 100 pages, \`llms-txt-missing\` (impact ${ic}, whole site) fired:`,
    '',
    '```',
    `health = round(100 × (1 − ${ia / 100} × 10/200) × (1 − ${ib / 100} × 100/200) × (1 − ${ic / 100} × 1))`,
    `       = round(100 × ${fa.toFixed(4)} × ${fb.toFixed(4)} × ${fc.toFixed(4)}) = ${health}`,
    '```',
  ];
}

/** Renders docs/checks.md from the catalogue; the spec compares this output with the committed file. */
export function renderChecksDoc(checks: readonly CheckDefinition[] = CHECKS): string {
  const lines: string[] = [];
  const push = (...values: string[]): void => {
    lines.push(...values);
  };
  push(
    '# Audit checks',
    '',
    '<!-- Generated from libs/audit/src/catalogue by libs/audit/scripts/generate-checks-doc.ts. Do not edit by hand. -->',
    '',
    `The site audit runs **${checks.length} checks** in ${CATEGORY_ORDER.length} categories. Each check has a stable id (issues are fingerprinted by it), a severity, and a weight from 1 to 10 that feeds the scores below.`,
    '',
    '## Scoring',
    '',
    '### Impact score of a finding (0-100)',
    '',
    'Every finding carries the impact score of its check:',
    '',
    '```',
    'impactScore = round(100 × severityFactor × weight / 10)',
    '```',
    '',
    '| Severity | severityFactor |',
    '| --- | --- |',
    ...(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const).map((severity) => `| ${severity} | ${SEVERITY_FACTOR[severity]} |`),
    '',
    'Example: a HIGH check with weight 8 has impact round(100 × 0.7 × 8 / 10) = 56. INFO checks have impact 0 and never lower the health score.',
    '',
    '### Site health score (0-100)',
    '',
    '```',
    'reach(check)  = pagesAffected(check) / pagesAudited    (at most 1)',
    'reach(check)  = 1 once it fires, for checks marked "whole site"',
    'health        = round(100 × Π over all checks (1 − impactScore(check) / 100 × reach(check)))',
    '```',
    '',
    '- `pagesAudited` is the number of distinct URLs handed to the audit (every fetched URL, including errors and redirects).',
    '- `pagesAffected(check)` is the number of distinct pages with at least one finding of that check (`pagesAffectedByCheck` in the audit result). Site-level findings count the page named in the finding (for a broken link: the page that contains the link).',
    '- Checks that did not fire contribute a factor of 1.',
    '',
    ...workedExample(checks),
    '',
    '### Limits',
    '',
    `Page-level findings are returned as each page is audited (at most ${DEFAULT_THRESHOLDS.maxPageFindingsPerCheck} per check and page; every occurrence is still counted). Site-level findings keep at most ${DEFAULT_THRESHOLDS.maxSiteFindingsPerCheck} examples per check; \`countsByCheck\` always holds the full count and \`cappedChecks\` lists the checks whose examples were cut.`,
    '',
    '## Findings',
    '',
    'Every finding names the page URL, the check id, a human-readable message, the evidence (the value found, cut to 300 characters) and, where the problem is an element, a CSS selector:',
    '',
    '- Page-level checks point at the element itself: `tag#id` when an ancestor-or-self has an id, otherwise a `tag:nth-of-type(n)` path from `html` (the index is omitted when the tag is unique among its siblings), for example `html > body > main > img:nth-of-type(3)`. Very deep elements are anchored at the top-level element with a descendant combinator.',
    '- Site-level checks about a reference (broken links, broken or oversized images, broken assets) name the element by attribute, for example `a[href="/old-page"]`, because positions are not retained across a crawl. Site-level checks about a head tag use the tag selector (`title`, `link[rel="canonical"]`).',
    '',
    'Scope `page` means the check runs while each page is audited and its findings are returned immediately; scope `site` means it runs at the end of the crawl over the retained site state. The automatic fix column names the kind of fix the product can propose.',
    '',
    '## Default thresholds',
    '',
    '| Threshold | Default |',
    '| --- | --- |',
    ...Object.entries(DEFAULT_THRESHOLDS).map(([key, value]) => `| \`${key}\` | ${value} |`),
    '',
    '## Summary',
    '',
    '| Category | Checks |',
    '| --- | --- |',
  );
  for (const category of CATEGORY_ORDER) {
    const count = checks.filter((check) => check.category === category).length;
    push(`| ${CATEGORY_TITLES[category] ?? category} | ${count} |`);
  }
  push('');
  for (const category of CATEGORY_ORDER) {
    const inCategory = checks.filter((check) => check.category === category);
    if (inCategory.length === 0) continue;
    push(`## ${CATEGORY_TITLES[category] ?? category}`, '', '| Id | Title | Severity | Weight | Impact | Scope | Automatic fix |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const check of inCategory) {
      const scope = check.scope === 'page' ? 'page' : check.affects === 'site' ? 'site (whole site)' : 'site';
      push(`| \`${check.id}\` | ${escapeCell(check.title)} | ${check.severity} | ${check.weight} | ${impactScoreOf(check)} | ${scope} | ${check.fixKind ?? '-'} |`);
    }
    push('');
    for (const check of inCategory) {
      push(`### \`${check.id}\` ${check.title}`, '', `**Why it matters.** ${check.explanation}`, '', `**How to fix.** ${check.howToFix}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
