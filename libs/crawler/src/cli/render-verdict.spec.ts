import { execFile } from 'node:child_process';
import * as path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { findChromium } from '@seology/render';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests use the renderer directly; the CLI loads it lazily so audits without --render never load playwright
import { startRenderFixtureSite, type RenderFixtureSite } from '@seology/render/testing';
import { page, startSite, type TestSite } from '../testing/site-server';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'seology.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, SSRF_ALLOW_HOSTS: '' }, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

const AUTO = ['--allow-private', '--render', 'auto', '--no-resources', '--rps', '0', '--max-pages', '6'];

(findChromium() === null ? describe.skip : describe)('CLI --render auto says what it decided', () => {
  let spa: RenderFixtureSite;
  let plain: TestSite;
  beforeAll(async () => {
    spa = await startRenderFixtureSite({ generatedPages: 2 });
    plain = await startSite({
      '/': page('Home page of a site built without JavaScript', ['/about', '/contact']),
      '/about': page('About the site built without JavaScript', ['/']),
      '/contact': page('Contact the site built without JavaScript', ['/']),
    });
  });
  afterAll(async () => {
    await spa?.close();
    await plain?.close();
  });

  it('switches rendering on for the React site: the JSON summary and the text report say so', async () => {
    const json = await cli(['audit', `http://127.0.0.1:${spa.port}/`, ...AUTO, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { render: { mode: string; rendered: boolean; summary: string }; issues: { checkId: string }[] };
    expect(doc.render).toMatchObject({ mode: 'auto', rendered: true });
    expect(doc.render.summary).toMatch(/^Rendering switched on: \d+ of \d+ sample pages /);
    expect(doc.issues.map((i) => i.checkId)).toContain('render-links-only-rendered');
    const text = await cli(['audit', `http://127.0.0.1:${spa.port}/`, ...AUTO]);
    expect(text.stdout).toMatch(/\nRendering switched on: \d+ of \d+ sample pages /);
  }, 90_000);

  it('leaves rendering off for a site whose HTML already holds everything', async () => {
    const json = await cli(['audit', `${plain.origin}/`, ...AUTO, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { render: { rendered: boolean; summary: string }; issues: { checkId: string }[] };
    expect(doc.render).toMatchObject({ rendered: false, summary: 'Rendering not needed: all 3 sample pages look the same with and without JavaScript.' });
    expect(doc.issues.filter((i) => i.checkId.startsWith('render-'))).toEqual([]);
  }, 90_000);
});
