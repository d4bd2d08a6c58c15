import { policyFromEnv, resolveAndCheck, SsrfError, type SsrfPolicy } from '@seology/net';
import type { CheckDefinition, compareFindings, decideRendering, Finding, findingIdentity, PageRenderRecord, PageSummary, RenderVerdict, Severity, shouldRenderSite, TemplateFinding, templateKeyOf } from '@seology/audit';
import type { PageRenderer } from '@seology/render';
import { crawlSite, type CrawlOptions, type CrawlProgress, type CrawlSummary } from '../crawler';
import { parseArgs, UsageError, USAGE, type AuditArgs } from './args';
import { readBaseline } from './baseline';
import { ReportStore } from './report-store';

interface AuditLib {
  CHECKS: readonly CheckDefinition[];
  SEVERITY_ORDER: readonly Severity[];
  compareFindings: typeof compareFindings;
  findingIdentity: typeof findingIdentity;
  templateKeyOf: typeof templateKeyOf;
  decideRendering: typeof decideRendering;
  shouldRenderSite: typeof shouldRenderSite;
}

function loadAuditLib(): AuditLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@seology/audit') as AuditLib;
}

/** Loaded only with --render: the browser driver is not needed otherwise. */
function loadRenderLib(): typeof import('@seology/render') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@seology/render') as typeof import('@seology/render');
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

const EXIT_OK = 0;
const EXIT_GATE = 1;
const EXIT_USAGE = 2;
const EXIT_FAILURE = 3;
const EXIT_INTERRUPTED = 130;

/** Runs the command line; resolves with the process exit code. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`seology: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  switch (parsed.command) {
    case 'help':
      io.stdout.write(USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout.write('seology 0.1.0\n');
      return EXIT_OK;
    case 'checks':
      return listChecks(parsed.format, io);
    case 'audit':
      return runAudit(parsed, io);
  }
}

function listChecks(format: 'text' | 'json', io: Io): number {
  const { CHECKS } = loadAuditLib();
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(CHECKS, null, 2)}\n`);
    return EXIT_OK;
  }
  const byCategory = new Map<string, CheckDefinition[]>();
  for (const c of CHECKS) {
    const list = byCategory.get(c.category) ?? [];
    list.push(c);
    byCategory.set(c.category, list);
  }
  const lines: string[] = [`${CHECKS.length} checks`];
  for (const [category, checks] of byCategory) {
    lines.push(`\n${category}`);
    for (const c of checks) lines.push(`  ${c.severity.padEnd(8)} ${c.id.padEnd(42)} ${c.title}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

interface PageRow {
  url: string;
  finalUrl: string;
  status: number;
  depth: number;
  title: string | null;
  description: string | null;
  canonical: string | null;
  h1: string | null;
  wordCount: number;
  indexable: boolean;
  bodyBytes: number;
  ttfbMs: number;
  totalMs: number;
  inSitemap: boolean;
  error: string | null;
}

interface IssueRow {
  /** Stable across runs: check + URL + detail key (see findingIdentity); what --baseline matches on. */
  id: string;
  checkId: string;
  category: string | null;
  severity: Severity | null;
  url: string;
  selector: string | null;
  message: string;
  evidence: string | null;
}

function allowListFor(url: URL, allowPrivate: boolean, base: SsrfPolicy): SsrfPolicy {
  if (!allowPrivate) return base;
  // Only the host the user named: links or redirects elsewhere on the private network stay refused.
  return { allowHosts: [...base.allowHosts, url.hostname.replace(/^\[|\]$/g, '')] };
}

async function runAudit(args: AuditArgs, io: Io): Promise<number> {
  const { CHECKS, SEVERITY_ORDER, compareFindings, findingIdentity, templateKeyOf } = loadAuditLib();
  const checkById = new Map(CHECKS.map((c) => [c.id, c]));
  let policy: SsrfPolicy;
  try {
    policy = allowListFor(new URL(args.url), args.allowPrivate, policyFromEnv(io.env));
  } catch (e) {
    io.stderr.write(`seology: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  try {
    await resolveAndCheck(args.url, policy);
  } catch (e) {
    if (e instanceof SsrfError) {
      const hint = e.code === 'blocked-address' ? ' Use --allow-private to audit a site on this machine or a private network.' : '';
      io.stderr.write(`seology: ${e.message}.${hint}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  let baseline: Set<number> | null = null;
  if (args.baseline !== null) {
    try {
      baseline = await readBaseline(args.baseline);
    } catch (e) {
      io.stderr.write(`seology: --baseline: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
  }

  const severityRank = new Map(SEVERITY_ORDER.map((s, i) => [s, i]));
  const gateRank = args.failOn === null ? 0 : (severityRank.get(args.failOn) ?? 0);
  // Only what the report lists is kept: rows go to disk (json, ndjson), the text report keeps one example per check.
  const store = args.format === 'text' ? null : new ReportStore<PageRow, IssueRow>();
  const tally = new IssueTally(baseline, gateRank, severityRank, templateKeyOf);
  const toIssue = (f: Finding): IssueRow => {
    const def = checkById.get(f.checkId);
    return { id: findingIdentity(f), checkId: f.checkId, category: def?.category ?? null, severity: def?.severity ?? null, url: f.url, selector: f.selector, message: f.message, evidence: f.evidence };
  };
  const progress = new ProgressBar(io.stderr, args.format === 'text', args.maxPages);
  const ac = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    io.stderr.write('\nseology: stopping (Ctrl-C again to quit immediately)\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);

  const options: CrawlOptions = {
    startUrl: args.url,
    maxPages: args.maxPages,
    maxDepth: args.maxDepth,
    concurrency: args.concurrency,
    requestsPerSecond: args.rps,
    include: args.include,
    exclude: args.exclude,
    headers: args.headers,
    userAgent: args.userAgent,
    timeoutMs: args.timeoutMs,
    checkResources: args.resources,
    resourceBudgetMs: args.resourceBudgetMs,
    ssrfPolicy: policy,
    signal: ac.signal,
    onPage: (page, outcome) => {
      const rows = outcome.findings.map(toIssue).sort(compareFindings);
      for (const r of rows) tally.add(r);
      store?.add(page.url, pageRow(outcome.summary, page.inSitemap, page.error ?? null), rows);
    },
    onProgress: (p) => progress.update(p),
    progressIntervalMs: 200,
  };

  let renderer: PageRenderer | null = null;
  const autoRender: { verdict: RenderVerdict | null; records: PageRenderRecord[]; decideAtEnd: () => RenderVerdict | null } = { verdict: null, records: [], decideAtEnd: () => null };
  if (args.render !== null) {
    const { createRenderer, findChromium, chromiumPath } = loadRenderLib();
    if (findChromium(io.env) === null) {
      process.off('SIGINT', onSigint);
      io.stderr.write(`seology: --render needs Chromium, not found at ${chromiumPath(io.env)}: install it (apt-get install chromium) or set CHROMIUM_PATH.\n`);
      return EXIT_USAGE;
    }
    renderer = createRenderer({ executablePath: chromiumPath(io.env), maxPages: args.renderPages, timeoutMs: args.renderTimeoutMs, policy });
    options.render = { renderer, mode: args.render };
    if (args.render === 'auto') {
      const { decideRendering, shouldRenderSite } = loadAuditLib();
      const startUrl = args.url;
      options.render.decide = (sample) => {
        autoRender.verdict = decideRendering(sample, { startUrl });
        return autoRender.verdict.render;
      };
      // A site smaller than the sample is rendered whole: decide from its pages at the end.
      const inner = options.onPage;
      options.onPage = (page, outcome, body) => {
        if (autoRender.verdict === null && outcome.summary.render !== undefined) autoRender.records.push(outcome.summary.render);
        return inner?.(page, outcome, body);
      };
      autoRender.decideAtEnd = () => (autoRender.records.length > 0 ? shouldRenderSite(autoRender.records) : null);
    }
  }

  try {
    let summary: CrawlSummary;
    try {
      summary = await crawlSite(options);
    } catch (e) {
      progress.clear();
      io.stderr.write(`seology: the audit failed: ${(e as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      process.off('SIGINT', onSigint);
      await renderer?.close();
    }
    progress.clear();
    const renderVerdict = args.render === 'auto' ? (autoRender.verdict ?? autoRender.decideAtEnd()) : null;
    const renderNote =
      args.render === null ? null
        : args.render === 'on' ? 'Rendering on: every page was rendered with JavaScript.'
          : (renderVerdict?.summary ?? 'Rendering not decided: the audit ended before any sample page was rendered.');
    const siteIssues = summary.findings.map(toIssue).sort(compareFindings);
    for (const r of siteIssues) tally.add(r);

    const totals = totalsBySeverity(summary.countsByCheck, checkById);
    const failing =
      baseline !== null
        ? tally.newAtGate > 0
        : args.failOn !== null && SEVERITY_ORDER.some((s) => (severityRank.get(s) ?? 0) >= gateRank && (totals.bySeverity[s] ?? 0) > 0);
    const capped = Object.entries(summary.countsByCheck)
      .filter(([id, total]) => total > (tally.listedByCheck.get(id) ?? 0))
      .map(([checkId, total]) => ({ checkId, listed: tally.listedByCheck.get(checkId) ?? 0, total }))
      .sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0));

    const templates = (summary.audit?.templateFindings ?? []).map((t) => ({ ...t, severity: checkById.get(t.checkId)?.severity ?? null, category: checkById.get(t.checkId)?.category ?? null }));
    // Rows of a template-wide cause are folded into it unless --per-page asks for them.
    const folded = args.perPage ? new Set<string>() : new Set(templates.map((t) => t.templateKey));
    const listed = (i: IssueRow) => folded.size === 0 || !folded.has(templateKeyOf(i));
    if (store !== null) {
      const head = {
        site: summary.startUrl,
        status: summary.status,
        stats: {
          pages: summary.stats.pages,
          durationMs: summary.stats.durationMs,
          pagesPerSecond: summary.stats.pagesPerSecond,
          requests: summary.stats.requests,
          errors: summary.stats.errors,
          robotsBlocked: summary.stats.robotsBlocked,
          resourcesChecked: summary.stats.resourcesChecked,
          resourcesSkipped: summary.stats.resourcesSkipped,
          unreachableHosts: summary.stats.unreachableHosts,
        },
        healthScore: summary.healthScore,
        issueCounts: { bySeverity: totals.bySeverity, byCategory: totals.byCategory, byCheck: sortedRecord(summary.countsByCheck) },
        // Page-level findings are all listed; only site-level checks keep a capped list of examples.
        capped: { any: capped.length > 0, checks: capped },
        // Each counts once in the score (its check's reach); its page rows are listed only with --per-page.
        templateFindings: { perPageRowsListed: args.perPage },
        ...(baseline !== null ? { baseline: { file: args.baseline, newIssues: tally.newIssues, newAtGate: tally.newAtGate } } : {}),
        ...(args.render !== null ? { render: { mode: args.render, rendered: args.render === 'on' || renderVerdict?.render === true, summary: renderNote } } : {}),
      };
      await writeListing(io.stdout, args.format === 'ndjson' ? 'ndjson' : 'json', head, templates, store, siteIssues.filter(listed), listed);
    } else {
      io.stdout.write(renderText(summary, totals, checkById, SEVERITY_ORDER, tally.examples));
      if (renderNote !== null) io.stdout.write(`\n${renderNote}\n`);
      io.stdout.write(renderTemplates(templates, summary.audit?.pagesAudited ?? summary.stats.pages));
      if (capped.length > 0) io.stdout.write(`\nCapped: site-level examples were capped for ${capped.map((c) => `${c.checkId} (${c.listed} of ${c.total})`).join(', ')}.\n`);
      if (baseline !== null) io.stdout.write(`\nBaseline: ${tally.newIssues} issue${tally.newIssues === 1 ? '' : 's'} not in ${args.baseline}.\n`);
    }
    if (failing && args.format === 'text') {
      const what = args.failOn === null ? 'issues' : `issues of severity ${args.failOn} or worse`;
      io.stdout.write(`\nFailing: ${baseline !== null ? `new ${what} since the baseline` : what} were found${args.failOn === null ? '' : ` (--fail-on ${args.failOn.toLowerCase()})`}.\n`);
    }
    if (interrupted) return EXIT_INTERRUPTED;
    return failing ? EXIT_GATE : EXIT_OK;
  } finally {
    store?.close();
  }
}

/** Counts kept while rows stream past: listed per check, what is new against a baseline, and one example per check. */
class IssueTally {
  readonly listedByCheck = new Map<string, number>();
  /** Smallest URL per check, so the text report's examples do not depend on crawl timing. */
  readonly examples = new Map<string, string>();
  newIssues = 0;
  newAtGate = 0;

  constructor(
    private readonly baseline: Set<number> | null,
    private readonly gateRank: number,
    private readonly severityRank: Map<Severity, number>,
    private readonly templateKeyOf: (i: IssueRow) => string,
  ) {}

  add(r: IssueRow): void {
    this.listedByCheck.set(r.checkId, (this.listedByCheck.get(r.checkId) ?? 0) + 1);
    const example = this.examples.get(r.checkId);
    if (example === undefined || r.url < example) this.examples.set(r.checkId, r.url);
    if (this.baseline !== null && !this.baseline.has(parseInt(r.id, 16)) && !this.baseline.has(parseInt(this.templateKeyOf(r), 16))) {
      this.newIssues++;
      if (r.severity !== null && (this.severityRank.get(r.severity) ?? 0) >= this.gateRank) this.newAtGate++;
    }
  }
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Writes with backpressure, in chunks, so a large listing never builds up in memory. */
class ChunkedWriter {
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

/**
 * json: one document whose summary fields come first and whose pages and issues follow one per line
 * (so it can be read back line by line, e.g. as a --baseline). ndjson: a summary line, then lines
 * typed "page" and "issue". Both list pages in URL order, then issues page by page, then site-level ones.
 */
async function writeListing(
  out: NodeJS.WritableStream,
  format: 'json' | 'ndjson',
  head: Record<string, unknown>,
  templates: TemplateFinding[],
  store: ReportStore<PageRow, IssueRow>,
  siteIssues: IssueRow[],
  listed: (i: IssueRow) => boolean,
): Promise<void> {
  const w = new ChunkedWriter(out);
  if (format === 'ndjson') {
    await w.write(`${JSON.stringify({ type: 'summary', ...head })}\n`);
    for (const t of templates) await w.write(`${JSON.stringify({ type: 'template', ...t })}\n`);
    for (const { page } of store.sorted()) await w.write(`${JSON.stringify({ type: 'page', ...page })}\n`);
    for (const { issues } of store.sorted()) for (const i of issues) if (listed(i)) await w.write(`${JSON.stringify({ type: 'issue', ...i })}\n`);
    for (const i of siteIssues) await w.write(`${JSON.stringify({ type: 'issue', ...i })}\n`);
  } else {
    const headJson = JSON.stringify(head);
    await w.write(`${headJson.slice(0, -1)},\n"templates":[`);
    let first = true;
    for (const t of templates) {
      await w.write(`${first ? '' : ','}\n${JSON.stringify(t)}`);
      first = false;
    }
    await w.write('\n],\n"pages":[');
    first = true;
    for (const { page } of store.sorted()) {
      await w.write(`${first ? '' : ','}\n${JSON.stringify(page)}`);
      first = false;
    }
    await w.write('\n],\n"issues":[');
    first = true;
    const issueLine = async (i: IssueRow) => {
      await w.write(`${first ? '' : ','}\n${JSON.stringify(i)}`);
      first = false;
    };
    for (const { issues } of store.sorted()) for (const i of issues) if (listed(i)) await issueLine(i);
    for (const i of siteIssues) await issueLine(i);
    await w.write('\n]}\n');
  }
  await w.flush();
}

function pageRow(s: PageSummary, inSitemap: boolean, error: string | null): PageRow {
  return {
    url: s.url,
    finalUrl: s.finalUrl,
    status: s.status,
    depth: s.depth,
    title: s.title,
    description: s.description,
    canonical: s.canonical,
    h1: s.h1,
    wordCount: s.wordCount,
    indexable: s.indexable,
    bodyBytes: s.bodyBytes,
    ttfbMs: s.ttfbMs,
    totalMs: s.totalMs,
    inSitemap,
    error,
  };
}

interface Totals {
  bySeverity: Partial<Record<Severity, number>>;
  byCategory: Record<string, number>;
}

function totalsBySeverity(countsByCheck: Record<string, number>, checks: Map<string, CheckDefinition>): Totals {
  const bySeverity: Partial<Record<Severity, number>> = {};
  const byCategory: Record<string, number> = {};
  for (const [id, n] of Object.entries(countsByCheck)) {
    const def = checks.get(id);
    if (!def || n <= 0) continue;
    bySeverity[def.severity] = (bySeverity[def.severity] ?? 0) + n;
    byCategory[def.category] = (byCategory[def.category] ?? 0) + n;
  }
  return { bySeverity, byCategory };
}

function renderText(summary: CrawlSummary, totals: Totals, checks: Map<string, CheckDefinition>, order: readonly Severity[], examples: Map<string, string>): string {
  const s = summary.stats;
  const out: string[] = [];
  out.push(`Seology audit of ${summary.startUrl}${summary.status === 'cancelled' ? ' (stopped early)' : ''}`);
  out.push(
    `Crawled ${s.pages} page${s.pages === 1 ? '' : 's'} in ${(s.durationMs / 1000).toFixed(1)} s (${s.pagesPerSecond} pages/s); ` +
      `${s.errors} failed, ${s.robotsBlocked} blocked by robots.txt, ${s.resourcesChecked} resources checked` +
      (s.unreachableHosts > 0 ? ` (${s.unreachableHosts} host${s.unreachableHosts === 1 ? '' : 's'} could not be reached)` : '') +
      (s.resourcesSkipped > 0 ? `, ${s.resourcesSkipped} not checked (time budget spent; see --resource-budget)` : ''),
  );
  out.push('');
  out.push(`Health score: ${summary.healthScore ?? 'n/a'}/100`);
  out.push('');
  const bySev = [...order].reverse();
  const total = Object.values(totals.bySeverity).reduce((a, b) => a + (b ?? 0), 0);
  out.push(`Issues by severity (${total} total)`);
  for (const sev of bySev) out.push(`  ${sev.padEnd(9)}${String(totals.bySeverity[sev] ?? 0).padStart(7)}`);
  out.push('');
  out.push('Issues by category');
  const cats = Object.entries(totals.byCategory).sort((a, b) => b[1] - a[1]);
  if (cats.length === 0) out.push('  none');
  for (const [cat, n] of cats) out.push(`  ${cat.padEnd(17)}${String(n).padStart(7)}`);
  out.push('');
  const rank = new Map(order.map((sv, i) => [sv, i]));
  const top = Object.entries(summary.countsByCheck)
    .filter(([id, n]) => n > 0 && checks.has(id))
    .sort((a, b) => {
      const da = checks.get(a[0]) as CheckDefinition;
      const db = checks.get(b[0]) as CheckDefinition;
      return (rank.get(db.severity) ?? 0) - (rank.get(da.severity) ?? 0) || db.weight * b[1] - da.weight * a[1] || (a[0] < b[0] ? -1 : 1);
    })
    .slice(0, 10);
  out.push('Top issues');
  if (top.length === 0) out.push('  none found');
  for (const [id, n] of top) {
    const def = checks.get(id) as CheckDefinition;
    const example = examples.get(id);
    out.push(`  ${def.severity.padEnd(9)}${String(n).padStart(6)}  ${def.title} [${id}]`);
    if (example) out.push(`  ${''.padEnd(15)}e.g. ${example}`);
  }
  return `${out.join('\n')}\n`;
}

function renderTemplates(templates: Array<TemplateFinding & { severity: Severity | null }>, pages: number): string {
  if (templates.length === 0) return '';
  const out = ['', `Template-wide issues (on at least half of the pages; one fix each, counted once in the score)`];
  for (const t of templates) {
    out.push(`  ${(t.severity ?? '').padEnd(9)}${`${t.pages}/${pages}`.padStart(11)}  ${t.message} [${t.checkId}]`);
    if (t.evidence !== null) out.push(`  ${''.padEnd(22)}${t.evidence}`);
    out.push(`  ${''.padEnd(22)}e.g. ${t.examples.slice(0, 3).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** A one-line progress display on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
class ProgressBar {
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly stream: Io['stderr'],
    private readonly enabled: boolean,
    private readonly maxPages: number,
  ) {}

  update(p: CrawlProgress): void {
    if (!this.enabled) return;
    const known = p.pagesCrawled + p.pagesQueued + p.inFlight;
    const denominator = Math.max(1, Math.min(this.maxPages, known));
    const ratio = Math.min(1, p.pagesCrawled / denominator);
    const width = 24;
    const filled = Math.round(ratio * width);
    const phase = p.phase === 'crawling' ? '' : ` ${p.phase}`;
    const resourcesLeft = p.resourcesQueued + p.resourcesInFlight;
    const resources = p.resourcesChecked + resourcesLeft > 0 ? `  resources ${p.resourcesChecked} checked, ${resourcesLeft} left` : '';
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.pagesCrawled}/${denominator} pages  ${p.pagesPerSecond.toFixed(1)} p/s  queue ${p.pagesQueued}${resources}${phase}`;
    if (this.stream.isTTY) {
      const cols = this.stream.columns ?? 100;
      this.stream.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, 100))}`);
      this.drawn = true;
    } else if (Date.now() - this.lastLine > 5000 || p.phase === 'done') {
      this.lastLine = Date.now();
      this.stream.write(`${line}\n`);
    }
  }

  clear(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** Runs the command line as a process's entry point: the exit code becomes the process's. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`seology: ${err instanceof Error && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
