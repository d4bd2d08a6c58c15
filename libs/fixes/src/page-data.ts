import { collapseWhitespace, parsePage, seoSnapshotOf } from '@seology/audit';
import type { PageData } from './types';

const MAX_TEXT = 20_000;

/** JSON-LD `name` of the site itself (WebSite or Organization nodes, also inside @graph). */
function jsonLdSiteNames(blocks: string[]): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return void node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(record['@type'] ?? []);
    if (types.some((t) => t === 'WebSite' || t === 'Organization') && typeof record.name === 'string' && record.name.trim()) names.push(collapseWhitespace(record.name));
    if (record['@graph']) visit(record['@graph']);
  };
  for (const block of blocks) {
    try {
      visit(JSON.parse(block));
    } catch {
      // invalid JSON-LD names nothing
    }
  }
  return names;
}

/**
 * Reads what a proposal may build on from a page's served HTML, with the audit's parser: the
 * content text excludes theme chrome (menus, header, footer, sidebar, forms, comments, banners).
 */
export function extractPageData(html: string, url: string): PageData {
  const facts = parsePage(html);
  const seo = seoSnapshotOf(facts, url);
  const paragraphs = facts.paragraphs.filter((p) => p.inContent).map((p) => collapseWhitespace(p.text)).filter((p) => p.length > 0);
  const links = facts.anchors.flatMap((anchor) => {
    const raw = (anchor.href ?? '').trim();
    if (!raw || raw.startsWith('#') || /^(javascript|mailto|tel):/i.test(raw)) return [];
    try {
      return [{ href: new URL(raw, url).href, text: collapseWhitespace(anchor.text) }];
    } catch {
      return [];
    }
  });
  const meta = (key: string) => facts.metas.find((m) => m.name === key || m.property === key)?.content ?? null;
  const author = meta('author');
  return {
    url,
    lang: seo.lang,
    title: seo.title,
    description: seo.metaDescription,
    h1: seo.h1,
    headings: facts.headings.filter((h) => (h.level === 2 || h.level === 3) && h.inContent).map((h) => collapseWhitespace(h.text)).filter(Boolean),
    paragraphs,
    firstParagraph: paragraphs.find((p) => p.length >= 20) ?? paragraphs[0] ?? null,
    text: collapseWhitespace(facts.contentText).slice(0, MAX_TEXT),
    chromeText: facts.chromeText.split('\n').map(collapseWhitespace).filter(Boolean).join('\n').slice(0, MAX_TEXT),
    images: seo.images,
    canonical: seo.canonical,
    robots: seo.robots,
    ogTitle: seo.ogTitle,
    ogDescription: seo.ogDescription,
    jsonLd: seo.jsonLd,
    links,
    author: author ? collapseWhitespace(author) : null,
    datePublished: facts.times[0] ?? meta('article:published_time'),
    siteNames: [...new Set([...(seo.ogSiteName ? [seo.ogSiteName] : []), ...jsonLdSiteNames(seo.jsonLd)])],
    html,
  };
}

