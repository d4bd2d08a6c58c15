import type { Finding } from '../model';
import { Bitset } from './storage';

export interface FindingStoreSnapshot {
  examples: Record<string, Finding[]>;
  counts: Record<string, number>;
  affected: Record<string, string>;
}

/**
 * Site-level findings: every occurrence is counted, distinct affected pages are tracked in a
 * bitset, but only the first `cap` examples per check are materialised.
 */
export class SiteFindingStore {
  private examples = new Map<string, Finding[]>();
  private counts = new Map<string, number>();
  private affected = new Map<string, Bitset>();

  constructor(private readonly cap: number) {}

  /** `build` runs only when the example will be kept, so capped checks cost no string work. */
  add(checkId: string, pageIndex: number, build: () => Finding): void {
    this.counts.set(checkId, (this.counts.get(checkId) ?? 0) + 1);
    if (pageIndex >= 0) {
      let bits = this.affected.get(checkId);
      if (bits === undefined) {
        bits = new Bitset();
        this.affected.set(checkId, bits);
      }
      bits.add(pageIndex);
    }
    let list = this.examples.get(checkId);
    if (list === undefined) {
      list = [];
      this.examples.set(checkId, list);
    }
    if (list.length < this.cap) list.push(build());
  }

  /** Counts an occurrence (and its page) without an example. */
  countOnly(checkId: string, pageIndex: number): void {
    this.counts.set(checkId, (this.counts.get(checkId) ?? 0) + 1);
    if (pageIndex >= 0) {
      let bits = this.affected.get(checkId);
      if (bits === undefined) {
        bits = new Bitset();
        this.affected.set(checkId, bits);
      }
      bits.add(pageIndex);
    }
  }

  count(checkId: string): number {
    return this.counts.get(checkId) ?? 0;
  }

  affectedPages(checkId: string): number {
    return this.affected.get(checkId)?.count ?? 0;
  }

  checkIds(): string[] {
    return [...this.counts.keys()];
  }

  isCapped(checkId: string): boolean {
    return this.count(checkId) > (this.examples.get(checkId)?.length ?? 0);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const list of this.examples.values()) for (const finding of list) out.push(finding);
    return out;
  }

  clone(): SiteFindingStore {
    return SiteFindingStore.restore(this.snapshot(), this.cap);
  }

  snapshot(): FindingStoreSnapshot {
    const examples: Record<string, Finding[]> = {};
    for (const [id, list] of this.examples) examples[id] = list.map((finding) => ({ ...finding }));
    const affected: Record<string, string> = {};
    for (const [id, bits] of this.affected) affected[id] = bits.encode();
    return { examples, counts: Object.fromEntries(this.counts), affected };
  }

  static restore(snapshot: FindingStoreSnapshot, cap: number): SiteFindingStore {
    const store = new SiteFindingStore(cap);
    for (const [id, list] of Object.entries(snapshot.examples)) store.examples.set(id, list.map((finding) => ({ ...finding })));
    for (const [id, count] of Object.entries(snapshot.counts)) store.counts.set(id, count);
    for (const [id, encoded] of Object.entries(snapshot.affected)) store.affected.set(id, Bitset.decode(encoded));
    return store;
  }
}
