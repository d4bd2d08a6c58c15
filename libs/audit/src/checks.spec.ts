import { CHECKS } from './catalogue';
import { urlLanguage } from './page/language-codes';
import { CHECK_CASES } from './testing/fixtures/check-cases';
import { buildPage, cleanPage, cleanSite, runScenario } from './testing/fixtures/site-builder';

describe('check fixtures', () => {
  const clean = runScenario(cleanSite());

  it('the clean fixture site produces no finding at all', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.healthScore).toBe(100);
  });

  it('every fixture case names a check from the catalogue', () => {
    const ids = new Set(CHECKS.map((check) => check.id));
    expect(CHECK_CASES.filter((entry) => !ids.has(entry.checkId)).map((entry) => entry.checkId)).toEqual([]);
  });

  describe.each(CHECKS.map((check) => [check.id, check.scope] as const))('%s (%s)', (checkId) => {
    const cases = CHECK_CASES.filter((entry) => entry.checkId === checkId);

    it('has a positive fixture case', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it('fires on the positive fixture with the expected URL and selector', () => {
      for (const entry of cases) {
        const hits = runScenario(entry.scenario).findings.filter((finding) => finding.checkId === checkId);
        expect(hits.map((hit) => [hit.url, hit.selector])).toContainEqual([entry.url, entry.selector ?? null]);
        for (const hit of hits) {
          expect(hit.message.length).toBeGreaterThan(10);
          if (hit.evidence !== null) expect(hit.evidence.length).toBeLessThanOrEqual(300);
        }
      }
    });

    it('stays silent on the clean site and on near misses', () => {
      expect(clean.findings.filter((finding) => finding.checkId === checkId)).toEqual([]);
      for (const entry of cases) {
        for (const negative of [...(entry.negative === undefined ? [] : [entry.negative]), ...(entry.negatives ?? [])]) {
          expect(runScenario(negative).findings.filter((finding) => finding.checkId === checkId)).toEqual([]);
        }
      }
    });
  });
});

describe('repeats of one resource count once', () => {
  it('reports a repeated unsized icon once per page and each distinct image once', () => {
    const icons = Array.from({ length: 40 }, () => '<img src="/img/arrow.png" alt="">').join('');
    const result = runScenario({ pages: [buildPage(cleanPage('/products/blue-widget', { extraMain: `${icons}<img src="/img/detail.jpg" alt="Detail">` }))] });
    const hits = result.findings.filter((finding) => finding.checkId === 'image-dimensions-missing');
    expect(hits.map((hit) => hit.evidence)).toEqual(['/img/arrow.png', '/img/detail.jpg']);
    expect(result.countsByCheck['image-dimensions-missing']).toBe(2);
  });
});

describe('the language a URL declares', () => {
  it('reads a language folder or subdomain and leaves look-alike path words alone', () => {
    const of = (url: string) => urlLanguage(new URL(url));
    expect([of('https://e.com/en/a'), of('https://e.com/pt-br/'), of('https://e.com/zh-hans/x'), of('https://fr.e.com/x'), of('https://e.com/de_DE/')]).toEqual(['en', 'pt', 'zh', 'fr', 'de']);
    expect([of('https://e.com/id/42'), of('https://e.com/my/account'), of('https://www.e.com/x'), of('https://e.com/products/'), of('https://e.com/')]).toEqual([null, null, null, null, null]);
  });
});
