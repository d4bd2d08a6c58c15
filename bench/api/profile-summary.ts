/**
 * Summarises V8 CPU profiles (the .cpuprofile files `run.js --profile DIR` writes): self time by
 * function and by package, as shares of the sampled time, with idle time left out of the shares.
 *
 *   node bench/api/profile-summary.js FILE_OR_DIR... [--top 30] [--last SECONDS]
 *
 * --last keeps only the samples of each profile's last SECONDS (the measurement, without start-up and
 * seeding). Time is wall time: on a loaded machine, the moments the process waited for a core are
 * charged to whatever it was running then (often a socket write that woke the other end).
 *
 * "Package" is the npm package (node_modules/<name>, scoped names kept whole), `app:<folder>` for this
 * repository's sources (apps/api/src/<folder>, libs/<name>), `node:` for Node's own modules, and V8's
 * pseudo-frames ((garbage collector), (program)) as they are.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = '(idle)';

/** Which package a frame's script belongs to. */
export function packageOf(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node:';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  const app = /\/apps\/api\/src\/([^/]+)/.exec(url) ?? /\/(libs\/[^/]+)/.exec(url) ?? /\/(bench|scripts)\//.exec(url);
  return app ? `app:${app[1]}` : url;
}

function functionOf(frame: CallFrame): string {
  const file = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}` : ''} [${packageOf(frame)}]`;
}

/** Self time in microseconds of every node id, over the samples taken at or after `fromUs` (profile clock). */
function selfTimes(profile: CpuProfile, fromUs: number): Map<number, number> {
  const times = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= fromUs) times.set(id, (times.get(id) ?? 0) + delta);
  });
  return times;
}

function add(into: Map<string, number>, key: string, us: number): void {
  into.set(key, (into.get(key) ?? 0) + us);
}

export function summarise(profiles: CpuProfile[], lastSeconds = Infinity): { busyUs: number; idleUs: number; byFunction: Map<string, number>; byPackage: Map<string, number> } {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    for (const [id, us] of selfTimes(profile, profile.endTime - lastSeconds * 1_000_000)) {
      const frame = nodes.get(id)?.callFrame;
      if (!frame) continue;
      if (frame.functionName === IDLE) {
        idleUs += us;
        continue;
      }
      busyUs += us;
      add(byFunction, functionOf(frame), us);
      add(byPackage, packageOf(frame), us);
    }
  }
  return { busyUs, idleUs, byFunction, byPackage };
}

function profileFiles(inputs: string[]): string[] {
  return inputs.flatMap((input) =>
    statSync(input).isDirectory()
      ? readdirSync(input).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(input, name))
      : [input],
  );
}

function rows(title: string, times: Map<string, number>, busyUs: number, top: number): string {
  const sorted = [...times].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = sorted.map(([key, us]) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  return [`\n${title}`, ...lines].join('\n');
}

export function main(argv: string[]): Promise<number> {
  let top = 30;
  let lastSeconds = Infinity;
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--top') top = Number(argv[++i]);
    else if (argv[i] === '--last') lastSeconds = Number(argv[++i]);
    else inputs.push(argv[i]!);
  }
  const files = profileFiles(inputs);
  if (files.length === 0) {
    console.error('usage: node bench/api/profile-summary.js FILE_OR_DIR... [--top 30] [--last SECONDS]');
    return Promise.resolve(2);
  }
  const profiles = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const { busyUs, idleUs, byFunction, byPackage } = summarise(profiles, lastSeconds);
  console.log(`${files.length} profile(s): ${(busyUs / 1000).toFixed(0)} ms busy, ${(idleUs / 1000).toFixed(0)} ms idle; shares are of the busy time`);
  console.log(rows('self time by package', byPackage, busyUs, top));
  console.log(rows('self time by function', byFunction, busyUs, top));
  return Promise.resolve(0);
}
