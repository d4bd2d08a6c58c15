import { Parser } from 'htmlparser2';
import { collapseWhitespace } from '../text/text-stats';
import { parsePage, type PageFacts } from './page-parser';

/** The SEO-relevant parts of a served HTML page, as a crawler reads them (before any JavaScript). */
export interface PageSeoSnapshot {
  lang: string | null;
  /** First <title> in <head> (else the first one), whitespace collapsed, as the audit reads it. */
  title: string | null;
  metaDescription: string | null;
  robots: string | null;
  canonical: string | null;
  ogTitle: string | null;
  ogDescription: string | null;
  ogSiteName: string | null;
  /** Text of every <h1>, in document order. */
  h1: string[];
  images: Array<{ src: string; alt: string | null }>;
  jsonLd: string[];
  scripts: Array<{ src: string | null; attrs: Record<string, string> }>;
}

function absolute(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

function metaContent(facts: PageFacts, key: string): string | null {
  const metas = facts.metas.filter((meta) => meta.name === key || meta.property === key);
  const meta = metas.find((m) => m.inHead) ?? metas[0];
  return meta === undefined ? null : collapseWhitespace(meta.content ?? '');
}

/** The snapshot of already parsed facts (see readPageSeo). */
export function seoSnapshotOf(facts: PageFacts, baseUrl?: string): PageSeoSnapshot {
  const title = facts.titles.find((t) => t.inHead) ?? facts.titles[0];
  const canonical = facts.links.find((link) => link.inHead && link.rel.includes('canonical') && link.href !== null)
    ?? facts.links.find((link) => link.rel.includes('canonical') && link.href !== null);
  return {
    lang: facts.htmlLang,
    title: title === undefined ? null : collapseWhitespace(title.text),
    metaDescription: metaContent(facts, 'description'),
    robots: metaContent(facts, 'robots'),
    canonical: canonical ? absolute(canonical.href!.trim(), baseUrl) : null,
    ogTitle: metaContent(facts, 'og:title'),
    ogDescription: metaContent(facts, 'og:description'),
    ogSiteName: metaContent(facts, 'og:site_name'),
    h1: facts.headings.filter((h) => h.level === 1).map((h) => collapseWhitespace(h.text)),
    images: facts.images.map((image) => ({ src: absolute(image.src ?? '', baseUrl), alt: image.alt })),
    jsonLd: facts.jsonLd.map((block) => block.text.trim()),
    scripts: facts.scripts.map((script) => ({ src: script.src ? absolute(script.src, baseUrl) : null, attrs: script.attribs })),
  };
}

/** Reads title, meta description, robots, canonical, Open Graph, h1, image alts and JSON-LD with the audit's parser. */
export function readPageSeo(html: string, baseUrl?: string): PageSeoSnapshot {
  return seoSnapshotOf(parsePage(html), baseUrl);
}

/** Decodes every HTML character reference (named, decimal, hex) the way the audit's parser reads text. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  const parser = new Parser({ ontext: (data) => void (out += data) }, { decodeEntities: true });
  // Only references are decoded: a "<" is kept as text, not read as a tag.
  parser.end(text.replace(/</g, '&lt;'));
  return out;
}
