import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { createTestApp, type TestApp } from '../testing/test-app';

const PLUGIN_DIR = join(__dirname, '../../../../integrations/wordpress/seology');

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('WordPress plugin download (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the plugin folder as a zip without authentication, under one seology/ folder', async () => {
    const res = await t
      .http()
      .get('/api/integrations/wordpress/plugin.zip')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="seology-1.1.0.zip"');
    expect(res.headers['x-plugin-version']).toBe('1.1.0');
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]{32}"$/);

    const entries = unzipSync(new Uint8Array(res.body as Buffer));
    const expected = filesOf(PLUGIN_DIR).map((f) => `seology/${relative(PLUGIN_DIR, f)}`).sort();
    expect(Object.keys(entries).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['seology/seology.php', 'seology/readme.txt', 'seology/uninstall.php']));
    for (const name of expected) {
      const entry = entries[name];
      expect(entry !== undefined && Buffer.from(entry).equals(readFileSync(join(PLUGIN_DIR, name.slice('seology/'.length))))).toBe(true);
    }

    // The same bytes every time: a browser or proxy may keep it.
    await t.http().get('/api/integrations/wordpress/plugin.zip').set('If-None-Match', res.headers['etag'] as string).expect(304);
  });
});
