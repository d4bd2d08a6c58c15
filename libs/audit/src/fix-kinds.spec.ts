import { FIX_KINDS, fixFieldOf } from '@seology/contracts';
import { CHECKS } from './catalogue';

describe('the catalogue and the fix vocabulary', () => {
  it('uses only the contracts\' fix kinds, and every fixable check but og:image/og:url/twitter:card has a field', () => {
    const fixable = CHECKS.filter((c) => c.fixKind !== undefined);
    expect(fixable.length).toBeGreaterThan(10);
    for (const check of fixable) {
      const kind = check.fixKind!;
      expect(FIX_KINDS).toContain(kind);
      const field = fixFieldOf(kind, check.id);
      if (field === null) expect(['og-image-missing', 'og-url-missing', 'twitter-card-missing']).toContain(check.id);
    }
  });
});
