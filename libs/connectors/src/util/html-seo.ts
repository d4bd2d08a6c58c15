import { decodeEntities } from './html-img';

/** The SEO-relevant parts of a served HTML page, as a crawler would read them (before any JavaScript). */
export interface PageSeoSnapshot {
  title: string | null;
  metaDescription: string | null;
  robots: string | null;
  canonical: string | null;
  ogTitle: string | null;
  ogDescription: string | null;
  /** Text of every <h1>, in document order. */
  h1: string[];
  images: Array<{ src: string; alt: string | null }>;
  jsonLd: string[];
  scripts: Array<{ src: string | null; attrs: Record<string, string | null> }>;
}

// One pass over the document; raw-text elements are consumed whole so markup inside them is not
// mistaken for tags, and comments are skipped.
const TOKEN =
  /<!--[\s\S]*?-->|<(script|style|title|h1|textarea)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>|<(meta|link|img)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function parseAttributes(text: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(text)) !== null) {
    const name = m[1].toLowerCase();
    if (name in out) continue; // HTML keeps the first of duplicated attributes
    const raw = m[2] ?? m[3] ?? m[4];
    out[name] = raw === undefined ? null : decodeEntities(raw);
  }
  return out;
}

function text(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads title, meta description, robots, canonical, Open Graph, h1, image alts and JSON-LD from HTML. */
export function extractSeoFromHtml(html: string, baseUrl?: string): PageSeoSnapshot {
  const out: PageSeoSnapshot = {
    title: null,
    metaDescription: null,
    robots: null,
    canonical: null,
    ogTitle: null,
    ogDescription: null,
    h1: [],
    images: [],
    jsonLd: [],
    scripts: [],
  };
  const abs = (u: string) => {
    if (!baseUrl) return u;
    try {
      return new URL(u, baseUrl).href;
    } catch {
      return u;
    }
  };
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(html)) !== null) {
    if (m[0].startsWith('<!--')) continue;
    const rawTag = (m[1] ?? m[4] ?? '').toLowerCase();
    const attrs = parseAttributes(m[2] ?? m[5] ?? '');
    switch (rawTag) {
      case 'title':
        if (out.title === null) out.title = text(m[3] ?? '');
        break;
      case 'h1':
        out.h1.push(text(m[3] ?? ''));
        break;
      case 'script': {
        out.scripts.push({ src: attrs['src'] ? abs(attrs['src']) : null, attrs });
        if ((attrs['type'] ?? '').toLowerCase() === 'application/ld+json') out.jsonLd.push((m[3] ?? '').trim());
        break;
      }
      case 'meta': {
        const name = (attrs['name'] ?? attrs['property'] ?? '').toLowerCase();
        const content = attrs['content'] ?? '';
        if (name === 'description' && out.metaDescription === null) out.metaDescription = content;
        else if (name === 'robots' && out.robots === null) out.robots = content;
        else if (name === 'og:title' && out.ogTitle === null) out.ogTitle = content;
        else if (name === 'og:description' && out.ogDescription === null) out.ogDescription = content;
        break;
      }
      case 'link': {
        const rel = (attrs['rel'] ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical') && out.canonical === null && attrs['href']) out.canonical = abs(attrs['href']);
        break;
      }
      case 'img':
        out.images.push({ src: abs(attrs['src'] ?? ''), alt: 'alt' in attrs ? (attrs['alt'] ?? '') : null });
        break;
      default:
        break;
    }
  }
  return out;
}
