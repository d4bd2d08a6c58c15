import type { RenderedSnapshot } from '@seology/audit';

export type BlockReason = RenderedSnapshot['blockedRequests'][number]['reason'];

const MAX_ERRORS = 10;
const MAX_ERROR_CHARS = 300;
const MAX_FAILED = 20;
const MAX_BLOCKED = 20;

/** What one render observed, capped as the snapshot contract says (first N of each). */
export class SnapshotLog {
  readonly errors: string[] = [];
  readonly failedRequests: RenderedSnapshot['failedRequests'] = [];
  readonly blockedRequests: RenderedSnapshot['blockedRequests'] = [];
  /** Every refusal, not only the first MAX_BLOCKED (tests and stats). */
  blockedCount = 0;

  error(message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(message.length > MAX_ERROR_CHARS ? message.slice(0, MAX_ERROR_CHARS) : message);
  }

  failed(url: string, reason: string): void {
    if (this.failedRequests.length < MAX_FAILED) this.failedRequests.push({ url, reason });
  }

  blocked(url: string, reason: BlockReason): void {
    this.blockedCount++;
    if (this.blockedRequests.length < MAX_BLOCKED) this.blockedRequests.push({ url, reason });
  }
}
