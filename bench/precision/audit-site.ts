/**
 * Audits a folder of HTML served locally (Debian's packaged documentation, a saved site) or a running
 * site, and writes what a person needs to judge the findings by hand: every finding as one JSON line
 * and a sample drawn evenly across checks. Prints the health score with the points each check costs.
 *
 *   node bench/precision/run.js --dir /usr/share/doc/valgrind/html [--index index.html] [--out /tmp/valgrind]
 *   node bench/precision/run.js --url http://127.0.0.1:8080/ [--out /tmp/wp]
 *   node bench/precision/run.js --wordpress [--posts 12]   (a real WordPress, default theme, pretty permalinks)
 *   ... [--sample 120] [--max-pages 5000]
 *
 * Writes OUT.findings.ndjson (all findings), OUT.pages.ndjson (the HTML of every page as read), OUT.sample.tsv (the sample: check, url, selector,
 * evidence, message, and an empty "verdict" column to fill in) and OUT.score.txt.
 * Judging is done by a person reading the page at the URL; nothing here decides a verdict.
 */
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { healthBreakdown, type Finding } from '@seology/audit';
import { crawlSite } from '@seology/crawler';
import { startRealWordPress } from '../../libs/connectors/src/testing/real-wordpress';

interface Args {
  dir: string | null;
  index: string;
  url: string | null;
  out: string;
  sample: number;
  maxPages: number;
  wordpress: boolean;
  posts: number;
}

function parse(argv: string[]): Args {
  const a: Args = { dir: null, index: 'index.html', url: null, out: '/tmp/seology-precision', sample: 120, maxPages: 5000, wordpress: false, posts: 12 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--dir') a.dir = path.resolve(argv[++i] ?? '');
    else if (v === '--index') a.index = argv[++i] ?? a.index;
    else if (v === '--url') a.url = argv[++i] ?? null;
    else if (v === '--out') a.out = argv[++i] ?? a.out;
    else if (v === '--sample') a.sample = Number(argv[++i]);
    else if (v === '--max-pages') a.maxPages = Number(argv[++i]);
    else if (v === '--wordpress') a.wordpress = true;
    else if (v === '--posts') a.posts = Number(argv[++i]);
    else throw new Error(`unknown argument ${v}`);
  }
  if ([a.dir !== null, a.url !== null, a.wordpress].filter(Boolean).length !== 1) throw new Error('give one of --dir, --url, --wordpress');
  return a;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.gif': 'image/gif', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.txt': 'text/plain' };

/** A plain static file server, as a documentation host would be: 404 for what is not there, no sitemap, no robots.txt. */
function serveDir(root: string, index: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (rel.endsWith('/')) rel += index;
    let file = path.join(root, path.normalize(rel));
    // Debian compresses the larger files of its packaged docs; a web server would serve them (gzip_static).
    let gzipped = false;
    if (!existsSync(file) && existsSync(`${file}.gz`)) [file, gzipped] = [`${file}.gz`, true];
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    const type = TYPES[path.extname(gzipped ? file.slice(0, -3) : file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, ...(gzipped ? { 'content-encoding': 'gzip' } : {}) });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Up to `n` findings spread evenly over checks (round robin), each check's rows spread over its list. */
function sampleAcrossChecks(findings: Finding[], n: number): Finding[] {
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCheck.get(f.checkId) ?? [];
    list.push(f);
    byCheck.set(f.checkId, list);
  }
  const queues = [...byCheck.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, list]) => ({ list, taken: 0 }));
  const out: Finding[] = [];
  for (let round = 0; out.length < n; round++) {
    let any = false;
    for (const q of queues) {
      if (out.length >= n || round >= q.list.length) continue;
      // Spread the picks of one check over its whole list rather than its first pages.
      const stride = Math.max(1, Math.floor(q.list.length / Math.max(1, Math.ceil(n / queues.length))));
      const index = (round * stride) % q.list.length;
      const picked = q.list[index];
      if (picked !== undefined) out.push(picked);
      q.taken++;
      any = true;
    }
    if (!any) break;
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const server = args.dir === null ? null : await serveDir(args.dir, args.index);
  const wordpress = args.wordpress ? await startRealWordPress({ permalinks: 'pretty', posts: args.posts }) : null;
  const startUrl =
    server !== null ? `http://127.0.0.1:${(server.address() as AddressInfo).port}/${args.index === 'index.html' ? '' : args.index}` : wordpress !== null ? `${wordpress.url}/` : (args.url as string);
  const findings: Finding[] = [];
  const html: string[] = [];
  const t0 = Date.now();
  const summary = await crawlSite({
    startUrl,
    maxPages: args.maxPages,
    requestsPerSecond: 0,
    checkResources: true,
    // In-thread audit: the page's HTML is then still there for onPage.
    auditThreads: 0,
    ssrfPolicy: { allowHosts: ['127.0.0.1', 'localhost'] },
    onPage: (page, outcome) => {
      findings.push(...outcome.findings);
      // Kept so that a finding can be judged against the HTML the audit read.
      if (page.html !== null) html.push(JSON.stringify({ url: page.url, html: page.html }));
    },
  });
  server?.close();
  await wordpress?.stop();
  findings.push(...summary.findings);
  const audit = summary.audit;
  if (audit === null) throw new Error('no audit result');
  writeFileSync(`${args.out}.pages.ndjson`, html.join('\n') + '\n');
  writeFileSync(`${args.out}.findings.ndjson`, findings.map((f) => JSON.stringify(f)).join('\n') + '\n');
  const sample = sampleAcrossChecks(findings, args.sample);
  const cell = (v: string | null): string => (v ?? '').replace(/[\t\n]/g, ' ');
  writeFileSync(`${args.out}.sample.tsv`, ['verdict\tcheck\turl\tselector\tevidence\tmessage', ...sample.map((f) => `\t${f.checkId}\t${f.url}\t${cell(f.selector)}\t${cell(f.evidence)}\t${cell(f.message)}`)].join('\n') + '\n');

  const breakdown = healthBreakdown({ pagesAudited: audit.pagesAudited, pagesAffectedByCheck: audit.pagesAffectedByCheck ?? {}, widespreadCauses: audit.widespreadCauses });
  const everyPageInFull = healthBreakdown({ pagesAudited: audit.pagesAudited, pagesAffectedByCheck: audit.pagesAffectedByCheck ?? {} }).score;
  const lines = [
    `${startUrl}: ${audit.pagesAudited} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${findings.length} findings over ${Object.keys(audit.countsByCheck).length} checks`,
    `health score ${summary.healthScore}, ${everyPageInFull} with every page of a cause counted in full (lost by severity: ${Object.entries(breakdown.lostBySeverity).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})`,
    `template causes: ${audit.templateFindings?.length ?? 0}`,
    ...Object.entries(breakdown.lostByCheck)
      .sort((x, y) => y[1] - x[1])
      .map(([id, lost]) => `  ${lost.toFixed(2).padStart(6)}  ${id}  (${audit.pagesAffectedByCheck?.[id] ?? 0} pages, ${audit.countsByCheck[id]} findings)`),
  ];
  writeFileSync(`${args.out}.score.txt`, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  console.log(`wrote ${args.out}.findings.ndjson, ${args.out}.sample.tsv (${sample.length} rows), ${args.out}.score.txt`);
  return 0;
}
