import { extractSeoFromHtml } from '@seology/connectors';
import type { PageData } from './types';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&([a-z0-9#]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m);
}

export function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Reads what a proposal may build on from a page's served HTML. */
export function extractPageData(html: string, url: string): PageData {
  const seo = extractSeoFromHtml(html, url);
  const lang = /<html\b[^>]*\blang\s*=\s*["']?([A-Za-z0-9-]+)/i.exec(html)?.[1] ?? null;
  const body = (/<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html).replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const headings = [...body.matchAll(/<h[23]\b[^>]*>([\s\S]*?)<\/h[23]\s*>/gi)].map((m) => textOf(m[1]!)).filter(Boolean);
  const paragraphs = [...body.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi)].map((m) => textOf(m[1]!)).filter((p) => p.length > 0);
  const links = [...body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)].flatMap((m) => {
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1]!);
    const raw = href ? decode(href[1] ?? href[2] ?? href[3] ?? '').trim() : '';
    if (!raw || raw.startsWith('#') || /^(javascript|mailto|tel):/i.test(raw)) return [];
    try {
      return [{ href: new URL(raw, url).href, text: textOf(m[2]!) }];
    } catch {
      return [];
    }
  });
  const author = /<meta\s+name=["']author["']\s+content=["']([^"']+)["']/i.exec(html)?.[1] ?? null;
  const datePublished = /<time\b[^>]*datetime=["']([^"']+)["']/i.exec(html)?.[1]
    ?? /<meta\s+property=["']article:published_time["']\s+content=["']([^"']+)["']/i.exec(html)?.[1] ?? null;
  return {
    url,
    lang,
    title: seo.title,
    description: seo.metaDescription,
    h1: seo.h1,
    headings,
    firstParagraph: paragraphs.find((p) => p.length >= 20) ?? paragraphs[0] ?? null,
    text: textOf(body).slice(0, 20_000),
    images: seo.images,
    canonical: seo.canonical,
    robots: seo.robots,
    ogTitle: seo.ogTitle,
    ogDescription: seo.ogDescription,
    jsonLd: seo.jsonLd,
    links,
    author: author ? decode(author) : null,
    datePublished,
  };
}
