import { Transform, type Readable, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/**
 * "deflate" is specified as zlib-wrapped, but some servers send raw DEFLATE; the first two bytes
 * tell them apart (a zlib header is a multiple of 31 with compression method 8).
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const [b0 = 0, b1 = 0] = chunk.subarray(0, 2);
      const zlibHeader = chunk.length >= 2 && (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      const inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      inner.on('data', (d: Buffer) => this.push(d));
      inner.on('error', (e) => this.destroy(e));
      this.inner = inner;
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

/** Returns a decoder stream for one content-coding, null for identity, or throws for unknown codings. */
function decoderFor(coding: string): Transform | null {
  switch (coding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new AutoInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new Error(`unsupported content-encoding "${coding}"`);
  }
}

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export interface CappedBody {
  body: Buffer;
  /** Bytes kept (after decompression); equals body.length. */
  bytes: number;
  /** True when the stream had more than maxBytes and reading stopped there. */
  truncated: boolean;
}

/**
 * Reads a (possibly compressed) body, stopping as soon as `maxBytes` decoded bytes are held: the
 * rest is never read, so neither a huge page nor a decompression bomb can be buffered. The cap
 * applies to decoded output, which is what ends up in memory.
 */
export async function readBodyCapped(stream: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<CappedBody> {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'identity');
  let source: Readable = stream;
  const chain: Transform[] = [];
  try {
    for (const coding of [...codings].reverse()) {
      const d = decoderFor(coding);
      if (!d) continue;
      const upstream = source;
      upstream.on('error', (e) => d.destroy(e));
      upstream.pipe(d);
      chain.push(d);
      source = d;
    }
  } catch (e) {
    stream.destroy();
    throw e;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = maxBytes - bytes;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        bytes = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    }
  } finally {
    if (truncated || !stream.readableEnded) {
      // Stopping early is expected here, not an error anyone needs to hear about.
      const ignore = () => undefined;
      for (const d of chain) d.on('error', ignore).destroy();
      stream.on('error', ignore).destroy();
    }
  }
  return { body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, bytes), bytes, truncated };
}
