import { findJsonHazard, hasControlCharacters } from './json-hazards';

describe('findJsonHazard', () => {
  it('accepts ordinary bodies, escapes and surrogate pairs', () => {
    expect(findJsonHazard('{"a":[1,{"b":"x\\"y\\\\u0000"}],"emoji":"\\ud83d\\ude00","t":"\\u00e9"}')).toBeNull();
    expect(findJsonHazard(`${'['.repeat(32)}${']'.repeat(32)}`)).toBeNull();
  });

  it('refuses nesting deeper than the limit, also when brackets hide nowhere but in structure', () => {
    expect(findJsonHazard(`${'['.repeat(3000)}${']'.repeat(3000)}`)).toMatch(/nested more than 32/);
    expect(findJsonHazard(`{"a":${'{"b":'.repeat(40)}1${'}'.repeat(41)}`)).toMatch(/nested/);
    // brackets inside strings are text
    expect(findJsonHazard(JSON.stringify({ s: '['.repeat(100) }))).toBeNull();
  });

  it('refuses NUL and lone surrogates, however they are escaped', () => {
    expect(findJsonHazard(JSON.stringify({ name: 'a\u0000b' }))).toMatch(/NUL/);
    expect(findJsonHazard('{"name":"\\U0000"}'.replace('U', 'u'))).toMatch(/NUL/);
    expect(findJsonHazard('{"name":"\\ud800"}')).toMatch(/surrogate/);
    expect(findJsonHazard('{"name":"\\ud800\\u0041"}')).toMatch(/surrogate/);
    expect(findJsonHazard('{"name":"\\udc00x"}')).toMatch(/surrogate/);
    expect(findJsonHazard(JSON.stringify({ name: 'x\ud800' }))).toMatch(/surrogate/);
  });
});

describe('hasControlCharacters', () => {
  it('finds NUL and controls but not tabs or text', () => {
    expect(hasControlCharacters('abc\u0000')).toBe(true);
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('a\tb é ✓')).toBe(false);
  });
});
