import { createHash } from 'node:crypto';

/**
 * Word statistics, content fingerprints and a 64-bit simhash computed in one scan over the text,
 * without allocating a string per word (the audit runs on every page of large crawls).
 */
export interface TextStats {
  wordCount: number;
  /**
   * sha1 hex of the normalised text: the sequence of case-folded words (each as its 32-bit hash), so
   * whitespace, punctuation and letter case do not change it. Null when there are no words.
   */
  contentHash: string | null;
  /** 52 bits of contentHash as a number, for compact duplicate grouping. */
  contentKey: number;
  simhashHi: number;
  simhashLo: number;
  /** Length of the text with whitespace runs collapsed to one space and trimmed. */
  collapsedLength: number;
}

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x27;
  }
  // Non-breaking space, general punctuation and CJK punctuation separate words; other non-ASCII letters join them.
  if (code === 0xa0 || (code >= 0x2000 && code <= 0x206f) || (code >= 0x3000 && code <= 0x303f) || code === 0xfeff) return false;
  if (code >= 0xa1 && code <= 0xbf) return false;
  return true;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over UTF-16 code units, for short strings (titles, URLs). */
export function fnv1a32(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** A 52-bit string hash (two independent 32-bit hashes), safe as a JS number key; collisions are negligible at 10^6 strings. */
export function hash52(text: string): number {
  const hi = fmix32(fnv1a32(text)) & 0xfffff;
  const lo = fmix32(fnv1a32(text, 0x9747b28c));
  return hi * 0x100000000 + lo;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hammingDistance64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

/** Bit planes per simhash half: counts up to 2^16 shingles, after which further shingles are ignored. */
const PLANES = 16;
const MAX_SHINGLES = (1 << PLANES) - 1;

/*
 * Simhash counters are kept "vertically" as bit planes (plane k holds bit k of all 32 counters of a
 * half), so adding a shingle costs a few word operations with carry instead of 32 counter updates.
 */

/** Bit i is set when more than half of the shingles had bit i set (the simhash majority vote). */
function majority(planes: Int32Array, offset: number, total: number): number {
  let out = 0;
  for (let bit = 0; bit < 32; bit++) {
    let count = 0;
    for (let k = 0; k < PLANES; k++) count |= ((planes[offset + k] >>> bit) & 1) << k;
    if (count * 2 > total) out |= 1 << bit;
  }
  return out >>> 0;
}

export function analyzeText(text: string): TextStats {
  const planes = new Int32Array(PLANES * 2);
  // Per-word hashes double as the normalised form of the text for the content hash.
  let wordHashes = new Uint32Array(1024);
  let wordCount = 0;
  let shingles = 0;
  let h0 = 0;
  let h1 = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  let collapsed = 0;
  let inSpace = true;
  const length = text.length;

  let revisit = false;

  for (let i = 0; i <= length; i++) {
    let code = i < length ? text.charCodeAt(i) : 0x20;
    // Fast path: consume a run of ASCII letters/digits in a tight loop (the bulk of most texts).
    if (!revisit) {
      let lower = code | 0x20;
      if ((lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27) {
        if (!inWord) {
          inWord = true;
          h = FNV_OFFSET;
        }
        const runStart = i;
        do {
          h = Math.imul(h ^ (code >= 0x41 && code <= 0x5a ? lower : code), FNV_PRIME);
          i++;
          if (i >= length) break;
          code = text.charCodeAt(i);
          lower = code | 0x20;
        } while ((lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27);
        collapsed += i - runStart;
        inSpace = false;
        i--;
        continue;
      }
    }
    if (revisit) {
      revisit = false;
    } else if (i === length) {
      // End sentinel: closes the last word, is not text.
    } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0) {
      if (!inSpace) collapsed++;
      inSpace = true;
    } else {
      collapsed++;
      inSpace = false;
    }
    let ended = false;
    let word = 0;
    if (code < 0x80) {
      if (inWord) {
        inWord = false;
        ended = true;
        word = h >>> 0;
      }
    } else if (isCjk(code)) {
      if (inWord) {
        // Close the running word first and revisit this character as a word of its own.
        inWord = false;
        ended = true;
        word = h >>> 0;
        revisit = true;
        i--;
      } else {
        ended = true;
        word = fmix32(code);
      }
    } else if (isWordChar(code)) {
      if (!inWord) {
        inWord = true;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ code, FNV_PRIME);
    } else if (inWord) {
      inWord = false;
      ended = true;
      word = h >>> 0;
    }
    if (!ended) continue;
    if (wordCount === wordHashes.length) {
      const next = new Uint32Array(wordHashes.length * 2);
      next.set(wordHashes);
      wordHashes = next;
    }
    wordHashes[wordCount++] = word;
    const prev2 = h0;
    const prev1 = h1;
    h0 = h1;
    h1 = word;
    if (wordCount < 3 || shingles >= MAX_SHINGLES) continue;
    // Word 3-shingles: order-aware, so shuffled boilerplate does not look like the same text.
    const a = fmix32((Math.imul(prev2, 0x9e3779b1) ^ Math.imul(prev1, 0x85ebca77) ^ word) >>> 0);
    const b = fmix32((a ^ 0x27d4eb2f) >>> 0);
    shingles++;
    let carry = a;
    for (let k = 0; carry !== 0 && k < PLANES; k++) {
      const plane = planes[k];
      planes[k] = plane ^ carry;
      carry &= plane;
    }
    carry = b;
    for (let k = PLANES; carry !== 0 && k < 2 * PLANES; k++) {
      const plane = planes[k];
      planes[k] = plane ^ carry;
      carry &= plane;
    }
  }
  if (inSpace && collapsed > 0) collapsed--;

  const lo = shingles > 0 ? majority(planes, 0, shingles) : 0;
  const hi = shingles > 0 ? majority(planes, PLANES, shingles) : 0;
  let contentHash: string | null = null;
  let contentKey = 0;
  if (wordCount > 0) {
    contentHash = createHash('sha1').update(new Uint8Array(wordHashes.buffer, 0, wordCount * 4)).digest('hex');
    contentKey = parseInt(contentHash.slice(0, 13), 16);
  }
  return { wordCount, contentHash, contentKey, simhashHi: hi, simhashLo: lo, collapsedLength: collapsed };
}

/** Word count and whitespace-collapsed length, without hashing (for the whole-page text). */
export function measureText(text: string): { wordCount: number; collapsedLength: number } {
  let wordCount = 0;
  let collapsed = 0;
  let inWord = false;
  let inSpace = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
    if (space) {
      if (!inSpace) collapsed++;
      inSpace = true;
    } else {
      collapsed++;
      inSpace = false;
    }
    const lower = code | 0x20;
    const wordChar = code < 0x80 ? (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27 : isWordChar(code) && !isCjk(code);
    if (code >= 0x80 && isCjk(code)) {
      if (inWord) wordCount++;
      inWord = false;
      wordCount++;
    } else if (wordChar) {
      inWord = true;
    } else if (inWord) {
      inWord = false;
      wordCount++;
    }
  }
  if (inWord) wordCount++;
  if (inSpace && collapsed > 0) collapsed--;
  return { wordCount, collapsedLength: collapsed };
}

export function collapseWhitespace(value: string): string {
  // Most values are already clean; checking is much cheaper than a regex replace.
  let clean = true;
  let previousSpace = true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x20) {
      if (previousSpace) {
        clean = false;
        break;
      }
      previousSpace = true;
    } else if (code <= 0x0d && code >= 0x09) {
      clean = false;
      break;
    } else if (code > 0x7f && /\s/.test(value[i])) {
      clean = false;
      break;
    } else {
      previousSpace = false;
    }
  }
  if (clean && !previousSpace) return value;
  if (clean && value.length === 0) return value;
  return value.replace(/\s+/g, ' ').trim();
}

export function truncate(value: string, max = 300): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/**
 * Approximate rendered width in pixels of Arial at the given size. Widths are Arial's advance widths
 * (units of 1/1000 em) for printable ASCII; other scripts use an average Latin width, CJK a full em.
 */
const ARIAL_WIDTHS: number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];

export function estimatePixelWidth(text: string, fontPx: number): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) units += ARIAL_WIDTHS[code - 0x20];
    else if (isCjk(code) || (code >= 0xac00 && code <= 0xd7af)) units += 1000;
    else units += 556;
  }
  return Math.round((units * fontPx) / 1000);
}
