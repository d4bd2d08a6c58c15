import { parseArgs, UsageError } from './args';

const audit = (...rest: string[]) => parseArgs(['audit', ...rest]);
const usage = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('CLI arguments', () => {
  it('reads every audit flag, in both --flag value and --flag=value spellings, repeatable ones repeated', () => {
    expect(
      audit('example.com/x', '--max-pages=50', '--max-depth', '2', '--concurrency', '3', '--rps=0', '--include', '/blog/', '--include=/docs/', '--exclude', 're:\\?p=',
        '--header', 'X-Token: abc', '--header=Cookie: a=1', '--user-agent', 'Bot/2', '--timeout', '500', '--resource-budget', '5', '--allow-private', '--no-resources',
        '--format', 'ndjson', '--fail-on', 'high', '--baseline', 'old.json', '--per-page', '--render', 'auto', '--render-timeout=9000', '--render-pages', '3'),
    ).toEqual({
      command: 'audit',
      url: 'https://example.com/x',
      maxPages: 50,
      maxDepth: 2,
      concurrency: 3,
      rps: 0,
      include: ['/blog/', '/docs/'],
      exclude: ['re:\\?p='],
      headers: { 'x-token': 'abc', cookie: 'a=1' },
      userAgent: 'Bot/2',
      timeoutMs: 500,
      resourceBudgetMs: 5000,
      allowPrivate: true,
      resources: false,
      format: 'ndjson',
      failOn: 'HIGH',
      baseline: 'old.json',
      perPage: true,
      render: 'auto',
      renderTimeoutMs: 9000,
      renderPages: 3,
    });
  });

  it('reads --render alone, with a mode, or inline, and keeps a URL after it positional', () => {
    expect(audit('--render', 'https://example.com/')).toMatchObject({ url: 'https://example.com/', render: 'on' });
    expect(audit('https://example.com/', '--render')).toMatchObject({ render: 'on' });
    expect(audit('https://example.com/', '--render', 'on')).toMatchObject({ render: 'on' });
    expect(audit('https://example.com/', '--render=auto')).toMatchObject({ render: 'auto' });
    expect(audit('https://example.com/')).toMatchObject({ render: null, renderTimeoutMs: 15_000, renderPages: 2 });
    expect(() => audit('https://example.com/', '--render=sometimes')).toThrow('--render expects nothing, "on" or "auto"');
    expect(() => audit('https://example.com/', '--render-pages', '0')).toThrow('--render-pages expects a whole number of at least 1');
  });

  it('has the documented defaults', () => {
    expect(audit('http://example.com')).toMatchObject({ maxPages: 500, maxDepth: undefined, concurrency: 4, rps: 8, timeoutMs: 20_000, resourceBudgetMs: 60_000, resources: true, format: 'text', failOn: null, baseline: null });
  });

  it('lets the later of --format and --json win, and the last of a repeated flag', () => {
    expect(audit('http://e.com', '--json', '--format', 'text')).toMatchObject({ format: 'text' });
    expect(audit('http://e.com', '--format', 'text', '--json')).toMatchObject({ format: 'json' });
    expect(audit('http://e.com', '--max-pages', '5', '--max-pages', '6')).toMatchObject({ maxPages: 6 });
  });

  it('answers help before and after the URL, and for the commands', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['audit', '--help'], ['audit', 'http://e.com', '-h']]) expect(parseArgs(argv)).toEqual({ command: 'help' });
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseArgs(['checks', '--json'])).toEqual({ command: 'checks', format: 'json' });
    expect(parseArgs(['checks', '--format=text'])).toEqual({ command: 'checks', format: 'text' });
  });

  it('refuses unknown flags and stray arguments, naming them', () => {
    expect(usage(['audit', 'http://e.com', '--bogus'])).toBe('unknown option --bogus');
    expect(usage(['audit', 'http://e.com', '--bogus=1'])).toBe('unknown option --bogus');
    expect(usage(['audit', 'http://e.com', '-x'])).toBe('unknown option -x');
    expect(usage(['checks', '--bogus'])).toBe('unknown option for "checks": --bogus');
    expect(usage(['checks', 'extra'])).toBe('unknown option for "checks": extra');
    expect(usage(['audit', 'http://e.com', '--allow-private=yes'])).toBe('--allow-private takes no value');
    expect(usage(['frobnicate'])).toBe('unknown command "frobnicate"');
    expect(usage(['audit', 'a.com', 'b.com'])).toBe('audit takes one URL, got 2: a.com b.com');
  });

  it('says what a flag expects when its value is missing or wrong', () => {
    expect(usage(['audit', 'http://e.com', '--max-pages'])).toBe('--max-pages expects a whole number of at least 1');
    expect(usage(['audit', 'http://e.com', '--max-pages', '--json'])).toBe('--max-pages expects a whole number of at least 1');
    expect(usage(['audit', 'http://e.com', '--max-depth', '-1'])).toBe('--max-depth expects a whole number');
    expect(usage(['audit', 'http://e.com', '--max-pages', 'many'])).toBe('--max-pages expects a whole number of at least 1');
    expect(usage(['audit', 'http://e.com', '--concurrency', '0'])).toBe('--concurrency expects a whole number of at least 1');
    expect(usage(['audit', 'http://e.com', '--include'])).toBe('--include expects a value');
    expect(usage(['audit', 'http://e.com', '--fail-on'])).toBe('--fail-on expects one of: critical, high, medium, low, info');
    expect(usage(['audit', 'http://e.com', '--format', 'xml'])).toBe('--format expects "text", "json" or "ndjson"');
    expect(usage(['checks', '--format', 'ndjson'])).toBe('--format expects "text" or "json"');
    expect(usage(['audit', 'http://e.com', '--header', 'no colon'])).toBe('--header expects "Name: value", got "no colon"');
    expect(usage(['audit', 'http://e.com', '--include', 're:('])).toMatch(/^invalid regular expression in re:\(/);
    expect(usage(['audit'])).toBe('audit needs a URL, e.g. seology audit https://example.com/');
    expect(usage(['audit', 'ftp://e.com'])).toBe('only http and https URLs can be audited, not ftp:');
  });
});
