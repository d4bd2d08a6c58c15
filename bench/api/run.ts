/**
 * API benchmark (a script that prints figures, not a timed test). Seeds a site with 100,000 issues
 * in a database of its own, starts the API as production runs it (NODE_ENV=production: JSON logs, one
 * line per request, written to /dev/null), then measures with autocannon, one target after another in the same run: liveness,
 * readiness, the issue list (first page, a filtered page, a deep page), the grouped view, at fixed
 * rates and at saturation. Prints req/s, p50 and p99 of each, its throughput relative to liveness and
 * the API process's CPU time per request (Linux), which other work on a shared machine moves far less.
 *
 *   node bench/api/run.js [--runs 3] [--duration 5] [--connections 10] [--issues 100000] [--rates 200,500] [--only name,...] [--profile DIR] [--json]
 *   --profile DIR writes a V8 CPU profile of the API process (open it in Chrome DevTools) into DIR.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../../scripts/test-database';
import { cpuTimeUs, freePort, startApi } from './api-process';
import { seedSite } from './seed';

interface Args {
  runs: number;
  duration: number;
  connections: number;
  issues: number;
  rates: number[];
  json: boolean;
  only: string[] | null;
  profile: string | undefined;
}

function parse(argv: string[]): Args {
  const a: Args = { runs: 1, duration: 5, connections: 10, issues: 100_000, rates: [200, 500], json: false, only: null, profile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => argv[++i] ?? '';
    if (v === '--runs') a.runs = Number(next());
    else if (v === '--duration') a.duration = Number(next());
    else if (v === '--connections') a.connections = Number(next());
    else if (v === '--issues') a.issues = Number(next());
    else if (v === '--rates') a.rates = next().split(',').filter(Boolean).map(Number);
    else if (v === '--only') a.only = next().split(',');
    else if (v === '--json') a.json = true;
    else if (v === '--profile') a.profile = next();
    else throw new Error(`unknown argument ${v}`);
  }
  for (const [name, n] of [['runs', a.runs], ['duration', a.duration], ['connections', a.connections], ['issues', a.issues]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer`);
  }
  if (a.rates.some((r) => !Number.isInteger(r) || r < 1)) throw new Error('--rates expects positive integers, comma-separated');
  return a;
}

/** The nextCursor that leads to about the same depth as offset page `page`, built from the last issue of page - 1. */
async function deepCursor(base: string, issues: string, headers: Record<string, string>, page: number): Promise<string> {
  const res = await fetch(`${base}${issues}?page=${page - 1}`, { headers });
  const body = (await res.json()) as { nextCursor: string | null };
  if (!body.nextCursor) throw new Error(`page ${page - 1} of the issue list has no next cursor`);
  return body.nextCursor;
}

interface Target {
  name: string;
  path: string;
  auth: boolean;
}

interface Measure {
  target: string;
  mode: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the API process spent per answered request (user + system), in microseconds. */
  cpuUsPerReq: number | null;
}

async function measure(base: string, target: Target, headers: Record<string, string>, args: Args, rate: number | null, apiPid: number | undefined): Promise<Measure> {
  const cpuBefore = cpuTimeUs(apiPid);
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections: args.connections,
    duration: args.duration,
    headers: target.auth ? headers : {},
    ...(rate ? { overallRate: rate } : {}),
  });
  const cpuAfter = cpuTimeUs(apiPid);
  const answered = result.requests.total;
  return {
    target: target.name,
    mode: rate ? `${rate}/s` : 'saturation',
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUsPerReq: cpuBefore !== null && cpuAfter !== null && answered > 0 ? Math.round((cpuAfter - cpuBefore) / answered) : null,
  };
}

function table(rows: Measure[], livenessRps: Map<string, number>): string {
  const lines = [['target', 'mode', 'req/s', 'p50 ms', 'p99 ms', 'x liveness', 'cpu us/req', 'non-2xx', 'errors']];
  for (const r of rows) {
    const live = livenessRps.get(r.mode);
    lines.push([r.target, r.mode, String(r.reqPerSec), String(r.p50), String(r.p99), live ? (r.reqPerSec / live).toFixed(2) : '', r.cpuUsPerReq === null ? '' : String(r.cpuUsPerReq), String(r.non2xx), String(r.errors)]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const db = await createTestDatabase();
  const queuePrefix = `bench_${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    AUTH_RATE_LIMIT_PER_15_MIN: '1000',
  };
  let api: ChildProcess | undefined;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = await startApi(env, port, args.profile);
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery' }),
    });
    if (!signup.ok) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
    const { accessToken, user } = (await signup.json()) as { accessToken: string; user: { id: string } };
    const seedStarted = Date.now();
    const site = await seedSite(db.url, user.id, args.issues);
    const seedMs = Date.now() - seedStarted;
    const headers = { authorization: `Bearer ${accessToken}` };
    const issues = `/api/connections/${site.connectionId}/issues`;
    const deepPage = Math.floor((args.issues * 0.8) / 20 / 2);
    const targets: Target[] = [
      { name: 'liveness', path: '/api/health/live', auth: false },
      { name: 'health', path: '/api/health', auth: false },
      { name: 'issues first page', path: issues, auth: true },
      { name: 'issues filtered', path: `${issues}?severity=HIGH,MEDIUM&category=images&sort=lastSeenAt`, auth: true },
      { name: `issues page ${deepPage}`, path: `${issues}?page=${deepPage}`, auth: true },
      { name: `issues cursor ~${deepPage}`, path: `${issues}?cursor=${await deepCursor(base, issues, headers, deepPage)}`, auth: true },
      { name: 'issues grouped', path: `/api/connections/${site.connectionId}/issue-groups`, auth: true },
    ].filter((t) => !args.only || args.only.some((o) => t.name.startsWith(o)));
    // Every target must answer 200 before it is measured: a benchmark of 404s measures nothing.
    for (const t of targets) {
      const res = await fetch(`${base}${t.path}`, { headers: t.auth ? headers : {} });
      if (!res.ok) throw new Error(`${t.name} (${t.path}) answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const started = new Date();
    const all: Measure[][] = [];
    for (let run = 1; run <= args.runs; run++) {
      const rows: Measure[] = [];
      for (const rate of [null, ...args.rates]) {
        for (const t of targets) rows.push(await measure(base, t, headers, args, rate, api.pid));
      }
      all.push(rows);
      const live = new Map(rows.filter((r) => r.target === 'liveness').map((r) => [r.mode, r.reqPerSec]));
      if (!args.json) {
        console.log(`\nrun ${run}/${args.runs} at ${new Date().toISOString()} (${args.issues} issues on ${site.pages} pages, seeded in ${seedMs} ms; ${args.connections} connections, ${args.duration} s each)`);
        console.log(table(rows, live));
      }
    }
    if (args.json) console.log(JSON.stringify({ started: started.toISOString(), issues: args.issues, connections: args.connections, duration: args.duration, runs: all }));
    else if (args.runs > 1) {
      console.log('\nspread at saturation over the runs (min-max req/s, min-max p99 ms, min-max x liveness, min-max API CPU per request):');
      for (const t of targets) {
        const rows = all.map((runRows) => ({ row: runRows.find((r) => r.target === t.name && r.mode === 'saturation')!, live: runRows.find((r) => r.target === 'liveness' && r.mode === 'saturation')! }));
        const rps = rows.map((r) => r.row.reqPerSec);
        const p99 = rows.map((r) => r.row.p99);
        const ratio = rows.map((r) => r.row.reqPerSec / r.live.reqPerSec);
        const cpu = rows.map((r) => r.row.cpuUsPerReq).filter((us): us is number => us !== null);
        const cpuSpread = cpu.length > 0 ? `  cpu ${Math.min(...cpu)}-${Math.max(...cpu)} us/req` : '';
        console.log(`  ${t.name.padEnd(22)} ${Math.min(...rps)}-${Math.max(...rps)} req/s  p99 ${Math.min(...p99)}-${Math.max(...p99)} ms  x${Math.min(...ratio).toFixed(2)}-${Math.max(...ratio).toFixed(2)}${cpuSpread}`);
      }
    }
    return 0;
  } finally {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api!.once('exit', r));
    }
    await db.drop();
  }
}
