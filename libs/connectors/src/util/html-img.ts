/**
 * Finds and edits <img> tags inside stored post HTML without re-serialising the document: only the
 * alt attribute of one tag changes, so block markup, whitespace and everything else stay byte-equal
 * (the block editor flags blocks whose saved HTML it cannot reproduce).
 */

import { decodeHtmlEntities } from '@seology/audit';

export interface HtmlAttr {
  name: string;
  /** Decoded value; null for a bare attribute (`<img alt>`). */
  value: string | null;
  /** Offsets of the whole `name="value"` text, relative to the tag. */
  start: number;
  end: number;
}

export interface ImgTag {
  /** Offsets in the document. */
  start: number;
  end: number;
  raw: string;
  attrs: HtmlAttr[];
}

const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The audit parser's decoder: every named, decimal and hex reference, not a hand-picked few. */
export function decodeEntities(s: string): string {
  return decodeHtmlEntities(s);
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function parseAttrs(tag: string): HtmlAttr[] {
  const attrs: HtmlAttr[] = [];
  const inner = tag.slice(4); // after "<img"
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(inner)) !== null) {
    const raw = m[2] ?? m[3] ?? m[4];
    attrs.push({
      name: (m[1] ?? '').toLowerCase(),
      value: raw === undefined ? null : decodeEntities(raw),
      start: m.index + 4,
      end: m.index + 4 + m[0].length,
    });
  }
  return attrs;
}

export function findImgTags(html: string): ImgTag[] {
  const out: ImgTag[] = [];
  IMG_TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IMG_TAG.exec(html)) !== null) {
    out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], attrs: parseAttrs(m[0]) });
  }
  return out;
}

export function attr(tag: ImgTag, name: string): string | null | undefined {
  const a = tag.attrs.find((x) => x.name === name);
  return a === undefined ? undefined : a.value;
}

/** Alt as a person reads it: null when the attribute is absent, "" for a bare or empty alt. */
export function imgAlt(tag: ImgTag): string | null {
  const v = attr(tag, 'alt');
  return v === undefined ? null : (v ?? '');
}

/** The tag with its alt replaced (null removes the attribute). */
export function withAlt(tag: ImgTag, alt: string | null): string {
  const existing = tag.attrs.find((x) => x.name === 'alt');
  if (existing) {
    if (alt === null) {
      // Take the whitespace before the attribute with it so no double space is left.
      let s = existing.start;
      while (s > 4 && /\s/.test(tag.raw[s - 1] ?? '')) s--;
      return tag.raw.slice(0, s) + tag.raw.slice(existing.end);
    }
    return `${tag.raw.slice(0, existing.start)}alt="${escapeAttr(alt)}"${tag.raw.slice(existing.end)}`;
  }
  if (alt === null) return tag.raw;
  return `<img alt="${escapeAttr(alt)}"${tag.raw.slice(4)}`;
}

export function replaceTag(html: string, tag: ImgTag, replacement: string): string {
  return html.slice(0, tag.start) + replacement + html.slice(tag.end);
}
