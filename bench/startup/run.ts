/**
 * Start-up benchmark: how long a process takes before it is useful, from sources and compiled,
 * side by side in one run (repeat with --runs; the median and the fastest are printed).
 *
 *   node bench/startup/run.js [--runs 7] [--no-api]
 *
 *   node -e 0                     Node itself, the floor
 *   seology checks (repo)         bin/seology.js: the TypeScript sources through the workspace loader (warm cache)
 *   seology checks (package)      @seology/cli packed and installed into a temporary folder
 *   API (sources)                 scripts/run-ts.js apps/api/src/main.ts until /api/health/live answers
 *   API (compiled)                node dist/apps/api/src/main.js until /api/health/live answers (needs `npm run build`)
 * The API runs need Postgres and Redis (DATABASE_URL, REDIS_URL; default the local `seology` database).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installCliPackage } from '../../libs/crawler/src/testing/cli-package';

const ROOT = path.resolve(__dirname, '../..');

function timeCommand(command: string, args: string[], cwd = ROOT): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function timeApi(args: string[]): Promise<number> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/seology',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    APP_URL: `http://localhost:${port}`,
  };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health/live`);
        if (response.ok) return Number(process.hrtime.bigint() - started) / 1e6;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${(median / 1000).toFixed(3)} s   fastest ${((sorted[0] ?? 0) / 1000).toFixed(3)} s`;
}

export async function main(argv: string[]): Promise<number> {
  let runs = 7;
  let api = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--no-api') api = false;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const work = mkdtempSync(path.join(tmpdir(), 'seology-startup-'));
  try {
    const { project, bin: packaged } = installCliPackage(work);
    timeCommand(process.execPath, ['bin/seology.js', 'checks']); // warm the loader's cache

    const rows: [string, () => Promise<number> | number][] = [
      ['node -e 0', () => timeCommand(process.execPath, ['-e', '0'])],
      ['seology checks (repo, from sources)', () => timeCommand(process.execPath, ['bin/seology.js', 'checks'])],
      ['seology checks (installed package)', () => timeCommand(packaged, ['checks'], project)],
    ];
    if (api) {
      rows.push(['API until it answers (from sources)', () => timeApi([path.join(ROOT, 'scripts/run-ts.js'), 'apps/api/src/main.ts'])]);
      if (existsSync(path.join(ROOT, 'dist/apps/api/src/main.js'))) rows.push(['API until it answers (compiled)', () => timeApi([path.join(ROOT, 'dist/apps/api/src/main.js')])]);
      else console.log('(no dist/: run `npm run build` to time the compiled API)');
    }
    for (const [name, measure] of rows) {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await measure());
      console.log(`${name.padEnd(40)} ${summary(samples)}`);
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
