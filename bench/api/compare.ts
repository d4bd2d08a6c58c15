/**
 * A/B benchmark of two checkouts on a shared machine: this one and `--base DIR` (another checkout of
 * the repository with its node_modules, e.g. `git worktree add /tmp/base main`). Both APIs run at once
 * against one seeded database, and each target is measured in short turns that alternate between them
 * (A B B A ...), so whatever else the machine runs weighs on both alike. Prints, per target and side,
 * the median req/s and the median CPU time the API process spent per request, and this checkout's
 * figures relative to the base's.
 *
 *   node bench/api/compare.js --base DIR [--turns 8] [--duration 3] [--connections 10] [--issues 100000] [--only name,...]
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { createTestDatabase } from '../../scripts/test-database';
import { cpuTimeUs, freePort, startApi } from './api-process';
import { seedSite } from './seed';

interface Args {
  base: string;
  turns: number;
  duration: number;
  connections: number;
  issues: number;
  only: string[] | null;
}

function parse(argv: string[]): Args {
  const a: Args = { base: '', turns: 8, duration: 3, connections: 10, issues: 100_000, only: null };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => argv[++i] ?? '';
    if (v === '--base') a.base = path.resolve(next());
    else if (v === '--turns') a.turns = Number(next());
    else if (v === '--duration') a.duration = Number(next());
    else if (v === '--connections') a.connections = Number(next());
    else if (v === '--issues') a.issues = Number(next());
    else if (v === '--only') a.only = next().split(',');
    else throw new Error(`unknown argument ${v}`);
  }
  if (!a.base) throw new Error('--base DIR (the checkout to compare with) is required');
  for (const [name, n] of [['turns', a.turns], ['duration', a.duration], ['connections', a.connections], ['issues', a.issues]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer`);
  }
  return a;
}

interface Side {
  name: 'base' | 'this';
  api: ChildProcess;
  url: string;
}

interface Turn {
  reqPerSec: number;
  cpuUsPerReq: number | null;
  p99: number;
  failures: number;
}

async function turn(side: Side, path: string, headers: Record<string, string>, args: Args): Promise<Turn> {
  const before = cpuTimeUs(side.api.pid);
  const result = await autocannon({ url: `${side.url}${path}`, connections: args.connections, duration: args.duration, headers });
  const after = cpuTimeUs(side.api.pid);
  const answered = result.requests.total;
  return {
    reqPerSec: Math.round(result.requests.average),
    cpuUsPerReq: before !== null && after !== null && answered > 0 ? Math.round((after - before) / answered) : null,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function summary(turns: Turn[]): { rps: number; cpu: number | null; p99: number; failures: number } {
  const cpu = turns.map((t) => t.cpuUsPerReq).filter((us): us is number => us !== null);
  return { rps: median(turns.map((t) => t.reqPerSec)), cpu: cpu.length ? median(cpu) : null, p99: median(turns.map((t) => t.p99)), failures: turns.reduce((n, t) => n + t.failures, 0) };
}

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const db = await createTestDatabase();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    AUTH_RATE_LIMIT_PER_15_MIN: '1000',
  };
  const sides: Side[] = [];
  try {
    for (const [name, root] of [['base', args.base], ['this', path.resolve(__dirname, '../..')]] as const) {
      const port = await freePort();
      // Queues and session cache entries of their own: the two processes share nothing but the database.
      const api = await startApi({ ...env, QUEUE_PREFIX: `bench_${name}_${randomBytes(4).toString('hex')}` }, port, undefined, root);
      sides.push({ name, api, url: `http://127.0.0.1:${port}` });
    }
    const [base, self] = sides as [Side, Side];
    const signup = await fetch(`${self.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery' }),
    });
    if (!signup.ok) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
    const { accessToken, user } = (await signup.json()) as { accessToken: string; user: { id: string } };
    const site = await seedSite(db.url, user.id, args.issues);
    const auth = { authorization: `Bearer ${accessToken}` };
    const issues = `/api/connections/${site.connectionId}/issues`;
    const targets = [
      { name: 'liveness', path: '/api/health/live', headers: {} },
      { name: 'issues first page', path: issues, headers: auth },
      { name: 'issues filtered', path: `${issues}?severity=HIGH,MEDIUM&category=images&sort=lastSeenAt`, headers: auth },
      { name: 'issues grouped', path: `/api/connections/${site.connectionId}/issue-groups`, headers: auth },
    ].filter((t) => !args.only || args.only.some((o) => t.name.startsWith(o)));
    for (const side of sides) {
      for (const t of targets) {
        const res = await fetch(`${side.url}${t.path}`, { headers: t.headers });
        if (!res.ok) throw new Error(`${side.name}: ${t.name} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
    }
    console.log(`${args.turns} turns of ${args.duration} s per target and side, alternating (${args.connections} connections, ${args.issues} issues); base: ${args.base}`);
    console.log('target              side  median req/s  median p99 ms  median cpu us/req  failures');
    for (const t of targets) {
      const turns = new Map<Side, Turn[]>(sides.map((s) => [s, []]));
      for (let i = 0; i < args.turns; i++) {
        // A B, then B A: neither side always goes first into a quieter or busier moment.
        for (const side of i % 2 ? [self, base] : [base, self]) turns.get(side)!.push(await turn(side, t.path, t.headers, args));
      }
      const [b, s] = [summary(turns.get(base)!), summary(turns.get(self)!)];
      for (const [side, m] of [['base', b], ['this', s]] as const) {
        console.log(`${t.name.padEnd(19)} ${side.padEnd(4)}  ${String(m.rps).padStart(12)}  ${String(m.p99).padStart(13)}  ${String(m.cpu ?? '').padStart(17)}  ${String(m.failures).padStart(8)}`);
      }
      const cpuChange = b.cpu && s.cpu ? `, CPU per request x${(s.cpu / b.cpu).toFixed(2)}` : '';
      console.log(`${''.padEnd(19)} this/base: req/s x${(s.rps / b.rps).toFixed(2)}${cpuChange}`);
    }
    return 0;
  } finally {
    for (const side of sides) {
      if (side.api.exitCode === null) {
        side.api.kill('SIGTERM');
        await new Promise((r) => side.api.once('exit', r));
      }
    }
    await db.drop();
  }
}
