/**
 * Compact storage for per-URL and per-page state. Everything is typed arrays so a 100k-page crawl
 * costs a few bytes per page per column, and everything round-trips through JSON (base64) so a
 * cancelled crawl can be resumed from a snapshot.
 */

type TypedArray = Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T; new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number };

export function grow<T extends TypedArray>(array: T, ctor: TypedArrayCtor<T>, minLength: number, fill?: number): T {
  if (array.length >= minLength) return array;
  let length = Math.max(16, array.length);
  while (length < minLength) length = Math.ceil(length * 1.5);
  const next = new ctor(length);
  next.set(array);
  if (fill !== undefined && fill !== 0) next.fill(fill, array.length);
  return next;
}

export function encodeArray(array: TypedArray, length: number): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, length * array.BYTES_PER_ELEMENT);
  return bytes.toString('base64');
}

export function decodeArray<T extends TypedArray>(encoded: string, ctor: TypedArrayCtor<T>, capacity: number, fill?: number): T {
  const bytes = Buffer.from(encoded, 'base64');
  // Copy into a fresh buffer: the one behind Buffer.from may not be aligned for 4/8-byte views.
  const aligned = new ArrayBuffer(bytes.length);
  new Uint8Array(aligned).set(bytes);
  const view = new ctor(aligned);
  const out = new ctor(Math.max(capacity, view.length, 16));
  if (fill !== undefined && fill !== 0) out.fill(fill);
  out.set(view);
  return out;
}

/** Append-only list of uint32 values in fixed-size chunks: no large re-allocation spikes while a crawl grows. */
export class ChunkedU32List {
  private static readonly CHUNK_BITS = 16;
  private static readonly CHUNK_SIZE = 1 << ChunkedU32List.CHUNK_BITS;
  private static readonly MASK = ChunkedU32List.CHUNK_SIZE - 1;
  private chunks: Uint32Array[] = [];
  private used = 0;

  get length(): number {
    return this.used;
  }

  push(value: number): void {
    const chunkIndex = this.used >>> ChunkedU32List.CHUNK_BITS;
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined) {
      chunk = new Uint32Array(ChunkedU32List.CHUNK_SIZE);
      this.chunks.push(chunk);
    }
    chunk[this.used & ChunkedU32List.MASK] = value >>> 0;
    this.used++;
  }

  get(index: number): number {
    return this.chunks[index >>> ChunkedU32List.CHUNK_BITS]?.[index & ChunkedU32List.MASK] ?? 0;
  }

  encode(): string {
    const flat = new Uint32Array(this.used);
    for (const [i, chunk] of this.chunks.entries()) {
      const start = i * ChunkedU32List.CHUNK_SIZE;
      const count = Math.min(ChunkedU32List.CHUNK_SIZE, this.used - start);
      if (count <= 0) break;
      flat.set(chunk.subarray(0, count), start);
    }
    return encodeArray(flat, this.used);
  }

  static decode(encoded: string): ChunkedU32List {
    const list = new ChunkedU32List();
    const count = Buffer.from(encoded, 'base64').length / 4;
    const flat = decodeArray(encoded, Uint32Array, 0);
    for (let i = 0; i < count; i++) list.push(flat[i] ?? 0);
    return list;
  }

  bytes(): number {
    return this.chunks.length * ChunkedU32List.CHUNK_SIZE * 4;
  }
}

/**
 * Open-addressing map from a 52-bit number key to a non-negative int, in typed arrays
 * (a JS Map of heap-number keys costs ~50 bytes per entry; this costs ~24 at 50% load).
 */
export class NumberIntMap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(Number.NaN);
    this.values = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // Mix both halves of the key into the start slot.
    let i = ((key % 0x7fffffff) ^ Math.floor(key / 0x100000000)) & mask;
    while (true) {
      const existing = this.keys[i];
      if (existing !== existing /* NaN: empty */ || existing === key) return i;
      i = (i + 1) & mask;
    }
  }

  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i] : undefined;
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const i = this.slot(key);
    if (this.keys[i] !== key) {
      this.keys[i] = key;
      this.count++;
    }
    this.values[i] = value;
  }

  private rehash(size: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(size).fill(Number.NaN);
    this.values = new Int32Array(size);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] ?? 0;
      if (key === key) {
        const slot = this.slot(key);
        this.keys[slot] = key;
        this.values[slot] = oldValues[i] ?? 0;
        this.count++;
      }
    }
  }

  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === this.keys[i]) out.push([this.keys[i] ?? 0, this.values[i] ?? 0]);
    return out;
  }

  static fromEntries(entries: [number, number][]): NumberIntMap {
    const map = new NumberIntMap(Math.max(1024, entries.length));
    for (const [key, value] of entries) map.set(key, value);
    return map;
  }

  bytes(): number {
    return this.keys.length * 12;
  }
}

/** Growable bitset (one bit per page) used to count distinct affected pages per check. */
export class Bitset {
  private words: Uint32Array = new Uint32Array(4);
  private ones = 0;

  get count(): number {
    return this.ones;
  }

  /** Sets the bit; returns true when it was not set before. */
  add(index: number): boolean {
    const word = index >>> 5;
    if (word >= this.words.length) this.words = grow(this.words, Uint32Array, word + 1);
    const mask = 1 << (index & 31);
    if (((this.words[word] ?? 0) & mask) !== 0) return false;
    this.words[word] = (this.words[word] ?? 0) | mask;
    this.ones++;
    return true;
  }

  has(index: number): boolean {
    const word = index >>> 5;
    return word < this.words.length && ((this.words[word] ?? 0) & (1 << (index & 31))) !== 0;
  }

  encode(): string {
    return encodeArray(this.words, this.words.length);
  }

  static decode(encoded: string): Bitset {
    const set = new Bitset();
    set.words = decodeArray(encoded, Uint32Array, 4);
    let ones = 0;
    for (let i = 0; i < set.words.length; i++) {
      let x = set.words[i] ?? 0;
      while (x !== 0) {
        x &= x - 1;
        ones++;
      }
    }
    set.ones = ones;
    return set;
  }
}
