import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CRAWLER_NODE_FLAGS } = require(path.join(ROOT, 'scripts', 'crawler-node-flags.js')) as { CRAWLER_NODE_FLAGS: string[] };

describe('crawler heap flags', () => {
  it('are passed to the worker by npm run start:worker and npm start', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of ['start:worker', 'dev:worker']) for (const flag of CRAWLER_NODE_FLAGS) expect((pkg.scripts[script] ?? '').split(' ')).toContain(flag);
    expect(readFileSync(path.join(ROOT, 'scripts', 'start.js'), 'utf8')).toMatch(/run\('worker', \['--enable-source-maps', \.\.\.CRAWLER_NODE_FLAGS,/);
  });

  it('relaunches a script without them under them, with its arguments, output and exit code', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seology-flags-'));
    const script = path.join(dir, 'probe.js');
    writeFileSync(
      script,
      `const { relaunchWithCrawlerFlags } = require(${JSON.stringify(path.join(ROOT, 'scripts', 'crawler-node-flags.js'))});
if (!relaunchWithCrawlerFlags(__filename)) {
  const limit = require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20;
  process.stdout.write(JSON.stringify({ execArgv: process.execArgv, limit, args: process.argv.slice(2) }));
  process.exit(7);
}`,
    );
    const result = spawnSync(process.execPath, [script, 'a', '--b'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(result.status).toBe(7);
    const probe = JSON.parse(result.stdout) as { execArgv: string[]; limit: number; args: string[] };
    expect(probe.execArgv).toEqual(expect.arrayContaining(CRAWLER_NODE_FLAGS));
    expect(probe.args).toEqual(['a', '--b']);
    // 1024 MB of old generation plus the young generation.
    expect(probe.limit).toBeGreaterThanOrEqual(1024);
    expect(probe.limit).toBeLessThan(1200);
  });
});
