import { Parser } from 'htmlparser2';

/** One change of a page's SEO markup, as a platform would make it. */
export type PageEdit =
  | { kind: 'title'; value: string }
  | { kind: 'meta'; key: 'description' | 'robots' | 'og:title' | 'og:description'; value: string }
  | { kind: 'canonical'; href: string }
  | { kind: 'h1'; value: string }
  | { kind: 'imageAlt'; src: string; alt: string; baseUrl: string }
  | { kind: 'jsonLd'; json: string; type?: string };

interface Range {
  start: number;
  end: number;
}

interface Located {
  title: Range | null;
  metas: Array<Range & { key: string; attribs: Record<string, string> }>;
  canonical: (Range & { attribs: Record<string, string> }) | null;
  h1: Range | null;
  images: Array<Range & { attribs: Record<string, string> }>;
  jsonLd: Array<Range & { text: string }>;
  headEnd: number;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tag(name: string, attribs: Record<string, string>): string {
  return `<${name}${Object.entries(attribs).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}>`;
}

/** Positions of the elements an edit touches, read with the same tokenizer options as the audit. */
function locate(html: string): Located {
  const out: Located = { title: null, metas: [], canonical: null, h1: null, images: [], jsonLd: [], headEnd: -1 };
  let titleStart = -1;
  let h1Start = -1;
  let h1Depth = 0;
  let script: { start: number; inner: number; ld: boolean } | null = null;
  let bodyStart = -1;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        switch (name) {
          case 'title':
            if (out.title === null && titleStart < 0) titleStart = end;
            break;
          case 'meta': {
            const key = (attribs.name ?? attribs.property ?? '').toLowerCase();
            if (key) out.metas.push({ start, end, key, attribs });
            break;
          }
          case 'link':
            if (out.canonical === null && (attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) out.canonical = { start, end, attribs };
            break;
          case 'h1':
            if (out.h1 === null && h1Start < 0) h1Start = end;
            if (h1Start >= 0) h1Depth++;
            break;
          case 'img':
            out.images.push({ start, end, attribs });
            break;
          case 'script':
            script = { start, inner: end, ld: (attribs.type ?? '').trim().toLowerCase() === 'application/ld+json' };
            break;
          case 'body':
            if (bodyStart < 0) bodyStart = start;
            break;
          default:
        }
      },
      ontext(text) {
        if (script?.ld) out.jsonLd.push({ start: script.start, end: -1, text });
      },
      onclosetag(name, implied) {
        if (implied) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (name === 'title' && titleStart >= 0 && out.title === null) out.title = { start: titleStart, end: start };
        if (name === 'h1' && h1Start >= 0 && out.h1 === null && --h1Depth === 0) out.h1 = { start: h1Start, end: start };
        if (name === 'head' && out.headEnd < 0) out.headEnd = start;
        if (name === 'script' && script) {
          const last = out.jsonLd[out.jsonLd.length - 1];
          if (script.ld && last && last.start === script.start) last.end = end;
          else if (script.ld) out.jsonLd.push({ start: script.start, end, text: '' });
          script = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (out.headEnd < 0) out.headEnd = bodyStart >= 0 ? bodyStart : 0;
  return out;
}

function splice(html: string, range: Range, replacement: string): string {
  return html.slice(0, range.start) + replacement + html.slice(range.end);
}

function samePath(a: string, b: string, baseUrl: string): boolean {
  try {
    const x = new URL(a, baseUrl);
    const y = new URL(b, baseUrl);
    return x.host === y.host && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/**
 * A copy of the page's HTML with one SEO change made, the way the platform would render it: the
 * element is replaced in place, or added to <head> when missing. Everything else stays byte-equal.
 */
export function editPage(html: string, edit: PageEdit): string {
  const at = locate(html);
  const insert = (markup: string) => html.slice(0, at.headEnd) + markup + html.slice(at.headEnd);
  switch (edit.kind) {
    case 'title':
      return at.title ? splice(html, at.title, escapeText(edit.value)) : insert(`<title>${escapeText(edit.value)}</title>`);
    case 'meta': {
      const attr = edit.key.startsWith('og:') ? 'property' : 'name';
      const existing = at.metas.find((m) => m.key === edit.key);
      const markup = existing ? tag('meta', { ...existing.attribs, content: edit.value }) : tag('meta', { [attr]: edit.key, content: edit.value });
      return existing ? splice(html, existing, markup) : insert(markup);
    }
    case 'canonical':
      return at.canonical ? splice(html, at.canonical, tag('link', { ...at.canonical.attribs, href: edit.href })) : insert(tag('link', { rel: 'canonical', href: edit.href }));
    case 'h1':
      return at.h1 ? splice(html, at.h1, escapeText(edit.value)) : html;
    case 'imageAlt': {
      const image = at.images.find((i) => samePath(i.attribs.src ?? '', edit.src, edit.baseUrl));
      return image ? splice(html, image, tag('img', { ...image.attribs, alt: edit.alt })) : html;
    }
    case 'jsonLd': {
      const markup = `<script type="application/ld+json">${edit.json.replace(/<\//g, '<\\/')}</script>`;
      const typed = edit.type ? at.jsonLd.find((block) => block.end > 0 && block.text.includes(`"${edit.type}"`)) : undefined;
      return typed ? splice(html, typed, markup) : insert(markup);
    }
  }
}
