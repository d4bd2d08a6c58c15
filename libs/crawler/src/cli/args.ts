import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';
import type { Severity } from '@seology/audit';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

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

function failOn(value: string | undefined): Severity {
  const v = (value ?? '').toUpperCase();
  const severity = SEVERITIES.find((s) => s === v);
  if (severity === undefined) throw new UsageError('--fail-on expects one of: critical, high, medium, low, info');
  return severity;
}

function header(h: string): [name: string, value: string] {
  const colon = h.indexOf(':');
  const name = colon > 0 ? h.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects "Name: value", got ${JSON.stringify(h)}`);
  return [name.toLowerCase(), h.slice(colon + 1).trim()];
}

const CHECKS_OPTIONS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

const AUDIT_OPTIONS = {
  'max-pages': { type: 'string' },
  'max-depth': { type: 'string' },
  concurrency: { type: 'string' },
  rps: { type: 'string' },
  timeout: { type: 'string' },
  'resource-budget': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  'user-agent': { type: 'string' },
  'allow-private': { type: 'boolean' },
  'no-resources': { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'per-page': { type: 'boolean' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * What a flag with a missing value means, in the words each flag used before: a number flag says
 * what number it wants, the others that they expect a value.
 */
const MISSING_VALUE: Partial<Record<string, () => void>> = {
  '--max-pages': () => void int('--max-pages', undefined, 1),
  '--max-depth': () => void int('--max-depth', undefined, 0),
  '--concurrency': () => void int('--concurrency', undefined, 1),
  '--rps': () => void int('--rps', undefined, 0),
  '--timeout': () => void int('--timeout', undefined, 1),
  '--resource-budget': () => void int('--resource-budget', undefined, 1),
  '--fail-on': () => void failOn(undefined),
};

/**
 * node:util parseArgs in strict mode, with its refusals put as this CLI words them: the argument
 * list is read again without strictness to name the flag at fault.
 */
function parseStrict<O extends ParseArgsOptionsConfig>(args: string[], options: O, command: 'audit' | 'checks') {
  try {
    return parseArgv({ args, options, strict: true, allowPositionals: command === 'audit', tokens: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === undefined || !code.startsWith('ERR_PARSE_ARGS_')) throw e;
    const { tokens } = parseArgv({ args, options, strict: false, allowPositionals: true, tokens: true });
    const prefix = command === 'checks' ? 'unknown option for "checks": ' : 'unknown option ';
    for (const t of tokens) {
      if (t.kind === 'positional' && command === 'checks') throw new UsageError(`${prefix}${t.value}`);
      if (t.kind !== 'option') continue;
      const spec = options[t.name];
      if (spec === undefined) throw new UsageError(`${prefix}${t.rawName}`);
      if (spec.type === 'boolean' && t.inlineValue === true) throw new UsageError(`${t.rawName} takes no value`);
      if (spec.type === 'string' && (t.value === undefined || (t.inlineValue === false && t.value.startsWith('-')))) {
        MISSING_VALUE[t.rawName]?.();
        throw new UsageError(`${t.rawName} expects a value`);
      }
    }
    throw new UsageError((e as Error).message);
  }
}

export function parseArgs(argv: string[]): ParsedArgs {
  const command = argv[0];
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  if (command === 'checks') {
    const { tokens } = parseStrict(argv.slice(1), CHECKS_OPTIONS, 'checks');
    let fmt: 'text' | 'json' = 'text';
    // In order, so that of --format and --json the later one wins.
    for (const t of tokens) {
      if (t.kind !== 'option') continue;
      if (t.name === 'format') fmt = format(t.value);
      else if (t.name === 'json') fmt = 'json';
    }
    return { command: 'checks', format: fmt };
  }
  if (command !== 'audit') throw new UsageError(`unknown command "${command}"`);

  const { values: v, positionals: positional, tokens } = parseStrict(argv.slice(1), AUDIT_OPTIONS, 'audit');
  if (v.help === true) return { command: 'help' };
  const number = (flag: 'max-pages' | 'concurrency' | 'rps' | 'timeout' | 'resource-budget', min: number, fallback: number): number => {
    const value = v[flag];
    return value === undefined ? fallback : int(`--${flag}`, value, min);
  };
  const args: AuditArgs = {
    command: 'audit',
    url: '',
    maxPages: number('max-pages', 1, 500),
    maxDepth: v['max-depth'] === undefined ? undefined : int('--max-depth', v['max-depth'], 0),
    concurrency: number('concurrency', 1, 4),
    rps: number('rps', 0, 8),
    include: v.include ?? [],
    exclude: v.exclude ?? [],
    headers: Object.fromEntries((v.header ?? []).map(header)),
    userAgent: v['user-agent'],
    timeoutMs: number('timeout', 1, 20_000),
    resourceBudgetMs: number('resource-budget', 1, 60) * 1000,
    allowPrivate: v['allow-private'] === true,
    resources: v['no-resources'] !== true,
    format: 'text',
    failOn: v['fail-on'] === undefined ? null : failOn(v['fail-on']),
    baseline: v.baseline ?? null,
    perPage: v['per-page'] === true,
  };
  // --json is the short form of --format json; of the two, the later one wins.
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') args.format = auditFormat(t.value);
    else if (t.name === 'json') args.format = 'json';
  }
  if (positional.length === 0) throw new UsageError('audit needs a URL, e.g. seology audit https://example.com/');
  if (positional.length > 1) throw new UsageError(`audit takes one URL, got ${positional.length}: ${positional.join(' ')}`);
  const given = positional[0] ?? '';
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`);
  } catch {
    throw new UsageError(`not a valid URL: ${given}`);
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
