import { CATEGORY_ORDER, CHECKS } from '../catalogue';
import type { CheckDefinition } from '../model';
import { BEYOND_KNEE_WEIGHT, CAUSE_KNEE_PAGES, CAUSE_KNEE_SHARE, SCORE_POINTS, SEVERITY_CAP, SEVERITY_FACTOR, computeHealthScore, healthBreakdown, impactScoreOf, scorePointsOf } from '../scoring';
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
  rendering: 'JavaScript rendering (raw HTML against the rendered page)',
};

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function workedExamples(checks: readonly CheckDefinition[]): string[] {
  const pick = (id: string): CheckDefinition | undefined => checks.find((check) => check.id === id);
  const ids = ['http-4xx', 'broken-internal-link', 'meta-description-missing', 'http-5xx', 'title-too-long', 'llms-txt-missing'];
  const [c4xx, broken, desc, c5xx, titleLong, llms] = ids.map(pick);
  if (!c4xx || !broken || !desc || !c5xx || !titleLong || !llms) return [];
  const pts = (c: CheckDefinition): string => String(scorePointsOf(c));
  const brokenScore = computeHealthScore({ pagesAudited: 7, pagesAffectedByCheck: { [c4xx.id]: 1, [broken.id]: 1 } }, checks);
  const descOn = (pages: number, audited: number): number =>
    computeHealthScore({ pagesAudited: audited, pagesAffectedByCheck: { [desc.id]: pages }, widespreadCauses: [{ checkId: desc.id, pages }] }, checks);
  const descScore = descOn(6, 6);
  const descLarge = descOn(1000, 1000);
  const descLargeHalf = descOn(500, 1000);
  const descLargeTenth = descOn(100, 1000);
  const lostLarge = (healthBreakdown({ pagesAudited: 1000, pagesAffectedByCheck: { [desc.id]: 1000 }, widespreadCauses: [{ checkId: desc.id, pages: 1000 }] }, checks).lostByCheck[desc.id] ?? 0).toFixed(2);
  const altOn = (pages: number): number => computeHealthScore({ pagesAudited: 1000, pagesAffectedByCheck: { 'image-alt-missing': pages } }, checks);
  const mixed = { pagesAudited: 200, pagesAffectedByCheck: { [c5xx.id]: 10, [titleLong.id]: 100, [llms.id]: 1 } };
  const mixedScore = computeHealthScore(mixed, checks);
  return [
    'Worked examples (the first three are the calibration fixtures in `libs/audit/src/scoring.spec.ts`):',
    '',
    `- A clean six-page site with one broken link on one page: the missing URL is a 7th page answering 404 (\`${c4xx.id}\`, ${pts(c4xx)} points) and one page links to it (\`${broken.id}\`, ${pts(broken)} points): 100 − ${pts(c4xx)} × 1/7 − ${pts(broken)} × 1/7 = **${brokenScore}**.`,
    `- The same six pages, every one without a meta description (\`${desc.id}\`, ${pts(desc)} points; one cause on 6 pages, the knee is 3 pages): counted = 6 − ${1 - BEYOND_KNEE_WEIGHT} × (6 − 3) = 3.3, 100 − ${pts(desc)} × 3.3/6 = **${descScore}**.`,
    `- A 1,000-page site whose template outputs no meta description: one cause on 1,000 pages, knee 100: counted = 1000 − ${1 - BEYOND_KNEE_WEIGHT} × 900 = 190, lost ${pts(desc)} × 0.19 = ${lostLarge}: **${descLarge}** (counting every page in full would give ${computeHealthScore({ pagesAudited: 1000, pagesAffectedByCheck: { [desc.id]: 1000 } }, checks)}). Fixing the template gives all of it back at once; writing descriptions page by page gives back a tenth of a page's share each until 100 pages are left: ${descLargeHalf} with 500 left, ${descLargeTenth} with 100 left, then a full share per page.`,
    `- The same 1,000 pages, each with its own image without alt text (\`image-alt-missing\`, one cause per page, all counted in full): 1,000 pages **${altOn(1000)}**, 500 pages ${altOn(500)}, 100 pages ${altOn(100)}: each page fixed gives back the same share.`,
    '- A site that is down (no URL answered 2xx: 5xx everywhere, or nothing could be fetched): **0**, whatever the checks found.',
    `- 200 pages; \`${c5xx.id}\` (${pts(c5xx)} points) on 10 pages, \`${titleLong.id}\` (${pts(titleLong)} points) on 100 pages, \`${llms.id}\` (${pts(llms)} points, whole site): 100 − ${pts(c5xx)} × 10/200 − min(${SEVERITY_CAP.LOW}, ${pts(titleLong)} × 100/200 + ${pts(llms)}) = **${mixedScore}**.`,
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
    'Example: a HIGH check with weight 8 has impact round(100 × 0.7 × 8 / 10) = 56. INFO checks have impact 0. The impact ranks issues; the health score below uses its own points.',
    '',
    '### Site health score (0-100)',
    '',
    '```',
    'points(check)     = scorePoints(severity) × weight / 10',
    'reach(check)      = counted(check) / pagesAudited    (at most 1)',
    `counted(check)    = pagesAffected(check) − ${1 - BEYOND_KNEE_WEIGHT} × Σ max(0, pages(cause) − knee) over the causes of the check`,
    `knee              = max(${CAUSE_KNEE_PAGES}, ${CAUSE_KNEE_SHARE} × pagesAudited)`,
    'reach(check)      = 1 once it fires, for checks marked "whole site"',
    'lost(severity)    = min(cap(severity), Σ points(check) × reach(check) over the checks of that severity)',
    'health            = round(max(0, 100 − Σ lost(severity)))',
    'health            = 0 when no audited URL answered 2xx (the site is down)',
    '```',
    '',
    '| Severity | scorePoints | cap |',
    '| --- | --- | --- |',
    ...(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const).map((severity) => `| ${severity} | ${SCORE_POINTS[severity]} | ${SEVERITY_CAP[severity]} |`),
    '',
    '- `pagesAudited` is the number of distinct URLs handed to the audit (every fetched URL, including errors and redirects).',
    '- `pagesAffected(check)` is the number of distinct pages with at least one finding of that check (`pagesAffectedByCheck` in the audit result). Site-level findings count the page named in the finding (for a broken link: the page that contains the link).',
    '- A check counts once, by its reach, however many rows it has.',
    `- A *cause* is one check with one message and value, as template findings group them ("the page has no meta description", "served over HTTP" on one host). A cause on many pages comes from a template and is one fix, so it counts once: in full on up to the knee (${CAUSE_KNEE_PAGES} pages or ${CAUSE_KNEE_SHARE * 100}% of the pages, whichever is more), each page beyond that ${BEYOND_KNEE_WEIGHT}. A cause on every page of a large site costs ${Math.round((CAUSE_KNEE_SHARE + (1 - CAUSE_KNEE_SHARE) * BEYOND_KNEE_WEIGHT) * 100)}% of its check's points instead of all of them. Causes that differ page by page (a broken link, a too-long title, an image without alt) count every page in full. \`widespreadCauses\` in the audit result lists the page counts of the causes above the knee.`,
    '- The score is a sum, continuous and monotone in every page, so it moves in proportion to what is fixed: each page repaired gives back points / pagesAudited of its check, a tenth of that while its cause is still above the knee (until its severity is back under the cap). Fixing a template gives its cause back at once. The caps stop a pile of cosmetic checks from outweighing one real problem.',
    '- A plan promises what this formula gives back (`estimatedImpact.expectedScoreGain`, `scoreGainOf` in `libs/audit/src/scoring.ts`): the latest crawl\'s score inputs are kept with the crawl, each fixed page comes off its check (and off the widest cause of that check first, the cautious reading), and the site is scored again. On the demo site a plan of 12 fixes promises +7 and the re-crawl after them shows 0 → 7 (a test).',
    '',
    ...workedExamples(checks),
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
