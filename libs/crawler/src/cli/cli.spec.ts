import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { page, startSite, type TestSite } from '../testing/site-server';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'seology.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface ReportIssue {
  id: string;
  checkId: string;
  category: string | null;
  severity: string | null;
  url: string;
  message: string;
  evidence: string | null;
}

interface ReportTemplate {
  checkId: string;
  templateKey: string;
  message: string;
  evidence: string | null;
  pages: number;
}

/** What `seology audit --format json` prints, as far as these tests read it. */
interface AuditReport {
  site: string;
  stats: { pages: number };
  capped: { any: boolean; checks: unknown[] };
  healthScore: number;
  issueCounts: { bySeverity: Partial<Record<string, number>> };
  baseline?: { newIssues: number; newAtGate: number };
  templates: ReportTemplate[];
  pages: Array<{ url: string; status: number; title: string | null }>;
  issues: ReportIssue[];
}

/** One line of `--format ndjson`: a summary, template, page or issue, told apart by its type. */
type NdjsonLine = { type: string; url?: string } & Record<string, unknown>;

const parseReport = (stdout: string) => JSON.parse(stdout) as AuditReport;

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, SSRF_ALLOW_HOSTS: '', ...env }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

jest.setTimeout(60_000);

describe('seology CLI', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({
      '/': page('Home page of the CLI test site with a descriptive title', ['/about', '/missing', '/old'], '<img src="/logo.png" alt="Logo">'),
      '/about': '<html><head></head><body><p>No title on this page</p><a href="/">Home</a></body></html>',
      '/old': { status: 301, headers: { location: '/new' } },
      '/new': page('The new page'),
      '/logo.png': { headers: { 'content-type': 'image/png', 'content-length': '4' }, body: Buffer.alloc(4) },
    });
  });
  afterAll(() => site.close());

  it('audit --format json prints exactly one JSON document with pages, issues, stats and score', async () => {
    const r = await cli(['audit', `${site.origin}/`, '--allow-private', '--format', 'json', '--rps', '0']);
    expect(r.code).toBe(0);
    const doc = parseReport(r.stdout); // throws if anything but one JSON document is on stdout
    // One page or issue per line, so the listing streams and can be read back line by line.
    expect(r.stdout.trim().split('\n').length).toBe(doc.templates.length + doc.pages.length + doc.issues.length + 7);
    expect(doc.capped).toEqual({ any: false, checks: [] });
    expect(doc.site).toBe(`${site.origin}/`);
    expect(doc.stats).toEqual(expect.objectContaining({ pages: 4, durationMs: expect.any(Number) as unknown, pagesPerSecond: expect.any(Number) as unknown }));
    const byUrl = Object.fromEntries(doc.pages.map((p) => [p.url.slice(site.origin.length), p]));
    expect(Object.keys(byUrl).sort()).toEqual(['/', '/about', '/missing', '/old']);
    expect(byUrl['/']).toMatchObject({ status: 200, title: 'Home page of the CLI test site with a descriptive title' });
    expect(byUrl['/missing']).toMatchObject({ status: 404 });
    expect(byUrl['/old']).toMatchObject({ status: 200, finalUrl: `${site.origin}/new` });
    const titleMissing = doc.issues.find((i) => i.checkId === 'title-missing' && i.url === `${site.origin}/about`);
    expect(titleMissing).toMatchObject({ category: 'titles', severity: expect.any(String) as unknown, message: expect.any(String) as unknown });
    for (const i of doc.issues) expect(Object.keys(i).sort()).toEqual(['category', 'checkId', 'evidence', 'id', 'message', 'selector', 'severity', 'url']);
    expect(doc.healthScore).toBeGreaterThanOrEqual(0);
    expect(doc.healthScore).toBeLessThanOrEqual(100);
    expect(site.hitsFor('/logo.png').map((h) => h.method)).toEqual(['HEAD']);
  });

  it('--fail-on gates on severity and --no-resources skips resource checks', async () => {
    const before = site.hitsFor('/logo.png').length;
    const high = await cli(['audit', `${site.origin}/`, '--allow-private', '--format', 'json', '--fail-on', 'high', '--no-resources', '--rps', '0']);
    const doc = parseReport(high.stdout);
    expect(doc.issueCounts.bySeverity.HIGH).toBeGreaterThan(0); // the 404 and the missing title
    expect(high.code).toBe(1);
    expect(site.hitsFor('/logo.png').length).toBe(before);
    const critical = await cli(['audit', `${site.origin}/`, '--allow-private', '--format', 'json', '--fail-on', 'CRITICAL', '--no-resources', '--rps', '0']);
    const hasCritical = (parseReport(critical.stdout).issueCounts.bySeverity.CRITICAL ?? 0) > 0;
    expect(critical.code).toBe(hasCritical ? 1 : 0);
  });

  it('lists the same pages and issues in the same order on every run, in json and ndjson', async () => {
    const args = ['audit', `${site.origin}/`, '--allow-private', '--rps', '0', '--concurrency', '4'];
    const [a, b, nd] = await Promise.all([cli([...args, '--format', 'json']), cli([...args, '--format', 'json']), cli([...args, '--format', 'ndjson'])]);
    const strip = (d: AuditReport) => ({ pages: d.pages.map(({ url, status, title }) => ({ url, status, title })), issues: d.issues });
    const da = parseReport(a.stdout);
    expect(strip(da)).toEqual(strip(parseReport(b.stdout)));
    const urls = da.pages.map((p) => p.url);
    expect(urls).toEqual([...urls].sort());
    const lines = nd.stdout.trim().split('\n').map((l) => JSON.parse(l) as NdjsonLine);
    expect(lines[0]).toMatchObject({ type: 'summary', site: `${site.origin}/`, stats: { pages: 4 }, capped: { any: false } });
    expect(lines.filter((l) => l.type === 'page').map((l) => l.url)).toEqual(urls);
    expect(lines.filter((l) => l.type === 'issue').map(({ type: _t, ...i }) => i)).toEqual(da.issues);
  });

  it('reports a cause on most pages once as template-wide, and lists its page rows only with --per-page', async () => {
    const args = ['audit', `${site.origin}/`, '--allow-private', '--rps', '0', '--no-resources', '--format', 'json'];
    const grouped = parseReport((await cli(args)).stdout);
    const perPage = parseReport((await cli([...args, '--per-page'])).stdout);
    expect(grouped.templates.length).toBeGreaterThan(0);
    const sameCause = (t: { checkId: string; message: string; evidence: string | null }) => (i: { checkId: string; message: string; evidence: string | null }) =>
      i.checkId === t.checkId && i.message === t.message && i.evidence === t.evidence;
    for (const t of grouped.templates) {
      expect(t).toEqual(expect.objectContaining({ templateKey: expect.stringMatching(/^[0-9a-f]{13}$/) as unknown, pages: expect.any(Number) as unknown, examples: expect.any(Array) as unknown, severity: expect.any(String) as unknown }));
      expect(t.pages).toBeGreaterThanOrEqual(3);
      expect(grouped.issues.filter(sameCause(t))).toHaveLength(0);
      expect(perPage.issues.filter(sameCause(t))).toHaveLength(t.pages);
    }
    expect(grouped.issueCounts).toEqual(perPage.issueCounts);
    expect(grouped.healthScore).toBe(perPage.healthScore);
    const text = await cli(args.slice(0, -2));
    expect(text.stdout).toContain('Template-wide issues');
  });

  it('--baseline fails only on issues that are new since the baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seology-baseline-'));
    try {
      const base = ['audit', `${site.origin}/`, '--allow-private', '--rps', '0', '--no-resources'];
      const full = await cli([...base, '--format', 'json']);
      writeFileSync(path.join(dir, 'full.json'), full.stdout);
      const same = await cli([...base, '--format', 'json', '--baseline', path.join(dir, 'full.json')]);
      expect(parseReport(same.stdout).baseline).toMatchObject({ newIssues: 0, newAtGate: 0 });
      expect(same.code).toBe(0);
      // A baseline of the home page only: the other pages' issues are new.
      const partial = await cli([...base, '--format', 'ndjson', '--max-pages', '1']);
      writeFileSync(path.join(dir, 'home.ndjson'), partial.stdout);
      const grown = await cli([...base, '--baseline', path.join(dir, 'home.ndjson')]);
      expect(grown.code).toBe(1);
      expect(grown.stdout).toMatch(/Baseline: [1-9]\d* issues? not in /);
      expect(grown.stdout).toContain('Failing: new issues since the baseline were found');
      const doc = parseReport(full.stdout);
      const newOnes = doc.issues.filter((i) => i.url !== `${site.origin}/`);
      const gated = await cli([...base, '--format', 'json', '--baseline', path.join(dir, 'home.ndjson'), '--fail-on', 'critical']);
      const critical = newOnes.filter((i) => i.severity === 'CRITICAL').length;
      expect(gated.code).toBe(critical > 0 ? 1 : 0);
      writeFileSync(path.join(dir, 'junk.json'), 'not a report\n');
      const junk = await cli([...base, '--baseline', path.join(dir, 'junk.json')]);
      expect(junk.code).toBe(2);
      expect(junk.stderr).toContain('is not a report written by seology audit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('text mode prints a readable summary on stdout and progress on stderr', async () => {
    const r = await cli(['audit', `${site.origin}/`, '--allow-private', '--max-pages', '2', '--rps', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Seology audit of http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.stdout).toContain('Crawled 2 pages');
    expect(r.stdout).toMatch(/Health score: \d+\/100/);
    expect(r.stdout).toContain('Issues by severity');
    expect(r.stdout).toContain('Top issues');
    expect(r.stderr).toMatch(/\[[#-]+\] \d+\/\d+ pages/);
  });

  it('refuses a private address without --allow-private, before any request', async () => {
    const before = site.hits.length;
    const r = await cli(['audit', `${site.origin}/`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('127.0.0.1 is a loopback address; refused');
    expect(r.stderr).toContain('--allow-private');
    expect(site.hits.length).toBe(before);
  });

  it.each([
    [['audit'], 'needs a URL'],
    [['audit', 'http://example.com', '--max-pages', 'many'], '--max-pages expects a whole number'],
    [['audit', 'http://example.com', '--format', 'xml'], '--format expects'],
    [['audit', 'http://example.com', '--fail-on', 'severe'], '--fail-on expects one of'],
    [['audit', 'http://example.com', '--header', 'no colon'], '--header expects'],
    [['audit', 'ftp://example.com'], 'only http and https'],
    [['audit', 'http://example.com', '--bogus'], 'unknown option --bogus'],
    [['frobnicate'], 'unknown command'],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('audit --help prints the help and exits 0, before and after the URL, without crawling', async () => {
    for (const args of [['audit', '--help'], ['audit', `${site.origin}/`, '--help'], ['audit', '-h']]) {
      const r = await cli(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 0]);
      expect(r.stdout).toMatch(/Usage:[\s\S]*seology audit <url>/);
      expect(r.stdout).toContain('--format');
      expect(r.stderr).not.toMatch(/unknown option/i);
    }
  });

  it('checks lists the catalogue as text and JSON', async () => {
    const json = await cli(['checks', '--format', 'json']);
    expect(json.code).toBe(0);
    const checks = JSON.parse(json.stdout) as Array<{ id: string; category: string; severity: string }>;
    expect(checks.length).toBeGreaterThanOrEqual(100);
    expect(checks[0]).toEqual(expect.objectContaining({ id: expect.any(String) as unknown, category: expect.any(String) as unknown, severity: expect.any(String) as unknown }));
    const text = await cli(['checks']);
    expect(text.stdout).toContain(`${checks.length} checks`);
    expect(text.stdout).toContain(checks[0]!.id);
  });
});
