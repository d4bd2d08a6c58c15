import type { PageData, SiteContext } from './types';

/** Required properties per schema.org type, as Google's rich-result documentation lists them. */
export const JSON_LD_REQUIRED: Record<string, string[]> = {
  Article: ['headline', 'author', 'datePublished', 'image'],
  Organization: ['name', 'url'],
  BreadcrumbList: ['itemListElement'],
  Product: ['name', 'offers'],
};

/** Problems with a JSON-LD block (empty = valid): parse errors, unknown @type, missing required properties. */
export function validateJsonLd(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return ['not valid JSON'];
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return ['must be one JSON object'];
  const obj = data as Record<string, unknown>;
  if (obj['@context'] !== 'https://schema.org') return ['@context must be https://schema.org'];
  const type = obj['@type'];
  if (typeof type !== 'string' || !JSON_LD_REQUIRED[type]) return [`@type must be one of ${Object.keys(JSON_LD_REQUIRED).join(', ')}`];
  const problems = JSON_LD_REQUIRED[type].filter((key) => obj[key] === undefined || obj[key] === null || obj[key] === '').map((key) => `${type} needs ${key}`);
  if (type === 'BreadcrumbList') {
    const items = obj['itemListElement'];
    if (!Array.isArray(items) || items.length === 0) problems.push('BreadcrumbList needs at least one ListItem');
    else items.forEach((item: Record<string, unknown>, i) => {
      if (item?.['@type'] !== 'ListItem' || item['position'] !== i + 1 || !item['name']) problems.push(`ListItem ${i + 1} needs @type ListItem, position ${i + 1} and name`);
    });
  }
  if (type === 'Product') {
    const offers = obj['offers'] as Record<string, unknown> | undefined;
    if (offers && (offers['price'] === undefined || !offers['priceCurrency'])) problems.push('Product offers need price and priceCurrency');
  }
  return problems;
}

/**
 * JSON-LD built only from what the page shows: Article when the page names an author and a
 * publication date and has an image, Organization for the home page, otherwise a BreadcrumbList
 * from the URL path. Returns null when nothing valid can be built.
 */
export function buildJsonLd(page: PageData, site: SiteContext): { type: string; json: string } | null {
  const url = new URL(page.url);
  const headline = page.h1[0] ?? page.title;
  const candidates: Array<{ type: string; data: Record<string, unknown> }> = [];
  if (headline && page.author && page.datePublished && page.images[0]) {
    candidates.push({ type: 'Article', data: {
      '@context': 'https://schema.org', '@type': 'Article', headline: headline.slice(0, 110),
      author: { '@type': 'Person', name: page.author }, datePublished: page.datePublished, image: new URL(page.images[0].src, page.url).href,
    } });
  }
  if ((url.pathname === '/' || url.pathname === '') && site.siteName) {
    candidates.push({ type: 'Organization', data: { '@context': 'https://schema.org', '@type': 'Organization', name: site.siteName, url: url.origin + '/' } });
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length) {
    const items = [{ '@type': 'ListItem', position: 1, name: site.siteName ?? 'Home', item: url.origin + '/' }];
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      items.push({
        '@type': 'ListItem', position: i + 2,
        name: last && headline ? headline : segment.replace(/[-_]+/g, ' '),
        item: `${url.origin}/${segments.slice(0, i + 1).join('/')}/`,
      });
    });
    candidates.push({ type: 'BreadcrumbList', data: { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: items } });
  }
  for (const c of candidates) {
    const json = JSON.stringify(c.data);
    if (validateJsonLd(json).length === 0) return { type: c.type, json };
  }
  return null;
}
