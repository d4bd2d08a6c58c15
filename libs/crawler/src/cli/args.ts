import type { Severity } from '@seology/audit';

export const USAGE = `Usage:
  seology audit <url> [options]     Crawl a site and audit it (no database needed)
  seology checks [--format json]    List the audit checks
  seology help | --help             This text

Audit options:
  --max-pages <n>          Pages to crawl at most (default 500)
  --max-depth <n>          Link depth from the start URL (default unlimited)
  --concurrency <n>        Parallel requests to the site (default 4)
  --rps <n>                Requests per second to the site, 0 = unlimited (default 8)
  --include <pattern>      Only crawl matching URLs (repeatable). Globs match as a prefix:
                           "/blog/" or "/docs/*/api"; "**" spans segments. Regex: "re:<regex>"
  --exclude <pattern>      Skip matching URLs (repeatable), same syntax
  --header "Name: value"   Extra request header sent to the site (repeatable)
  --user-agent <string>    Default "SeologyBot/1.0 (+https://seology.ai/bot)"
  --timeout <ms>           Per request (default 20000)
  --allow-private          Allow the URL's host to be on this machine or a private network
  --no-resources           Do not check images and external links
  --resource-budget <s>    Seconds the image and link checks may run once the pages are done;
                           what is left is not checked and the report says how many (default 60)
  --format text|json|ndjson
                           json: one JSON document on stdout, written as the rows are read back
                           (one page or issue per line); ndjson: one JSON object per line, a
                           "summary" line first, then "page" and "issue" lines (default text).
                           Pages and issues are listed in URL order, so identical runs list the
                           same rows in the same order. Nothing is capped in the listing except
                           site-level examples; "capped" in the output names those checks with
                           their true counts
  --per-page               Also list, page by page, the issues reported once as template-wide
                           (a cause on at least half of the pages: same check, message and value)
  --fail-on <severity>     Exit 1 when an issue of this severity or worse exists:
                           critical, high, medium, low, info. Site-level checks (robots.txt,
                           sitemaps, llms.txt, duplicates, orphans) count with their own severity
                           like page-level ones
  --baseline <report>      An earlier --format json or ndjson report: only issues not in it are
                           counted by --fail-on (or, without --fail-on, any new issue fails).
                           An issue is the same when check, URL and detail (the element's selector,
                           else the value found) are the same

Exit codes: 0 ok, 1 --fail-on threshold reached, 2 usage error or refused URL,
3 the audit could not run, 130 interrupted.
Environment: SSRF_ALLOW_HOSTS=host,ip,cidr allows further non-public destinations.
`;

export class UsageError extends Error {}

export interface AuditArgs {
  command: 'audit';
  url: string;
  maxPages: number;
  maxDepth: number | undefined;
  concurrency: number;
  rps: number;
  include: string[];
  exclude: string[];
  headers: Record<string, string>;
  userAgent: string | undefined;
  timeoutMs: number;
  resourceBudgetMs: number;
  allowPrivate: boolean;
  resources: boolean;
  format: 'text' | 'json' | 'ndjson';
  failOn: Severity | null;
  baseline: string | null;
  perPage: boolean;
}

export type ParsedArgs = AuditArgs | { command: 'checks'; format: 'text' | 'json' } | { command: 'help' } | { command: 'version' };

const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

function int(flag: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  const n = Number(value);
  if (n < min) throw new UsageError(`${flag} expects a whole number of at least ${min}`);
  return n;
}

function format(value: string | undefined): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new UsageError('--format expects "text" or "json"');
  return value;
}

function auditFormat(value: string | undefined): AuditArgs['format'] {
  if (value !== 'text' && value !== 'json' && value !== 'ndjson') throw new UsageError('--format expects "text", "json" or "ndjson"');
  return value;
}

/** Splits "--flag=value" so both spellings work. */
function expand(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 2) out.push(a.slice(0, eq), a.slice(eq + 1));
    else out.push(a);
  }
  return out;
}

export function parseArgs(rawArgv: string[]): ParsedArgs {
  const argv = expand(rawArgv);
  const command = argv[0];
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  if (command === 'checks') {
    let fmt: 'text' | 'json' = 'text';
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '--format') fmt = format(argv[++i]);
      else if (argv[i] === '--json') fmt = 'json';
      else throw new UsageError(`unknown option for "checks": ${argv[i]}`);
    }
    return { command: 'checks', format: fmt };
  }
  if (command !== 'audit') throw new UsageError(`unknown command "${command}"`);

  const args: AuditArgs = {
    command: 'audit',
    url: '',
    maxPages: 500,
    maxDepth: undefined,
    concurrency: 4,
    rps: 8,
    include: [],
    exclude: [],
    headers: {},
    userAgent: undefined,
    timeoutMs: 20_000,
    resourceBudgetMs: 60_000,
    allowPrivate: false,
    resources: true,
    format: 'text',
    failOn: null,
    baseline: null,
    perPage: false,
  };
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} expects a value`);
      return v;
    };
    switch (a) {
      case '--max-pages':
        args.maxPages = int(a, argv[++i], 1);
        break;
      case '--max-depth':
        args.maxDepth = int(a, argv[++i], 0);
        break;
      case '--concurrency':
        args.concurrency = int(a, argv[++i], 1);
        break;
      case '--rps':
        args.rps = int(a, argv[++i], 0);
        break;
      case '--timeout':
        args.timeoutMs = int(a, argv[++i], 1);
        break;
      case '--resource-budget':
        args.resourceBudgetMs = int(a, argv[++i], 1) * 1000;
        break;
      case '--help':
      case '-h':
        return { command: 'help' };
      case '--include':
        args.include.push(value());
        break;
      case '--exclude':
        args.exclude.push(value());
        break;
      case '--header': {
        const h = value();
        const colon = h.indexOf(':');
        const name = colon > 0 ? h.slice(0, colon).trim() : '';
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects "Name: value", got ${JSON.stringify(h)}`);
        args.headers[name.toLowerCase()] = h.slice(colon + 1).trim();
        break;
      }
      case '--user-agent':
        args.userAgent = value();
        break;
      case '--allow-private':
        args.allowPrivate = true;
        break;
      case '--no-resources':
        args.resources = false;
        break;
      case '--format':
        args.format = auditFormat(argv[++i]);
        break;
      case '--json':
        args.format = 'json';
        break;
      case '--per-page':
        args.perPage = true;
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--fail-on': {
        const v = (argv[++i] ?? '').toUpperCase() as Severity;
        if (!SEVERITIES.includes(v)) throw new UsageError('--fail-on expects one of: critical, high, medium, low, info');
        args.failOn = v;
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (positional.length === 0) throw new UsageError('audit needs a URL, e.g. seology audit https://example.com/');
  if (positional.length > 1) throw new UsageError(`audit takes one URL, got ${positional.length}: ${positional.join(' ')}`);
  const [target = ''] = positional;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `https://${target}`);
  } catch {
    throw new UsageError(`not a valid URL: ${target}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http and https URLs can be audited, not ${url.protocol}`);
  args.url = url.href;
  for (const p of [...args.include, ...args.exclude]) {
    if (p.startsWith('re:')) {
      try {
        new RegExp(p.slice(3));
      } catch (e) {
        throw new UsageError(`invalid regular expression in ${p}: ${(e as Error).message}`);
      }
    }
  }
  return args;
}
