import { Tokenizer } from 'htmlparser2';

/**
 * htmlparser2's tokenizer with two hot states made fast. With entity decoding on, the stock
 * tokenizer looks at text and quoted attribute values one character at a time (it needs to stop at
 * `&`), and text is most of a page: about 40% of a page audit went there. Here a run of plain text
 * or attribute value is skipped with `indexOf` to the next character that matters (`<` or `&` in
 * text, the quote or `&` in a value), which the stock states then handle exactly as before. Every
 * callback is the same as the stock tokenizer's (a test compares them on real and hostile markup).
 *
 * The members used are the tokenizer's own (private in its typings, plain properties at run time),
 * so htmlparser2 is pinned to an exact version in package.json, this module refuses to load when
 * those members are gone (assertTokenizerInternals), and tests check that the overrides are still
 * the ones the parse loop calls and that they make the same callbacks.
 */
interface TokenizerInternals {
  buffer: string;
  /** Absolute position of the character being looked at (the parse loop increments it after each state call). */
  index: number;
  /** Absolute position of buffer[0] (earlier chunks' total length). */
  offset: number;
  decodeEntities: boolean;
  stateText(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
}

type TokenizerClass = new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerInternals;

const LT = 0x3c;
const AMP = 0x26;
const DQ = 0x22;
const SQ = 0x27;

/** The tokenizer methods overridden below: the parse loop must call them by these names. */
export const OVERRIDDEN_STATES = ['stateText', 'stateInAttributeValueDoubleQuotes', 'stateInAttributeValueSingleQuotes'] as const;
/** Instance fields read or written by the overrides. */
const FIELDS = { buffer: 'string', index: 'number', offset: 'number', decodeEntities: 'boolean' } as const;

/**
 * Throws when `tokenizer` (htmlparser2's Tokenizer class) lacks a method overridden here or a field
 * the overrides use: a new htmlparser2 version that renamed them would otherwise make the fast
 * path dead code (never called) or wrong (reading fields that are not there), silently.
 */
export function assertTokenizerInternals(tokenizer: unknown): void {
  const proto = typeof tokenizer === 'function' ? (tokenizer.prototype as Record<string, unknown>) : undefined;
  const missing: string[] = OVERRIDDEN_STATES.filter((m) => typeof proto?.[m] !== 'function').map((m) => `method ${m}`);
  if (missing.length === 0) {
    const instance = new (tokenizer as TokenizerClass)({ decodeEntities: true }, {} as ConstructorParameters<typeof Tokenizer>[1]) as unknown as Record<string, unknown>;
    for (const [field, type] of Object.entries(FIELDS)) if (typeof instance[field] !== type) missing.push(`field ${field} (${type})`);
  }
  if (missing.length > 0) {
    throw new Error(
      `FastTokenizer: htmlparser2's Tokenizer no longer has ${missing.join(', ')}; the fast tokenizer overrides its internals and must be adapted to this htmlparser2 version (package.json pins the one it was written for)`,
    );
  }
}

assertTokenizerInternals(Tokenizer);

const Base = Tokenizer as unknown as TokenizerClass;

class FastTokenizerImpl extends Base {
  /** Buffer-relative position of the next `&` at or after ampFrom (buffer.length when there is none). */
  private amp = -1;
  private ampFrom = Number.MAX_SAFE_INTEGER;
  private ampBuffer: string | null = null;

  /** Buffer-relative position of the first `&` at or after `from` (cached: one forward scan per chunk). */
  private nextAmp(from: number): number {
    if (this.ampBuffer !== this.buffer || from < this.ampFrom || (this.amp < from && this.amp !== this.buffer.length)) {
      const found = this.buffer.indexOf('&', from);
      this.amp = found < 0 ? this.buffer.length : found;
      this.ampFrom = from;
      this.ampBuffer = this.buffer;
    }
    return this.amp;
  }

  /** Moves to just before the first of `char` or (when decoding entities) `&` after the current character. */
  private skipTo(char: string): void {
    const from = this.index - this.offset + 1;
    const buffer = this.buffer;
    let stop = buffer.indexOf(char, from);
    if (stop < 0) stop = buffer.length;
    if (this.decodeEntities) {
      const amp = this.nextAmp(from);
      if (amp < stop) stop = amp;
    }
    // The parse loop increments the index after this state returns.
    this.index = stop + this.offset - 1;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) super.stateText(c);
    else this.skipTo('<');
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c === DQ || c === AMP) super.stateInAttributeValueDoubleQuotes(c);
    else this.skipTo('"');
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c === SQ || c === AMP) super.stateInAttributeValueSingleQuotes(c);
    else this.skipTo("'");
  }
}

/** Pass as htmlparser2's `Tokenizer` parser option. */
export const FastTokenizer = FastTokenizerImpl as unknown as typeof Tokenizer;
