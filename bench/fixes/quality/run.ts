/**
 * Quality of Seology's own fixes, measured end to end without the API: crawl a site with the real
 * crawler and audit, build the rule proposals the product would offer (guardrails and self-check),
 * count which the connection can apply, re-check every text against every rule, apply the
 * applicable LOW and MEDIUM ones through the connector as AUTOMATIC would, re-crawl, and count the
 * findings that Seology's changes caused. Everything is reverted afterwards. A script, not a test.
 */
import { join } from 'node:path';
import { CHECKS, type FetchedPage, type Finding } from '@seology/audit';
import { canChange, WordPressConnector, type AppliedChange, type SeoField } from '@seology/connectors';
import { crawlSite } from '@seology/crawler';
import {
  extractPageData, newGuardrailContext, RulesProposalGenerator, selfCheck, siteNameOf, textProblem, titleSeparatorOf,
  type FixableFinding, type FixKind, type PageData, type Proposal, type SiteContext,
} from '@seology/fixes';
import { startRealWordPress, startWordPressContractServer, realWordPressUnavailable } from '../../../libs/connectors/src/testing';
import { DEMO_SITE_CREDENTIALS, demoSiteOptions } from '../../../scripts/demo-site-content';

const SEOLOGY_PLUGIN = join(__dirname, '../../../integrations/wordpress/seology');
const TIMING_CHECK = /ttfb|slow|response-time/;
const FIX_KIND_OF = new Map(CHECKS.filter((c) => c.fixKind).map((c) => [c.id, c.fixKind as FixKind]));
const TEXT_FIELDS = new Set(['title', 'metaDescription', 'ogTitle', 'ogDescription', 'imageAlt', 'h1', 'anchorText']);

interface Crawled {
  pages: Map<string, { html: string; findings: Finding[] }>;
  siteFindings: Finding[];
  healthScore: number | null;
}

async function crawl(siteUrl: string): Promise<Crawled> {
  const pages = new Map<string, { html: string; findings: Finding[] }>();
  const summary = await crawlSite({
    startUrl: `${siteUrl}/`, maxPages: 200, auditThreads: 0, ssrfPolicy: { allowHosts: ['127.0.0.1'] },
    onPage: (page: FetchedPage, outcome) => {
      if (page.status === 200 && page.html) pages.set(page.url, { html: page.html, findings: outcome.findings });
    },
  });
  return { pages, siteFindings: summary.findings, healthScore: summary.healthScore };
}

/** Page-level and site-level findings per (url, check), as the issue list keeps them. */
function findingCounts(c: Crawled): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of [...[...c.pages.values()].flatMap((p) => p.findings), ...c.siteFindings]) out.set(`${f.url} ${f.checkId}`, (out.get(`${f.url} ${f.checkId}`) ?? 0) + 1);
  return out;
}

export interface QualityFigures {
  site: string;
  pages: number;
  fixableFindings: number;
  proposals: number;
  applicable: number;
  /** Offered as MANUAL recommendations by their nature (two h1 headings), whatever the connection. */
  manual: number;
  texts: number;
  textsPassing: number;
  applied: number;
  causedFindings: string[];
  /** Health score before and after the applied fixes. */
  healthScore: { before: number | null; after: number | null };
  samples: string[];
  byField: Record<string, number>;
  /** Why findings got no proposal, most frequent first. */
  notOffered: Array<[reason: string, count: number]>;
}

async function measure(label: string, siteUrl: string, connector: WordPressConnector, connectionLabel: string): Promise<QualityFigures> {
  const before = await crawl(siteUrl);
  const pageData = new Map<string, PageData>([...before.pages].map(([url, p]) => [url, extractPageData(p.html, url)]));
  const findings: FixableFinding[] = [];
  let n = 0;
  for (const f of [...[...before.pages.values()].flatMap((p) => p.findings), ...before.siteFindings]) {
    const kind = FIX_KIND_OF.get(f.checkId);
    const page = pageData.get(f.url);
    if (kind && page) findings.push({ issueId: `i${++n}`, checkId: f.checkId, fixKind: kind, selector: f.selector, evidence: f.evidence, page });
  }
  const titles = [...pageData.values()].map((p) => p.title);
  const verified = await connector.verify();
  const siteName = siteNameOf({ platformName: verified.ok ? verified.siteName : null, pages: [...pageData.values()], titles });
  const site: SiteContext = {
    siteName, titleSeparator: titleSeparatorOf(titles, siteName), notBrands: [connectionLabel, new URL(siteUrl).host], siteUrl: `${siteUrl}/`,
    existingTitles: [], existingDescriptions: [], livePages: [...pageData.values()].map((p) => ({ url: p.url, title: p.title })),
  };
  const generated = await new RulesProposalGenerator().generate(site, findings);
  const findingOf = new Map(findings.map((f) => [f.issueId, f]));
  const reasons = new Map<string, number>();
  const note = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  generated.rejected.forEach((r) => note(r.reason.replace(/https?:\/\/\S+/g, 'URL').replace(/\d+/g, 'N')));
  const proposals = generated.proposals.filter((p) => {
    const problem = selfCheck(p, findingOf.get(p.issueId)!.page, findingOf.get(p.issueId)!.checkId);
    if (problem) note(`self-check: ${problem}`);
    return !problem;
  });

  // Every text again against every rule, independently of the path that produced it.
  const texts = proposals.filter((p) => TEXT_FIELDS.has(p.field));
  const brand = newGuardrailContext([], [], { siteName, notBrands: site.notBrands });
  const passing = texts.filter((p) => textProblem(p.field, p.after, findingOf.get(p.issueId)!.page, brand) === null);

  const caps = await connector.capabilities();
  const applicable: Array<{ proposal: Proposal; ref: NonNullable<Awaited<ReturnType<WordPressConnector['findResourceByUrl']>>> }> = [];
  for (const proposal of proposals) {
    if (proposal.field === 'anchorText' || proposal.manualReason) continue;
    const page = findingOf.get(proposal.issueId)!.page;
    const ref = await connector.findResourceByUrl(proposal.field === 'redirect' ? proposal.after : page.url);
    if (ref && canChange(caps, ref.kind, proposal.field)) applicable.push({ proposal, ref });
  }

  const applied: AppliedChange[] = [];
  for (const { proposal, ref } of applicable) {
    if (proposal.risk === 'HIGH') continue; // AUTOMATIC leaves HIGH risk to a person
    applied.push(await connector.applyChange(ref, { field: proposal.field as SeoField, value: proposal.after, ...(proposal.target ? { target: proposal.target } : {}) }));
  }
  const after = await crawl(siteUrl);
  const was = findingCounts(before);
  const changedPages = new Set(applied.map((a) => a.ref.url));
  const caused = [...findingCounts(after)]
    // Response times of a local PHP server under load are noise, not something a text change causes.
    .filter(([key]) => !TIMING_CHECK.test(key.split(' ')[1]!))
    .filter(([key, count]) => count > (was.get(key) ?? 0) && [...changedPages].some((url) => key.startsWith(`${url} `) || key.startsWith(`${new URL(url, siteUrl).href} `)))
    .map(([key]) => {
      const found = [...[...after.pages.values()].flatMap((p) => p.findings), ...after.siteFindings].find((f) => `${f.url} ${f.checkId}` === key);
      return `${key}${found ? ` (${found.message}${found.evidence ? ` "${found.evidence}"` : ''})` : ''}`;
    });
  for (const change of applied.reverse()) await connector.revertChange(change.ref, change, { force: true });

  return {
    site: label, pages: before.pages.size, fixableFindings: findings.length, proposals: proposals.length, applicable: applicable.length,
    manual: proposals.filter((p) => p.manualReason !== undefined).length, texts: texts.length, textsPassing: passing.length, applied: applied.length, causedFindings: caused,
    byField: proposals.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.field]: (acc[p.field] ?? 0) + 1 }), {}),
    notOffered: [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8),
    healthScore: { before: before.healthScore, after: after.healthScore },
    samples: texts.slice(0, 12).map((p) => `${p.field} ${new URL(findingOf.get(p.issueId)!.page.url).pathname}: "${p.before ?? ''}" -> "${p.after}"`),
  };
}

function print(f: QualityFigures): void {
  const share = f.texts ? ((100 * f.textsPassing) / f.texts).toFixed(1) : '100.0';
  console.log(`\n${f.site}`);
  console.log(`  pages crawled                 ${f.pages}`);
  console.log(`  fixable findings              ${f.fixableFindings}`);
  console.log(`  proposals offered             ${f.proposals}`);
  console.log(`  by field                      ${Object.entries(f.byField).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  applicable on this connection ${f.applicable}`);
  console.log(`  manual by nature (h1 etc.)    ${f.manual}`);
  console.log(`  texts passing every rule      ${f.textsPassing}/${f.texts} (${share}%, goal 100%)`);
  console.log(`  applied (LOW and MEDIUM)      ${f.applied}`);
  console.log(`  health score                  ${f.healthScore.before} -> ${f.healthScore.after} after the applied fixes`);
  console.log(`  findings caused by the fixes  ${f.causedFindings.length} (goal 0)${f.causedFindings.length ? `: ${f.causedFindings.join(', ')}` : ''}`);
  console.log('  texts offered:');
  for (const s of f.samples) console.log(`    ${s}`);
  console.log('  not offered, why:');
  for (const [reason, count] of f.notOffered) console.log(`    ${count} × ${reason}`);
}

export async function main(argv: string[]): Promise<number> {
  const figures: QualityFigures[] = [];
  const demo = await startWordPressContractServer(demoSiteOptions());
  try {
    const connector = new WordPressConnector({ siteUrl: demo.url, ...DEMO_SITE_CREDENTIALS, ssrfPolicy: { allowHosts: ['127.0.0.1'] } });
    figures.push(await measure('demo site (WordPress contract server, Yoast, themed markup)', demo.url, connector, 'Demo bakery (local WordPress)'));
  } finally {
    await demo.close();
  }
  const unavailable = argv.includes('--skip-real-wordpress') ? 'skipped (--skip-real-wordpress)' : realWordPressUnavailable();
  if (unavailable) console.log(`real WordPress: ${unavailable}`);
  else {
    const setups = [{ plugins: [], name: 'no SEO plugin' }, { plugins: [SEOLOGY_PLUGIN], name: 'with the Seology plugin' }];
    for (const setup of argv.includes('--only-plugin') ? setups.slice(1) : setups) {
      const wp = await startRealWordPress({ permalinks: 'pretty', plugins: setup.plugins });
      try {
        const connector = new WordPressConnector({ siteUrl: wp.url, username: wp.username, applicationPassword: wp.applicationPassword, ssrfPolicy: { allowHosts: ['127.0.0.1'] } });
        figures.push(await measure(`real WordPress ${wp.permalinks} permalinks, default theme, ${setup.name}`, wp.url, connector, 'My WordPress (local)'));
      } finally {
        await wp.stop();
      }
    }
  }
  figures.forEach(print);
  return figures.every((f) => f.textsPassing === f.texts && f.causedFindings.length === 0) ? 0 : 1;
}
