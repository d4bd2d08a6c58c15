import { analyzeText, collapseWhitespace, estimatePixelWidth, hammingDistance64, hash52, measureText } from './text-stats';

function text(seed: number, count: number): string {
  const vocabulary = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(vocabulary[(state >>> 8) % vocabulary.length] ?? '');
  }
  return out.join(' ');
}

describe('analyzeText', () => {
  it('counts words, including CJK characters individually', () => {
    expect(analyzeText("Hello, world! It's  a test.").wordCount).toBe(5);
    expect(analyzeText('東京タワー is tall').wordCount).toBe(7);
    expect(analyzeText('   ').wordCount).toBe(0);
    expect(analyzeText('   ').contentHash).toBeNull();
  });

  it('gives the same content hash regardless of case, spacing and punctuation, and a different one for different words', () => {
    const a = analyzeText('Hello   World.\nSecond line');
    expect(analyzeText('hello world second, line').contentHash).toBe(a.contentHash);
    expect(analyzeText('hello world second lines').contentHash).not.toBe(a.contentHash);
  });

  it('puts near-identical texts close together and unrelated texts far apart (simhash)', () => {
    const base = text(1, 400);
    const edited = `${base} omega`;
    const other = text(2, 400);
    const a = analyzeText(base);
    const b = analyzeText(edited);
    const c = analyzeText(other);
    expect(hammingDistance64(a.simhashHi, a.simhashLo, b.simhashHi, b.simhashLo)).toBeLessThanOrEqual(3);
    expect(hammingDistance64(a.simhashHi, a.simhashLo, c.simhashHi, c.simhashLo)).toBeGreaterThan(10);
  });

  it('finds "lorem ipsum" as two words with only whitespace between them, in any case', () => {
    expect(analyzeText('Intro text. Lorem \n IPSUM dolor sit amet').loremIpsumAt).toBe(12);
    expect(analyzeText('lorem ipsum').loremIpsumAt).toBe(0);
    expect(analyzeText('Loremipsum, lorem, ipsum and lorems ipsum').loremIpsumAt).toBe(-1);
    expect(analyzeText('no placeholder here').loremIpsumAt).toBe(-1);
  });

  it('measures collapsed length like a whitespace-collapsing trim', () => {
    for (const sample of ['  a  b \n c ', 'abc', '', ' x ', 'naïve  café\t ok']) {
      expect(measureText(sample).collapsedLength).toBe(sample.replace(/\s+/g, ' ').trim().length);
      expect(analyzeText(sample).collapsedLength).toBe(sample.replace(/\s+/g, ' ').trim().length);
    }
  });
});

describe('small helpers', () => {
  it('collapses whitespace only when needed', () => {
    expect(collapseWhitespace('already clean')).toBe('already clean');
    expect(collapseWhitespace('  a \n b  ')).toBe('a b');
    expect(collapseWhitespace('a\u00a0\u00a0b')).toBe('a b');
  });

  it('hash52 is stable, distinct for distinct strings and within the safe integer range', () => {
    expect(hash52('title')).toBe(hash52('title'));
    expect(hash52('title')).not.toBe(hash52('Title'));
    expect(Number.isSafeInteger(hash52('x'.repeat(1000)))).toBe(true);
  });

  it('estimates wider pixels for wide letters', () => {
    expect(estimatePixelWidth('WWWW', 20)).toBeGreaterThan(estimatePixelWidth('iiii', 20));
    expect(estimatePixelWidth('abc', 20)).toBe(Math.round(((556 + 556 + 500) * 20) / 1000));
  });
});
