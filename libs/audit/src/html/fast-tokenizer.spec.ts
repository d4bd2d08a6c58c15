import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Parser, Tokenizer, type Handler } from 'htmlparser2';
import { CHECK_CASES } from '../testing/fixtures/check-cases';
import { assertTokenizerInternals, FastTokenizer, OVERRIDDEN_STATES } from './fast-tokenizer';

/** Every callback the parser makes, in order, with its arguments. */
function events(html: string, chunks: number[], fast: boolean): string[] {
  const log: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      log.push(`${name} ${JSON.stringify(args)}`);
    };
  const handler: Partial<Handler> = {
    onopentagname: record('opentagname'),
    onattribute: record('attribute'),
    onopentag: record('opentag'),
    ontext: record('text'),
    onclosetag: record('closetag'),
    oncomment: record('comment'),
    oncommentend: record('commentend'),
    oncdatastart: record('cdatastart'),
    oncdataend: record('cdataend'),
    onprocessinginstruction: record('pi'),
    onerror: record('error'),
    onend: record('end'),
  };
  const options = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
  const parser = new Parser(handler, fast ? { ...options, Tokenizer: FastTokenizer } : options);
  let at = 0;
  for (const size of chunks) {
    parser.write(html.slice(at, at + size));
    at += size;
  }
  parser.end(html.slice(at));
  return log;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x100000000;
  };
}

// Pieces that move the tokenizer between states: entities (named, numeric, unterminated, in
// attributes), both quote kinds, comments, CDATA, raw-text elements and stray markup characters.
const PIECES = [
  'text ', 'more words ', '&amp;', '&lt;', '&notin;', '&notit;', '&#x41;', '&#65;', '&#;', '&', '&&', '&amp', '&copy',
  '<', '>', '</', '/>', '<p>', '</p>', '<a href="/x?a=1&b=2">', '<a href=\'/y&amp;z\'>', '<a href=/nq&amp;x>', '</a>',
  '<img alt="A &quot;quoted&quot; alt" src="/i.png">', '<div class="c" data-x="">', '</div>', '"', "'", '=',
  '<!-- comment & <b> -->', '<!--', '-->', '<![CDATA[ x & y ]]>', '<script>if (a < b && c) {}</script>',
  '<style>a > b { content: "&"; }</style>', '<title>Fish &amp; chips &lt; 5</title>', '<textarea>a &amp; <b></textarea>',
  '<?xml version="1.0"?>', '<!DOCTYPE html>', '\n', '\t', ' ', 'é', '東京', '\u0000', '<br/>', '<input value="&#x26;">',
];

function fuzzDocument(seed: number): { html: string; chunks: number[] } {
  const next = random(seed);
  let html = '';
  const count = Math.floor(next() * 80);
  for (let i = 0; i < count; i++) html += PIECES[Math.floor(next() * PIECES.length)];
  const chunks: number[] = [];
  // Half the documents arrive in several chunks, to exercise state kept across writes.
  if (next() < 0.5) for (let left = html.length; left > 0; ) {
    const size = 1 + Math.floor(next() * 40);
    chunks.push(size);
    left -= size;
  }
  return { html, chunks };
}

describe('FastTokenizer', () => {
  it('makes exactly the callbacks of htmlparser2’s own tokenizer on the check fixtures', () => {
    const pages = CHECK_CASES.flatMap((c) => [...c.scenario.pages, ...(c.negative?.pages ?? [])]);
    const htmls = pages.map((p) => p.html).filter((html): html is string => html !== null && html.length > 0);
    expect(htmls.length).toBeGreaterThan(100);
    for (const html of htmls) expect(events(html, [], true)).toEqual(events(html, [], false));
  });

  it('makes exactly the same callbacks on 5 000 fuzzed documents, whole and in chunks', () => {
    let differing = 0;
    let firstDifference: string | null = null;
    for (let seed = 1; seed <= 5000; seed++) {
      const { html, chunks } = fuzzDocument(seed);
      const fast = events(html, chunks, true);
      const stock = events(html, chunks, false);
      if (JSON.stringify(fast) !== JSON.stringify(stock)) {
        differing++;
        firstDifference ??= html;
      }
    }
    expect(firstDifference).toBeNull();
    expect(differing).toBe(0);
  });

  it('decodes entities in text and attribute values that follow long plain runs', () => {
    const html = `<p>${'plain '.repeat(2000)}Fish &amp; chips</p><a title="${'x'.repeat(5000)}&lt;y">z</a>`;
    const log = events(html, [], true);
    const text = log
      .filter((line) => line.startsWith('text '))
      .map((line) => (JSON.parse(line.slice(5)) as string[])[0])
      .join('');
    expect(text.endsWith('plain Fish & chipsz')).toBe(true);
    expect(log).toContain(`attribute ${JSON.stringify(['title', `${'x'.repeat(5000)}<y`, '"'])}`);
    expect(log.join('\n') === events(html, [], false).join('\n')).toBe(true);
  });

  it('is what the parse loop calls: every override runs, and plain runs skip the stock states', () => {
    const fixture = CHECK_CASES.flatMap((c) => c.scenario.pages).find((p) => p.html !== null && p.html.length > 500)?.html ?? '';
    const html = `${fixture}<p>${'plain text '.repeat(500)}</p><a href="${'/d'.repeat(500)}" title='${'s'.repeat(1000)}'>x</a>`;
    const count = (fast: boolean) => {
      const spies = OVERRIDDEN_STATES.map((m) => ({
        override: jest.spyOn(FastTokenizer.prototype as unknown as Record<string, (c: number) => void>, m),
        stock: jest.spyOn(Tokenizer.prototype as unknown as Record<string, (c: number) => void>, m),
      }));
      events(html, [], fast);
      const calls = spies.map((s) => ({ override: s.override.mock.calls.length, stock: s.stock.mock.calls.length }));
      for (const s of spies) {
        s.override.mockRestore();
        s.stock.mockRestore();
      }
      return calls;
    };
    const fast = count(true);
    const stock = count(false);
    OVERRIDDEN_STATES.forEach((m, i) => {
      const f = fast[i] ?? { override: 0, stock: 0 };
      const s = stock[i] ?? { override: 0, stock: 0 };
      // The overrides are called by the parse loop (an htmlparser2 that dispatched differently would leave them at 0) ...
      expect([m, f.override > 0]).toEqual([m, true]);
      // ... and hand only the characters that matter to the stock state, a small share of what the stock tokenizer looks at.
      expect([m, f.stock * 10 < s.stock]).toEqual([m, true]);
    });
  });

  it('refuses to load over a tokenizer that lacks the overridden methods or the fields they use', () => {
    expect(() => assertTokenizerInternals(Tokenizer)).not.toThrow();
    expect(() => assertTokenizerInternals(class {})).toThrow(/no longer has method stateText, method stateInAttributeValueDoubleQuotes, method stateInAttributeValueSingleQuotes/);
    expect(() => assertTokenizerInternals({})).toThrow(/no longer has method stateText/);
    class Renamed extends Tokenizer {
      constructor(...args: ConstructorParameters<typeof Tokenizer>) {
        super(...args);
        delete (this as unknown as Record<string, unknown>)['offset'];
      }
    }
    expect(() => assertTokenizerInternals(Renamed)).toThrow(/no longer has field offset \(number\)/);
  });

  it('runs on the exact htmlparser2 version package.json pins', () => {
    const root = path.resolve(__dirname, '../../../..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules/htmlparser2/package.json'), 'utf8')) as { version: string };
    expect(pkg.dependencies['htmlparser2']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies['htmlparser2']).toBe(installed.version);
  });
});
