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
  /** Where the first "lorem ipsum" (placeholder text) starts, or -1. */
  loremIpsumAt: number;
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

/** Shingles counted per text at most; further shingles are ignored (the vote is settled by then). */
const MAX_SHINGLES = (1 << 16) - 1;

/*
 * Simhash vote counters. Bit b of a 32-bit shingle hash is counted in a 4-bit lane of one of four
 * words (word b & 3, lane b >> 2), so adding a shingle costs four shift-mask-adds per half instead of
 * 32 counter updates. Lanes overflow after 15 additions, so every 15 shingles they are flushed into
 * full per-bit totals.
 */
const LANE_MASK = 0x11111111;
const FLUSH_EVERY = 15;

function flushLanes(lanes: Int32Array, totals: Int32Array): void {
  for (let half = 0; half < 2; half++) {
    for (let j = 0; j < 4; j++) {
      const word = lanes[half * 4 + j] ?? 0;
      if (word === 0) continue;
      for (let lane = 0; lane < 8; lane++) {
        const t = half * 32 + lane * 4 + j;
        totals[t] = (totals[t] ?? 0) + ((word >>> (lane * 4)) & 0xf);
      }
      lanes[half * 4 + j] = 0;
    }
  }
}

/** Bit i is set when more than half of the shingles had bit i set (the simhash majority vote). */
function majority(totals: Int32Array, offset: number, total: number): number {
  let out = 0;
  for (let bit = 0; bit < 32; bit++) if ((totals[offset + bit] ?? 0) * 2 > total) out |= 1 << bit;
  return out >>> 0;
}

/**
 * ASCII character table: the case-folded code for word characters (letters lower-cased, digits and
 * apostrophe as is), WS for whitespace, 0 for separators (punctuation, symbols). One lookup per
 * character in the hot loop.
 */
const WS = 0xff;
const ASCII_WORD = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) table[code] = lower;
    else if ((code >= 0x30 && code <= 0x39) || code === 0x27) table[code] = code;
    else if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) table[code] = WS;
  }
  return table;
})();

function foldedFnv(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
/** Placeholder text is found from the word hashes of the scan (and confirmed on the text). */
const LOREM = foldedFnv('lorem');
const IPSUM = foldedFnv('ipsum');

/*
 * Scratch buffers reused across calls: the audit analyses one text at a time per thread, and
 * allocating (and zeroing) them per page showed up as garbage-collector work on large crawls.
 */
const scratchLanes = new Int32Array(8);
const scratchTotals = new Int32Array(64);
const MAX_SCRATCH_WORDS = 1 << 18;
let scratchWords = new Uint32Array(16_384);

export function analyzeText(text: string): TextStats {
  const lanes = scratchLanes;
  const totals = scratchTotals;
  lanes.fill(0);
  totals.fill(0);
  let sinceFlush = 0;
  // Per-word hashes double as the normalised form of the text for the content hash.
  let wordHashes = scratchWords;
  let wordCount = 0;
  let shingles = 0;
  let prev2 = 0;
  let prev1 = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  let collapsed = 0;
  let inSpace = true;
  let wordStart = 0;
  let prevStart = 0;
  let loremAt = -1;
  const length = text.length;

  // One pass; `first` and `second` hold up to two finished words (a word closed by a CJK character,
  // then the character itself), which the shared tail below records in order.
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 0x20;
    let first = -1;
    let second = -1;
    if (code < 0x80) {
      let folded = ASCII_WORD[code] ?? 0;
      if (folded !== 0 && folded !== WS) {
        if (!inWord) {
          inWord = true;
          h = FNV_OFFSET;
          wordStart = i;
        }
        // Consume the whole run of ASCII word characters here (the bulk of most texts).
        const runStart = i;
        for (;;) {
          h = Math.imul(h ^ folded, FNV_PRIME);
          if (++i >= length) break;
          const c = text.charCodeAt(i);
          if (c >= 0x80) break;
          folded = ASCII_WORD[c] ?? 0;
          if (folded === 0 || folded === WS) break;
        }
        collapsed += i - runStart;
        inSpace = false;
        i--;
        continue;
      }
      // The end sentinel (i === length) closes the last word but is not text.
      if (i < length) {
        if (folded === WS) {
          if (!inSpace) collapsed++;
          inSpace = true;
        } else {
          collapsed++;
          inSpace = false;
        }
      }
      if (!inWord) continue;
      inWord = false;
      first = h >>> 0;
    } else {
      if (code === 0xa0) {
        if (!inSpace) collapsed++;
        inSpace = true;
      } else {
        collapsed++;
        inSpace = false;
      }
      if (isCjk(code)) {
        // Each CJK character is a word of its own; a running word ends before it.
        if (inWord) {
          inWord = false;
          first = h >>> 0;
          second = fmix32(code);
        } else first = fmix32(code);
      } else if (isWordChar(code)) {
        if (!inWord) {
          inWord = true;
          h = FNV_OFFSET;
          wordStart = i;
        }
        h = Math.imul(h ^ code, FNV_PRIME);
        continue;
      } else if (inWord) {
        inWord = false;
        first = h >>> 0;
      } else continue;
    }
    for (let k = 0; k < 2; k++) {
      const word = k === 0 ? first : second;
      if (word < 0) break;
      if (wordCount === wordHashes.length) {
        const next = new Uint32Array(wordHashes.length * 2);
        next.set(wordHashes);
        wordHashes = next;
        // Keep a grown buffer for the next text, unless it is too big to hold on to.
        if (next.length <= MAX_SCRATCH_WORDS) scratchWords = next;
      }
      wordHashes[wordCount++] = word;
      const p2 = prev2;
      const p1 = prev1;
      prev2 = prev1;
      prev1 = word;
      if (word === IPSUM && p1 === LOREM && loremAt < 0 && k === 0 && isLoremIpsum(text, prevStart, wordStart)) loremAt = prevStart;
      prevStart = k === 0 ? wordStart : i;
      if (wordCount < 3 || shingles >= MAX_SHINGLES) continue;
      // Word 3-shingles: order-aware, so shuffled boilerplate does not look like the same text.
      const a = fmix32((Math.imul(p2, 0x9e3779b1) ^ Math.imul(p1, 0x85ebca77) ^ word) >>> 0);
      const b = fmix32((a ^ 0x27d4eb2f) >>> 0);
      shingles++;
      lanes[0] = (lanes[0] ?? 0) + (a & LANE_MASK);
      lanes[1] = (lanes[1] ?? 0) + ((a >>> 1) & LANE_MASK);
      lanes[2] = (lanes[2] ?? 0) + ((a >>> 2) & LANE_MASK);
      lanes[3] = (lanes[3] ?? 0) + ((a >>> 3) & LANE_MASK);
      lanes[4] = (lanes[4] ?? 0) + (b & LANE_MASK);
      lanes[5] = (lanes[5] ?? 0) + ((b >>> 1) & LANE_MASK);
      lanes[6] = (lanes[6] ?? 0) + ((b >>> 2) & LANE_MASK);
      lanes[7] = (lanes[7] ?? 0) + ((b >>> 3) & LANE_MASK);
      if (++sinceFlush === FLUSH_EVERY) {
        flushLanes(lanes, totals);
        sinceFlush = 0;
      }
    }
  }
  if (inSpace && collapsed > 0) collapsed--;
  flushLanes(lanes, totals);

  const lo = shingles > 0 ? majority(totals, 0, shingles) : 0;
  const hi = shingles > 0 ? majority(totals, 32, shingles) : 0;
  let contentHash: string | null = null;
  let contentKey = 0;
  if (wordCount > 0) {
    contentHash = createHash('sha1').update(new Uint8Array(wordHashes.buffer, 0, wordCount * 4)).digest('hex');
    contentKey = parseInt(contentHash.slice(0, 13), 16);
  }
  return { wordCount, contentHash, contentKey, simhashHi: hi, simhashLo: lo, collapsedLength: collapsed, loremIpsumAt: loremAt };
}

/** "lorem" at `lorem` and "ipsum" at `ipsum` (any case), with only whitespace between them. */
function isLoremIpsum(text: string, lorem: number, ipsum: number): boolean {
  if (text.slice(lorem, lorem + 5).toLowerCase() !== 'lorem' || text.slice(ipsum, ipsum + 5).toLowerCase() !== 'ipsum') return false;
  return ipsum > lorem + 5 && /^\s+$/.test(text.slice(lorem + 5, ipsum));
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
    } else if (code > 0x7f && /\s/.test(value[i] ?? '')) {
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
    if (code >= 0x20 && code <= 0x7e) units += (ARIAL_WIDTHS[code - 0x20] ?? 0);
    else if (isCjk(code) || (code >= 0xac00 && code <= 0xd7af)) units += 1000;
    else units += 556;
  }
  return Math.round((units * fontPx) / 1000);
}
