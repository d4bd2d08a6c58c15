/**
 * Decoding HTML bytes to text: charset from the Content-Type header, then a byte-order mark, then
 * a <meta charset> / http-equiv declaration in the first 1024 bytes (where the HTML standard
 * requires it to be), else UTF-8. Labels go through TextDecoder, so "latin1" and "iso-8859-1"
 * decode as windows-1252 as browsers do.
 */

import { TextDecoder } from 'node:util';

// WHATWG maps latin1/iso-8859-1/ascii labels to windows-1252, whose 0x80-0x9F range holds
// printable characters (€, smart quotes, …). Node 20's TextDecoder decodes that range as C1
// controls, so this range is mapped here.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(body: Buffer): string {
  const text = body.toString('latin1');
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0))) : text;
}

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  const key = label.trim().toLowerCase();
  let d = decoders.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(key);
    } catch {
      d = null;
    }
    decoders.set(key, d);
  }
  return d;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType);
  return m?.[1] ?? null;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)/i;

export function sniffMetaCharset(head: Buffer): string | null {
  const text = head.toString('latin1', 0, Math.min(head.length, 1024));
  const m = META_CHARSET.exec(text);
  return m?.[1] ?? null;
}

export interface DecodedHtml {
  text: string;
  charset: string;
}

export function decodeHtml(body: Buffer, contentType: string | null): DecodedHtml {
  let label = charsetFromContentType(contentType);
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = 'utf-8';
  else if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) label = 'utf-16le';
  else if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) label = 'utf-16be';
  if (!label || !decoderFor(label)) label = sniffMetaCharset(body) ?? 'utf-8';
  const lower = label.toLowerCase();
  if (lower === 'utf-8' || lower === 'utf8') {
    // Buffer's decoder is the fast path; strip the BOM the same way TextDecoder would.
    const start = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
    return { text: body.toString('utf8', start), charset: 'utf-8' };
  }
  const d = decoderFor(lower);
  if (!d) return { text: body.toString('utf8'), charset: 'utf-8' };
  if (d.encoding === 'windows-1252') return { text: decodeWindows1252(body), charset: 'windows-1252' };
  return { text: d.decode(body), charset: d.encoding };
}

/** HTML by Content-Type, or when there is none, by a leading markup sniff. */
export function isHtmlResponse(contentType: string | null, head?: Buffer): boolean {
  if (contentType) {
    const mime = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    return mime === 'text/html' || mime === 'application/xhtml+xml';
  }
  if (!head) return true; // unknown until the body is seen; read it and sniff then
  const start = head.toString('latin1', 0, Math.min(head.length, 512)).trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}
