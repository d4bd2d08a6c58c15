import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AuditReply, AuditRequest } from './protocol';

/**
 * Worker threads must load the worker module the way this file was loaded: compiled JavaScript next
 * to it, or TypeScript sources through the workspace loader (the CLI, scripts and Jest all run the
 * sources; Jest's own transform does not reach worker threads, so the loader does the job there).
 */
function workerModule(): { entry: string; loader: string | null } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `page-audit-worker${ext}`);
  // A missing worker module is a broken build or package, not a page too big for a thread: say so
  // instead of quietly auditing every page on the crawl's own thread.
  if (!existsSync(entry)) throw new Error(`the page-audit worker module ${entry} is missing`);
  if (ext !== '.ts') return { entry, loader: null };
  const loader = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'register-ts.js');
  if (!existsSync(loader)) throw new Error(`cannot run page-audit workers from TypeScript sources without ${loader}`);
  return { entry, loader };
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.loader) require(workerData.loader);
require(workerData.entry);
`;

/**
 * Heaps of a page-audit worker, capped because every thread costs its own heap on top of the
 * crawl's. The young generation holds one page's parse state (smaller made scavenges eat more CPU
 * than the memory was worth); a page too big for the old generation kills its thread, and the
 * crawler audits that page on its own thread instead.
 */
export const AUDIT_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 };

interface Pending {
  resolve: (audit: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * A worker thread died (e.g. a page too large for its heap limit) with this page outstanding. The
 * page itself is fine to audit elsewhere; the pool has already started a replacement thread.
 */
export class AuditWorkerLostError extends Error {
  constructor(cause: unknown) {
    super(`page-audit worker stopped: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AuditWorkerLostError';
  }
}

/** Replacement threads started at most; after that a dead thread is not replaced (size() drops). */
const MAX_RESTARTS = 8;

/**
 * A fixed set of worker threads running the page-level audit. Each page goes to the thread with the
 * fewest pages outstanding. Requests are never cancelled: a page whose response arrived is always
 * audited, so a cancelled crawl's state stays consistent.
 */
export class PageAuditPool {
  private readonly slots: Slot[] = [];
  private readonly module = workerModule();
  private nextId = 1;
  private restarts = 0;
  private closed = false;

  constructor(
    threads: number,
    private readonly options: unknown,
    private readonly limits: ResourceLimits = AUDIT_WORKER_LIMITS,
  ) {
    for (let i = 0; i < Math.max(1, threads); i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** `body`: the undecoded HTML when `page.html` is null because the worker is to decode it (copied). */
  audit(page: unknown, body: Uint8Array | null = null): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the page-audit pool is closed'));
    if (this.slots.length === 0) return Promise.reject(new Error('every page-audit worker has stopped'));
    const slot = this.slots.reduce((least, s) => (s.pending.size < least.pending.size ? s : least));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      const request: AuditRequest = { id, page, body };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const s of this.slots) this.rejectAll(s, new Error('the page-audit pool is closed'));
  }

  private spawn(): Slot {
    const { entry, loader } = this.module;
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry, loader, options: this.options }, resourceLimits: this.limits });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: AuditReply) => {
      const p = slot.pending.get(reply.id);
      if (p === undefined) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.error !== undefined) p.reject(new Error(`page audit failed: ${reply.error}`));
      else p.resolve(reply.audit);
    });
    let lost: unknown = null;
    worker.on('error', (e) => (lost = e));
    worker.on('exit', (code) => {
      if (this.closed) return;
      this.lose(slot, new AuditWorkerLostError(lost ?? new Error(`exit code ${code}`)));
    });
    // An idle pool must not keep the process alive; a busy one must (see audit()).
    worker.unref();
    return slot;
  }

  private lose(slot: Slot, error: AuditWorkerLostError): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      if (this.restarts < MAX_RESTARTS) {
        this.restarts++;
        this.slots[index] = this.spawn();
      } else this.slots.splice(index, 1);
    }
    this.rejectAll(slot, error);
  }

  private rejectAll(slot: Slot, error: Error): void {
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of pending) p.reject(error);
  }
}
