import { execFile } from 'node:child_process';
import * as path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { findChromium } from '@seology/render';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { startRenderFixtureSite, type RenderFixtureSite } from '@seology/render/testing';
import { parseArgs, UsageError, type AuditArgs } from './args';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'seology.js');

function audit(argv: string[]): AuditArgs {
  const parsed = parseArgs(['audit', ...argv]);
  if (parsed.command !== 'audit') throw new Error(`parsed as ${parsed.command}`);
  return parsed;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, SSRF_ALLOW_HOSTS: '', ...env }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

describe('CLI rendering flags', () => {
  it('--render alone means on, --render auto samples, and the URL after a bare --render stays the URL', () => {
    expect(audit(['https://example.com/']).render).toBeNull();
    expect(audit(['--render', 'https://example.com/'])).toMatchObject({ render: 'on', url: 'https://example.com/' });
    expect(audit(['--render', 'auto', 'https://example.com/']).render).toBe('auto');
    expect(audit(['--render=auto', 'https://example.com/']).render).toBe('auto');
    expect(audit(['https://example.com/', '--render', 'on']).render).toBe('on');
    expect(audit(['https://example.com/', '--render-timeout', '5000', '--render-pages', '3'])).toMatchObject({ renderTimeoutMs: 5000, renderPages: 3, render: null });
    expect(audit(['https://example.com/'])).toMatchObject({ renderTimeoutMs: 15_000, renderPages: 2 });
    expect(() => audit(['https://example.com/', '--render-pages', '0'])).toThrow(UsageError);
    expect(() => audit(['https://example.com/', '--render-timeout', 'soon'])).toThrow(UsageError);
  });

  it('--render without a browser is a usage error naming CHROMIUM_PATH', async () => {
    const r = await cli(['audit', 'http://127.0.0.1:9/', '--allow-private', '--render'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--render needs Chromium, not found at /nonexistent/chromium');
  });

  (findChromium() === null ? describe.skip : describe)('with Chromium', () => {
    let site: RenderFixtureSite;
    beforeAll(async () => {
      site = await startRenderFixtureSite({ sitemapPaths: ['/', '/about'] });
    });
    afterAll(() => site?.close());

    it('audits with --render and exits normally', async () => {
      // The audit follows the links of the rendered pages: keep the crawl to the two pages of the sitemap.
      const scope = ['--exclude', '/products', '--exclude', '/products/*', '--exclude', '/gen/*'];
      const r = await cli(['audit', `http://127.0.0.1:${site.port}/`, '--allow-private', '--render', '--render-pages', '1', '--format', 'json', '--no-resources', '--rps', '0', ...scope]);
      expect(r.stderr).not.toMatch(/Error|failed/);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { pages: { url: string; status: number }[] };
      expect(doc.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/about']);
      // The browser fetched the bundle (the crawler alone never does).
      expect(site.requested(/^\/assets\/index-.*\.js$/).length).toBe(2);
    }, 60_000);
  });
});
