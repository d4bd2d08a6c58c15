import { createHash } from 'node:crypto';
import type { SeoField } from '../types';
import { SNIPPET_RUNTIME } from './snippet-runtime';

/** The fields a script running in the page can change. */
export const SNIPPET_FIELDS = ['title', 'metaDescription', 'imageAlt', 'canonical', 'robots', 'ogTitle', 'ogDescription', 'jsonLd'] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];

/** An active fix for a snippet site, as the API stores it. */
export interface SnippetFix {
  id: string;
  /** The page the fix applies to; a query string limits it to that exact query. */
  pageUrl: string;
  field: SeoField;
  /**
   * imageAlt: the image src (absolute, or starting with "/" or "//") or a CSS selector;
   * jsonLd: a key that names the block (defaults to the fix id).
   */
  target?: string | null;
  value: string;
}

export interface SnippetSkip {
  id: string;
  reason: string;
}

export interface SnippetBuild {
  script: string;
  etag: string;
  /** Ids of the fixes in the payload. */
  included: string[];
  skipped: SnippetSkip[];
}

const CODE: Record<SnippetField, string> = {
  title: 't',
  metaDescription: 'd',
  robots: 'r',
  canonical: 'c',
  ogTitle: 'ot',
  ogDescription: 'od',
  imageAlt: 'a',
  jsonLd: 'j',
};
const ORDER = Object.keys(CODE);

/**
 * How the snippet identifies a page: host without "www." (lower case), path with upper-case
 * percent escapes and no trailing slash, then the query string if there is one. Scheme, port 80/443
 * and the fragment are ignored. null for anything that is not an http(s) URL.
 */
export function snippetPageKey(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  let path = u.pathname.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';
  const search = u.search === '?' ? '' : u.search;
  return `${u.host.toLowerCase().replace(/^www\./, '')}${path}${search}`;
}

/**
 * JSON that stays inert wherever the script ends up, including inline in an HTML <script>:
 * "<" and ">" cannot form "</script>" or "<!--", "&" cannot start an entity in XHTML, and U+2028/2029
 * are not line terminators to older JavaScript engines.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Builds the snippet for a site's active fixes. When two fixes target the same page, field and
 * target, the later one in `fixes` wins. Output is deterministic for the same set of fixes, so the
 * ETag changes only when what the browser would do changes.
 */
export function buildSnippet(fixes: readonly SnippetFix[]): SnippetBuild {
  const skipped: SnippetSkip[] = [];
  const slots = new Map<string, { page: string; code: string; target: string; value: string; id: string }>();
  for (const fix of fixes) {
    if (!(SNIPPET_FIELDS as readonly string[]).includes(fix.field)) {
      skipped.push({ id: fix.id, reason: `The snippet cannot change ${fix.field}` });
      continue;
    }
    const page = snippetPageKey(fix.pageUrl);
    if (page === null) {
      skipped.push({ id: fix.id, reason: `"${fix.pageUrl}" is not an http(s) URL` });
      continue;
    }
    if (typeof fix.value !== 'string') {
      skipped.push({ id: fix.id, reason: 'The value is not a string' });
      continue;
    }
    const field = fix.field as SnippetField;
    let target = (fix.target ?? '').trim();
    if (field === 'imageAlt' && target === '') {
      skipped.push({ id: fix.id, reason: 'An image alt fix needs the image src or a CSS selector' });
      continue;
    }
    if (field === 'jsonLd') {
      try {
        JSON.parse(fix.value);
      } catch {
        skipped.push({ id: fix.id, reason: 'The JSON-LD value is not valid JSON' });
        continue;
      }
      if (target === '') target = fix.id;
    }
    const slotKey = `${page}\u0000${field}\u0000${field === 'imageAlt' || field === 'jsonLd' ? target : ''}`;
    slots.delete(slotKey); // re-insert so the later fix also wins the ordering
    slots.set(slotKey, { page, code: CODE[field], target: field === 'imageAlt' || field === 'jsonLd' ? target : '', value: fix.value, id: fix.id });
  }
  const entries = [...slots.values()].sort(
    (a, b) =>
      cmp(a.page, b.page) ||
      ORDER.indexOf(fieldOf(a.code)) - ORDER.indexOf(fieldOf(b.code)) ||
      cmp(a.target, b.target) ||
      cmp(a.id, b.id),
  );
  const data: Record<string, Array<[string, string, string]>> = {};
  for (const e of entries) (data[e.page] ??= []).push([e.code, e.target, e.value]);
  const json = scriptSafeJson(data);
  // A function replacement: a string one would interpret "$&" and friends inside the data.
  const script = SNIPPET_RUNTIME.replace('__SEOLOGY_DATA__', () => json);
  return { script, etag: snippetEtag(script), included: entries.map((e) => e.id), skipped };
}

/** The snippet JavaScript for these fixes (see buildSnippet). */
export function renderSnippet(fixes: readonly SnippetFix[]): string {
  return buildSnippet(fixes).script;
}

/** Strong ETag of a payload: identical bytes, identical tag. */
export function snippetEtag(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 43)}"`;
}

/** If-None-Match evaluation (weak comparison, as RFC 9110 prescribes for it): true means answer 304. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(etag));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fieldOf(code: string): string {
  return (Object.keys(CODE) as SnippetField[]).find((f) => CODE[f] === code) as string;
}
