#!/usr/bin/env node
'use strict';
/*
 * Peak RSS of the `seology audit` command line on a generated local site, in each output format.
 *
 *   node bench/crawler/cli-rss.js [--pages 100000] [--formats text,json,ndjson]
 *
 * The site is served from a separate process (the crawler benchmark's server). The CLI is started
 * with the crawler's V8 flags itself, so the measured process is the one that crawls; its VmHWM
 * (peak resident set) is sampled from /proc until it exits. stdout is counted and discarded.
 */
const { fork, spawn, execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { CRAWLER_NODE_FLAGS } = require('../../scripts/crawler-node-flags.js');

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'seology.js');

function parse(argv) {
  const a = { pages: 100_000, formats: ['text', 'json'] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pages') a.pages = Number(argv[++i]);
    else if (argv[i] === '--formats') a.formats = argv[++i].split(',');
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

function hwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function runCli(port, pages, format) {
  return new Promise((resolve, reject) => {
    const args = [...CRAWLER_NODE_FLAGS, BIN, 'audit', `http://127.0.0.1:${port}/`, '--allow-private', '--rps', '0', '--concurrency', '8', '--max-pages', String(pages), '--format', format];
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    child.stdout.on('data', (d) => {
      bytes += d.length;
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
    });
    const timer = setInterval(() => {
      const kb = hwmKb(child.pid);
      if (kb !== null && kb > peak) peak = kb;
    }, 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ format, code, peakRssMb: Math.round(peak / 102.4) / 10, wallS: Math.round((Date.now() - t0) / 100) / 10, stdoutMb: Math.round(bytes / 1024 / 102.4) / 10, stdoutLines: lines });
    });
  });
}

async function main() {
  const args = parse(process.argv.slice(2));
  // Transpile and cache the TypeScript first, so no measured run pays for (or holds) the compiler.
  execFileSync(process.execPath, [BIN, 'version'], { cwd: ROOT, stdio: 'ignore' });
  const server = fork(path.join(__dirname, 'server-entry.js'), [], { env: { ...process.env, BENCH_PAGES: String(args.pages) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    server.once('message', (m) => (m.type === 'ready' ? resolve(m.port) : reject(new Error('server failed'))));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    for (const format of args.formats) {
      const r = await runCli(port, args.pages, format);
      console.log(`cli ${format}: ${args.pages} pages, peak RSS ${r.peakRssMb} MB (VmHWM), ${r.wallS} s, exit ${r.code}, stdout ${r.stdoutMb} MB in ${r.stdoutLines} lines`);
    }
  } finally {
    server.send({ type: 'exit' });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
