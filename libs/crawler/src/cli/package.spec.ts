import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installCliPackage } from '../testing/cli-package';
import { page, startSite, type TestSite } from '../testing/site-server';

/**
 * The CLI as people get it from npm: `npm pack` of the built package, installed into an empty folder
 * with nothing but its own runtime dependencies, then run there, away from the monorepo.
 */
function run(bin: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

jest.setTimeout(180_000);

describe('the @seology/cli package', () => {
  let work: string;
  let bin: string;
  let site: TestSite;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'seology-cli-'));
    ({ bin } = installCliPackage(work));
    site = await startSite({
      '/': page('Home page of the packaged CLI test site', ['/about', '/missing']),
      '/about': '<html><head></head><body><p>No title on this page</p><a href="/">Home</a></body></html>',
    });
  });
  afterAll(async () => {
    await site?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs only its runtime dependencies: no framework, database client or dashboard', () => {
    const installed = readdirSync(path.join(work, 'project', 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['@seology', 'htmlparser2', 'robots-parser', 'undici']));
    for (const heavy of ['@nestjs', '@prisma', 'prisma', 'react', 'typescript', 'bullmq', 'stripe']) expect(installed).not.toContain(heavy);
    expect(existsSync(path.join(work, 'project', 'node_modules', '@seology', 'cli', 'lib', 'page-audit-worker.js'))).toBe(true);
  });

  it('lists the checks', async () => {
    const r = await run(bin, ['checks', '--format', 'json'], path.join(work, 'project'));
    expect(r.code).toBe(0);
    const checks = JSON.parse(r.stdout) as { id: string }[];
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['title-missing', 'meta-description-missing']));
  });

  it('audits a site, page-audit threads included, and gates on severity', async () => {
    const r = await run(bin, ['audit', `${site.origin}/`, '--allow-private', '--format', 'json', '--rps', '0'], path.join(work, 'project'));
    expect(r.stderr).not.toMatch(/Error|Cannot find module/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { pages: { url: string; status: number }[]; issues: { checkId: string; url: string }[] };
    expect(doc.pages.map((p) => [p.url.slice(site.origin.length), p.status]).sort()).toEqual([
      ['/', 200],
      ['/about', 200],
      ['/missing', 404],
    ]);
    expect(doc.issues).toContainEqual(expect.objectContaining({ checkId: 'title-missing', url: `${site.origin}/about` }));
    const gated = await run(bin, ['audit', `${site.origin}/`, '--allow-private', '--fail-on', 'high', '--rps', '0'], path.join(work, 'project'));
    expect(gated.code).toBe(1);
  });

  it('seology-ci, the step the GitHub action and the GitLab template run, keeps the report and gates', async () => {
    const project = path.join(work, 'project');
    const ci = path.join(project, 'node_modules', '.bin', 'seology-ci');
    const env = { SEOLOGY_URL: `${site.origin}/`, SEOLOGY_ALLOW_PRIVATE: 'true', SEOLOGY_ARGS: '--rps 0', SEOLOGY_REPORT: 'report.json' };
    const gated = await run(ci, [], project, { ...env, SEOLOGY_FAIL_ON: 'high' });
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain('findings at or above high');
    const report = JSON.parse(readFileSync(path.join(project, 'report.json'), 'utf8')) as { pages: unknown[] };
    expect(report.pages).toHaveLength(3);
    const passing = await run(ci, [], project, { ...env, SEOLOGY_FAIL_ON: 'critical' });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('no gating findings');
    // Against the report it just wrote as the baseline, nothing is new: the gate passes at any severity.
    copyFileSync(path.join(project, 'report.json'), path.join(project, 'baseline.json'));
    const baselined = await run(ci, [], project, { ...env, SEOLOGY_FAIL_ON: 'info', SEOLOGY_BASELINE: 'baseline.json' });
    expect(baselined.stderr).toBe('');
    expect(baselined.code).toBe(0);
  });
});
