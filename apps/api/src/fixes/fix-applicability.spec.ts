import type { ConnectorCapabilities } from '@seology/connectors';
import { fixApplicability, type ApplicabilityContext } from './fix-applicability';

/** What a stock WordPress without the Seology plugin reports (titles and image alt only). */
const STOCK_WP: ConnectorCapabilities = {
  platform: 'wordpress',
  fields: ['h1', 'imageAlt'],
  byKind: { post: ['h1', 'imageAlt'], page: ['h1', 'imageAlt'], media: ['imageAlt'] },
  unsupported: { metaDescription: 'WordPress itself has no meta description setting: install the Seology plugin to let us write meta descriptions' },
  wordpress: { companionPlugin: null, seoPlugin: null, redirects: null },
};
const WITH_PLUGIN: ConnectorCapabilities = {
  ...STOCK_WP,
  fields: ['h1', 'imageAlt', 'metaDescription', 'title'],
  byKind: { post: ['h1', 'imageAlt', 'metaDescription'], page: ['h1', 'imageAlt', 'metaDescription'], media: ['imageAlt'], term: ['title'] },
  unsupported: {},
  wordpress: { companionPlugin: '1.0.0', seoPlugin: null, redirects: 'seology' },
};
const wp = (capabilities: ConnectorCapabilities | null, resourceKind: ApplicabilityContext['resourceKind']): ApplicabilityContext => ({ platform: 'WORDPRESS', capabilities, resourceKind });

describe('fixApplicability', () => {
  it('applies what the connection can change on that kind of URL', () => {
    expect(fixApplicability('imageAlt', wp(STOCK_WP, 'post'))).toEqual({ applicable: true });
    expect(fixApplicability('metaDescription', wp(WITH_PLUGIN, 'page'))).toEqual({ applicable: true });
    expect(fixApplicability('title', wp(WITH_PLUGIN, 'term'))).toEqual({ applicable: true });
  });

  it('turns a field the platform cannot write into a manual fix that says what would unlock it', () => {
    const verdict = fixApplicability('metaDescription', wp(STOCK_WP, 'post'));
    expect(verdict).toEqual({ applicable: false, reason: expect.stringContaining('install the Seology plugin') as unknown });
    // A field writable on some kinds but not on this one: the kind is named.
    expect(fixApplicability('metaDescription', wp(WITH_PLUGIN, 'media'))).toEqual({ applicable: false, reason: expect.stringContaining('media') as unknown });
  });

  it('a URL that is not an item of the platform (archive, login page) is manual, and a stock WordPress is told about the plugin', () => {
    const stock = fixApplicability('imageAlt', wp(STOCK_WP, null));
    expect(stock.applicable).toBe(false);
    expect(!stock.applicable && stock.reason).toMatch(/not a WordPress item.*Install the Seology plugin/);
    const plugin = fixApplicability('imageAlt', wp(WITH_PLUGIN, null));
    expect(!plugin.applicable && plugin.reason).not.toContain('Install the Seology plugin');
  });

  it('when the URL could not be looked up, the site-wide fields decide; with no capabilities at all nothing is ruled out', () => {
    expect(fixApplicability('h1', wp(STOCK_WP, undefined))).toEqual({ applicable: true });
    expect(fixApplicability('metaDescription', wp(STOCK_WP, undefined)).applicable).toBe(false);
    expect(fixApplicability('metaDescription', wp(null, undefined))).toEqual({ applicable: true });
  });

  it('link text and unknown fields are always manual; the snippet cannot redirect or change what it does not render', () => {
    expect(fixApplicability('anchorText', wp(WITH_PLUGIN, 'post'))).toEqual({ applicable: false, reason: expect.stringContaining('page editor') as unknown });
    expect(fixApplicability('sitemap', wp(WITH_PLUGIN, 'post')).applicable).toBe(false);
    const snippet = (field: string) => fixApplicability(field, { platform: 'CUSTOM', capabilities: null, resourceKind: undefined });
    expect(snippet('metaDescription')).toEqual({ applicable: true });
    expect(snippet('redirect')).toEqual({ applicable: false, reason: expect.stringContaining('HTTP 301') as unknown });
    expect(snippet('h1').applicable).toBe(false);
  });
});
