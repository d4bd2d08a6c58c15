import { Parser, type Handler } from 'htmlparser2';
import { CHECK_CASES } from '../testing/fixtures/check-cases';
import { FastTokenizer } from './fast-tokenizer';

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
});
