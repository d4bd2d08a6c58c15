import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
}

function readStat(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    return Number.isFinite(ppid) ? { pid, ppid } : null;
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m?.[1] !== undefined ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** `root` and every process below it (Linux /proc; an empty list elsewhere). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of listPids()) {
    const info = readStat(pid);
    if (info === null) continue;
    const list = children.get(info.ppid);
    if (list) list.push(pid);
    else children.set(info.ppid, [pid]);
  }
  const out: number[] = [];
  const stack = [root];
  const seen = new Set<number>();
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(pid);
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/** Resident memory of `root` and all its descendants, in bytes (shared pages counted per process). */
export function treeRssBytes(root: number): number {
  let sum = 0;
  for (const pid of processTree(root)) sum += rssBytes(pid);
  return sum;
}

/**
 * The top-most process whose command line contains `marker` (our own browser, told apart by a flag it
 * ignores; helper processes it starts may carry the flag too).
 */
export function findProcessByArg(marker: string): number | null {
  const matches = new Set<number>();
  for (const pid of listPids()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.split('\0').includes(marker)) matches.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  for (const pid of matches) {
    const info = readStat(pid);
    if (info !== null && !matches.has(info.ppid)) return pid;
  }
  return null;
}
