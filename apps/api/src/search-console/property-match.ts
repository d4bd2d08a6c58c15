import type { SearchConsoleProperty } from './google-search-console.client';

export type PropertyKind = 'url-prefix' | 'domain';

export interface PropertyChoice extends SearchConsoleProperty {
  kind: PropertyKind;
  /** The property covers the site's URL, so its data is this site's. */
  matches: boolean;
}

/**
 * Which of the account's properties cover the site, best first: the most specific URL-prefix property
 * (`https://www.example.com/shop/` before `https://www.example.com/`), then a Domain property
 * (`sc-domain:example.com`, which covers every scheme and subdomain). Properties the account has not
 * verified are listed but never match: Search Console refuses their data.
 */
export function rankProperties(siteUrl: string, properties: SearchConsoleProperty[]): PropertyChoice[] {
  const site = new URL(siteUrl);
  const host = site.hostname.toLowerCase();
  const siteHref = `${site.protocol}//${site.host.toLowerCase()}${site.pathname}`;
  const choices = properties.map((p): PropertyChoice & { specificity: number } => {
    const verified = p.permissionLevel !== 'siteUnverifiedUser';
    if (p.siteUrl.startsWith('sc-domain:')) {
      const domain = p.siteUrl.slice('sc-domain:'.length).toLowerCase();
      const covers = host === domain || host.endsWith(`.${domain}`);
      return { ...p, kind: 'domain', matches: verified && covers, specificity: 0 };
    }
    let prefix: string;
    try {
      const url = new URL(p.siteUrl);
      prefix = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
    } catch {
      return { ...p, kind: 'url-prefix', matches: false, specificity: 0 };
    }
    const covers = siteHref.startsWith(prefix) || `${siteHref}/` === prefix;
    return { ...p, kind: 'url-prefix', matches: verified && covers, specificity: prefix.length };
  });
  choices.sort((a, b) => Number(b.matches) - Number(a.matches) || b.specificity - a.specificity || a.siteUrl.localeCompare(b.siteUrl));
  return choices.map(({ specificity: _specificity, ...choice }) => choice);
}
