import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { metricsRegistry } from './metrics';

const ROOT = resolve(__dirname, '../../../..');
const RULES_DIR = join(ROOT, 'ops/prometheus');
const PROMTOOL = '/usr/bin/promtool';

/** Debian's `prometheus` package provides promtool; CI installs it (.ci/run), so there it must be present. */
const havePromtool = existsSync(PROMTOOL);

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, args, { cwd: RULES_DIR, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('Prometheus alert rules (ops/prometheus)', () => {
  // Elsewhere the promtool tests below are skipped (and say so); in CI a missing promtool fails here.
  (process.env.CI === 'true' ? it : it.skip)('promtool is installed in CI', () => {
    expect({ promtool: PROMTOOL, present: havePromtool }).toEqual({ promtool: PROMTOOL, present: true });
  });

  (havePromtool ? it : it.skip)('are valid rules (promtool check rules)', () => {
    const { status, output } = promtool('check', 'rules', 'alerts.yml');
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 4 rules found') as unknown });
  });

  (havePromtool ? it : it.skip)('fire above their thresholds and stay silent below (promtool test rules)', () => {
    const { status, output } = promtool('test', 'rules', 'alerts.test.yml');
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') as unknown });
  });

  it('only name metrics the processes export', async () => {
    const rules = readFileSync(join(RULES_DIR, 'alerts.yml'), 'utf8');
    const used = [...new Set([...rules.matchAll(/\b(seology_[a-z_]+)\{?/g)].map((m) => m[1] ?? ''))];
    const exported = new Set((await metricsRegistry.getMetricsAsJSON()).map((metric) => metric.name));
    expect(used.length).toBeGreaterThanOrEqual(5);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
