import { FIX_FIELDS, FIX_KINDS, fixFieldOf } from './fix-fields';

describe('fix fields', () => {
  it('maps every kind but open-graph to one field whatever the check', () => {
    for (const kind of FIX_KINDS.filter((k) => k !== 'open-graph')) {
      const field = fixFieldOf(kind, 'any-check');
      expect(field).not.toBeNull();
      expect(FIX_FIELDS).toContain(field);
    }
    expect(fixFieldOf('meta-description', 'meta-description-missing')).toBe('metaDescription');
    expect(fixFieldOf('robots-meta', 'noindex-in-sitemap')).toBe('robots');
  });

  it('maps open-graph by the check: og:title and og:description are settable, og:image and twitter:card are not', () => {
    expect(fixFieldOf('open-graph', 'og-title-missing')).toBe('ogTitle');
    expect(fixFieldOf('open-graph', 'og-description-missing')).toBe('ogDescription');
    expect(fixFieldOf('open-graph', 'og-image-missing')).toBeNull();
    expect(fixFieldOf('open-graph', 'twitter-card-missing')).toBeNull();
  });

  it('gives each field to at most one kind', () => {
    const kindsOf = new Map<string, string[]>();
    for (const kind of FIX_KINDS) {
      for (const check of ['x', 'og-title-missing', 'og-description-missing']) {
        const field = fixFieldOf(kind, check);
        if (field !== null) kindsOf.set(field, [...new Set([...(kindsOf.get(field) ?? []), kind])]);
      }
    }
    for (const kinds of kindsOf.values()) expect(kinds).toHaveLength(1);
    expect([...kindsOf.keys()].sort()).toEqual([...FIX_FIELDS].sort());
  });
});
