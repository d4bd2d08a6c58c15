import type { SiteFindingStore } from './finding-store';

export interface SiteLanguagesSnapshot {
  pages: Array<[language: string, pages: number]>;
  annotated: number;
  total: number;
}

/** A language counts for the site when at least this many pages, and this share of them, are in it. */
const MIN_PAGES_PER_LANGUAGE = 2;
const MIN_SHARE_PER_LANGUAGE = 0.02;

/**
 * Whether the site is multilingual (its pages are in several languages, by language folder or
 * subdomain, else by <html lang>) and whether any page declares its language versions with
 * <link rel="alternate" hreflang> or an HTTP Link header. A few dozen bytes for the whole crawl.
 */
export class SiteLanguages {
  private pages = new Map<string, number>();
  private annotated = 0;
  private total = 0;

  addPage(language: string | null, annotated: boolean): void {
    this.total++;
    if (annotated) this.annotated++;
    if (language !== null) this.pages.set(language, (this.pages.get(language) ?? 0) + 1);
  }

  /** Languages that count, most pages first (ties by code). */
  languages(): Array<[string, number]> {
    const floor = Math.max(MIN_PAGES_PER_LANGUAGE, Math.ceil(this.total * MIN_SHARE_PER_LANGUAGE));
    return [...this.pages].filter(([, n]) => n >= floor).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  }

  /**
   * One site-level finding when the site has pages in two or more languages and not one hreflang
   * annotation. Silent when `linksOnly` (pages already reported for marking versions only with
   * <a hreflang>, which says the same thing page by page).
   */
  report(store: SiteFindingStore, startUrl: string, linksOnly: boolean): void {
    if (this.annotated > 0 || linksOnly) return;
    const languages = this.languages();
    if (languages.length < 2) return;
    const list = languages.map(([code, n]) => `${code} (${n} page${n === 1 ? '' : 's'})`).join(', ');
    store.add('hreflang-missing-multilingual', -1, () => ({
      checkId: 'hreflang-missing-multilingual',
      url: startUrl,
      selector: null,
      message: `The site has pages in ${languages.length} languages but no page declares its language versions with <link rel="alternate" hreflang>.`,
      evidence: list.length > 300 ? `${list.slice(0, 297)}...` : list,
    }));
  }

  snapshot(): SiteLanguagesSnapshot {
    return { pages: [...this.pages], annotated: this.annotated, total: this.total };
  }

  static restore(snapshot: SiteLanguagesSnapshot | undefined): SiteLanguages {
    const restored = new SiteLanguages();
    if (snapshot === undefined) return restored;
    restored.pages = new Map(snapshot.pages);
    restored.annotated = snapshot.annotated;
    restored.total = snapshot.total;
    return restored;
  }
}
