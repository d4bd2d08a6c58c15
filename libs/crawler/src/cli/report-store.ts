import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

interface Entry {
  url: string;
  offset: number;
  length: number;
}

const FLUSH_BYTES = 1 << 20;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Page rows and their findings, kept on disk as the crawl streams them (one JSON line per page),
 * with only the URL and file position of each page in memory. Listing reads them back in URL
 * order, so two runs over the same site print the same rows in the same order whatever the
 * crawl's timing was. A 100,000-page report therefore never sits in the heap as a whole.
 */
export class ReportStore<P, I> {
  private readonly dir: string;
  private readonly fd: number;
  private readonly entries: Entry[] = [];
  private offset = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  private closed = false;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'seology-report-'));
    this.fd = openSync(path.join(this.dir, 'pages.ndjson'), 'w+');
  }

  get pageCount(): number {
    return this.entries.length;
  }

  add(url: string, page: P, issues: I[]): void {
    const line = `${JSON.stringify([page, issues])}\n`;
    const length = Buffer.byteLength(line);
    this.entries.push({ url, offset: this.offset, length });
    this.offset += length;
    this.pending.push(line);
    this.pendingBytes += length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Every page with its issues, in URL order. */
  *sorted(): Generator<{ page: P; issues: I[] }> {
    this.flush();
    const order = [...this.entries].sort((a, b) => cmp(a.url, b.url) || a.offset - b.offset);
    let buf = Buffer.alloc(64 * 1024);
    for (const e of order) {
      if (e.length > buf.length) buf = Buffer.alloc(e.length);
      readSync(this.fd, buf, 0, e.length, e.offset);
      const [page, issues] = JSON.parse(buf.toString('utf8', 0, e.length)) as [P, I[]];
      yield { page, issues };
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
