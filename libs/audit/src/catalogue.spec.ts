import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORY_ORDER, CHECKS, validateCatalogue } from './catalogue';
import { renderChecksDoc } from './docs/render-checks-doc';
import type { FixKind } from './model';

describe('check catalogue', () => {
  it('has at least 100 distinct, valid checks', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length);
    expect(validateCatalogue()).toEqual([]);
  });

  it('covers every category', () => {
    for (const category of CATEGORY_ORDER) expect(CHECKS.some((check) => check.category === category)).toBe(true);
  });

  it('offers every kind of automatic fix somewhere', () => {
    const kinds: FixKind[] = ['title', 'meta-description', 'image-alt', 'h1', 'canonical', 'robots-meta', 'json-ld', 'open-graph', 'redirect', 'anchor-text'];
    for (const kind of kinds) expect(CHECKS.some((check) => check.fixKind === kind)).toBe(true);
  });

  it('validateCatalogue reports broken definitions', () => {
    const [first, second] = CHECKS;
    if (!first || !second) throw new Error('the catalogue has fewer than two checks');
    const broken = [{ ...first }, { ...first, weight: 11 }, { ...second, id: 'Not_Kebab' }];
    const problems = validateCatalogue(broken);
    expect(problems).toEqual(expect.arrayContaining([`duplicate id ${CHECKS[0]?.id}`, `weight out of range: ${CHECKS[0]?.id}`, 'id not kebab-case: Not_Kebab']));
  });

  it('marks whole-site checks only among site-scoped checks', () => {
    for (const check of CHECKS) if (check.affects === 'site') expect(check.scope).toBe('site');
  });
});

describe('docs/checks.md', () => {
  it('is up to date with the catalogue (regenerate with libs/audit/scripts/generate-checks-doc.ts)', () => {
    const committed = readFileSync(resolve(__dirname, '../../../docs/checks.md'), 'utf8');
    expect(committed).toBe(renderChecksDoc());
  });

  it('documents every check id', () => {
    const doc = renderChecksDoc();
    for (const check of CHECKS) expect(doc).toContain(`\`${check.id}\``);
  });

  it('would notice a changed catalogue', () => {
    const changed = CHECKS.map((check, index) => (index === 0 ? { ...check, weight: check.weight === 1 ? 2 : 1 } : check));
    expect(renderChecksDoc(changed)).not.toBe(renderChecksDoc());
  });
});
