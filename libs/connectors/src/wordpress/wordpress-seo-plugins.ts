import type { SeoField } from '../types';
import { parseRobots } from '../util/robots';

export type WpSeoPlugin = 'yoast' | 'rankmath';

/** Meta keys each plugin reads; they are settable only where the site registers them for REST. */
export const SEO_META_KEYS: Record<WpSeoPlugin, Partial<Record<SeoField, string>>> = {
  yoast: {
    title: '_yoast_wpseo_title',
    metaDescription: '_yoast_wpseo_metadesc',
    canonical: '_yoast_wpseo_canonical',
    robots: '_yoast_wpseo_meta-robots-noindex',
    ogTitle: '_yoast_wpseo_opengraph-title',
    ogDescription: '_yoast_wpseo_opengraph-description',
  },
  rankmath: {
    title: 'rank_math_title',
    metaDescription: 'rank_math_description',
    canonical: 'rank_math_canonical_url',
    robots: 'rank_math_robots',
    ogTitle: 'rank_math_facebook_title',
    ogDescription: 'rank_math_facebook_description',
  },
};

export const PLUGIN_NAMESPACE: Record<WpSeoPlugin, string> = { yoast: 'yoast/v1', rankmath: 'rankmath/v1' };
export const PLUGIN_LABEL: Record<WpSeoPlugin, string> = { yoast: 'Yoast SEO', rankmath: 'Rank Math' };

/**
 * Yoast keeps only the index decision in this key: "1" noindex, "2" index (forced), "0" or ""
 * follow the post type default. nofollow lives in a separate key we do not manage.
 */
export function yoastNoindexFromRobots(value: string): string {
  const d = parseRobots(value);
  if (d.includes('noindex') || d.includes('none')) return '1';
  if (d.includes('index') || d.includes('all')) return '2';
  return '0';
}

export function robotsFromYoastNoindex(stored: string | null): string | null {
  if (stored === '1') return 'noindex';
  if (stored === '2') return 'index';
  return null;
}
