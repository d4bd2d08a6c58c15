/**
 * Unreachable-links benchmark: a default audit (image and link checks on) of a local site of N
 * pages whose external links point at N distinct URLs on hosts that cannot be reached. No traffic
 * leaves the machine: the hosts are `.invalid` names (RFC 6761, never resolvable).
 *
 *   node bench/unreachable/run.js [--pages 1000] [--hosts 100] [--rps 0]
 *
 * Three runs, each printing its wall time:
 *   cli       the real command line (`seology audit ... --rps 0`) as a child process, system resolver
 *   denying   the crawler in-process, a resolver that answers "no such name" at once
 *   silent    the crawler in-process, a resolver that never answers (the resolver is down)
 * `--rps 0` because the site is local: at the default 8 requests per second per host, 1,000 pages
 * take 125 s by politeness alone, whatever the links.
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { LookupFn } from '@seology/net';
import { crawlSite } from '@seology/crawler';

interface Args {
  pages: number;
  hosts: number;
  /** Requests per second to the site, for all three runs (the command line's default is 8). */
  rps: number;
}

function parse(argv: string[]): Args {
  const a: Args = { pages: 1000, hosts: 100, rps: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pages') a.pages = Number(argv[++i]);
    else if (argv[i] === '--hosts') a.hosts = Number(argv[++i]);
    else if (argv[i] === '--rps') a.rps = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(a.pages) || a.pages < 1 || !Number.isInteger(a.hosts) || a.hosts < 1) throw new Error('--pages and --hosts expect positive integers');
  return a;
}

export function externalUrl(n: number, hosts: number): string {
  return `http://partner-${n % hosts}.seology-bench.invalid/article/${n}`;
}

function pageHtml(n: number, pages: number, hosts: number): string {
  const links = [1, 2, 3].map((k) => (n + k) % pages).map((m) => `<li><a href="/p/${m}">Product page number ${m}</a></li>`).join('');
  const text = `Product ${n} is a generated page with enough words to be an ordinary page of a shop. `.repeat(20);
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Generated product page number ${n} of the shop</title>` +
    `<meta name="description" content="Generated product page ${n}, used to measure how an audit copes with external links that cannot be reached."></head>` +
    `<body><main><h1>Product ${n}</h1><p>${text}</p><p>Source: <a href="${externalUrl(n, hosts)}">partner article ${n}</a></p><ul>${links}</ul></main></body></html>`
  );
}

function startSite(pages: number, hosts: number): Promise<{ origin: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const m = /^\/(?:p\/(\d+))?$/.exec(req.url ?? '');
    const n = m === null ? -1 : Number(m[1] ?? 0);
    if (n < 0 || n >= pages) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(n, pages, hosts));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }));
  });
}

function runCli(origin: string, pages: number, rps: number): Promise<{ ms: number; code: number | null; summary: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const cli = path.join(__dirname, '..', '..', 'bin', 'seology.js');
    execFile(process.execPath, [cli, 'audit', `${origin}/`, '--allow-private', '--max-pages', String(pages), '--rps', String(rps), '--format', 'json'], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      let summary = '';
      try {
        const doc = JSON.parse(stdout) as { stats: Record<string, number>; issueCounts: { byCheck: Record<string, number> } };
        summary = `pages ${doc.stats.pages}, resources checked ${doc.stats.resourcesChecked}, skipped ${doc.stats.resourcesSkipped}, unreachable hosts ${doc.stats.unreachableHosts}, resource-unreachable ${doc.issueCounts.byCheck['resource-unreachable'] ?? 0}, broken-external-link ${doc.issueCounts.byCheck['broken-external-link'] ?? 0}`;
      } catch {
        summary = `no JSON report (${error?.message ?? 'empty output'})`;
      }
      resolve({ ms: Date.now() - started, code: error === null ? 0 : ((error as { code?: number }).code ?? null), summary });
    });
  });
}

async function runInProcess(origin: string, pages: number, rps: number, lookup: LookupFn): Promise<{ ms: number; summary: string }> {
  const started = Date.now();
  // The command line's defaults, except the politeness delay (see the header).
  const result = await crawlSite({
    startUrl: `${origin}/`,
    maxPages: pages,
    concurrency: 4,
    requestsPerSecond: rps,
    checkResources: true,
    ssrfPolicy: { allowHosts: ['127.0.0.1'] },
    lookup,
  });
  const s = result.stats;
  return {
    ms: Date.now() - started,
    summary: `pages ${s.pages}, resources checked ${s.resourcesChecked}, skipped ${s.resourcesSkipped}, unreachable hosts ${s.unreachableHosts}, resource-unreachable ${result.countsByCheck['resource-unreachable'] ?? 0}, broken-external-link ${result.countsByCheck['broken-external-link'] ?? 0}`,
  };
}

const notFound = (host: string): Error => Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const site = await startSite(args.pages, args.hosts);
  let lookups = 0;
  const denying: LookupFn = (host) => {
    lookups++;
    return Promise.reject(notFound(host));
  };
  const silent: LookupFn = (host) => {
    lookups++;
    if (host.endsWith('.invalid')) return new Promise(() => undefined);
    return Promise.reject(notFound(host));
  };
  try {
    console.log(`${args.pages} pages, ${args.pages} unreachable external links on ${args.hosts} hosts, --rps ${args.rps}; goal: each run under 120 s`);
    const cli = await runCli(site.origin, args.pages, args.rps);
    console.log(`  cli:     ${(cli.ms / 1000).toFixed(1)} s (exit ${cli.code}); ${cli.summary}`);
    lookups = 0;
    const deny = await runInProcess(site.origin, args.pages, args.rps, denying);
    console.log(`  denying: ${(deny.ms / 1000).toFixed(1)} s, ${lookups} DNS lookups; ${deny.summary}`);
    lookups = 0;
    const quiet = await runInProcess(site.origin, args.pages, args.rps, silent);
    console.log(`  silent:  ${(quiet.ms / 1000).toFixed(1)} s, ${lookups} DNS lookups; ${quiet.summary}`);
  } finally {
    site.close();
  }
  return 0;
}
