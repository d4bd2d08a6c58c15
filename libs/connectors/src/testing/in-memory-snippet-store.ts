import type { SnippetFixStore } from '../snippet/snippet-connector';
import type { SnippetFix } from '../snippet/snippet-renderer';

export interface StoredSnippetFix extends SnippetFix {
  active: boolean;
}

export interface InMemorySnippetStore extends SnippetFixStore {
  /** Every fix ever stored, active or not, in creation order. */
  readonly records: StoredSnippetFix[];
}

/** A SnippetFixStore in memory, for tests and local runs. */
export function createInMemorySnippetStore(initial: Array<Omit<SnippetFix, 'id'> & { id?: string }> = []): InMemorySnippetStore {
  const records: StoredSnippetFix[] = [];
  let next = 1;
  const add = (f: Omit<SnippetFix, 'id'> & { id?: string }): StoredSnippetFix => {
    const rec: StoredSnippetFix = { ...f, id: f.id ?? `fix_${next++}`, active: true };
    records.push(rec);
    return rec;
  };
  for (const f of initial) add(f);
  return {
    records,
    listActive() {
      return Promise.resolve(records.filter((r) => r.active).map(({ active: _active, ...fix }) => fix));
    },
    activate(fix) {
      const { active: _active, ...rec } = add(fix);
      return Promise.resolve(rec);
    },
    deactivate(id) {
      const rec = records.find((r) => r.id === id);
      if (rec) rec.active = false;
      return Promise.resolve();
    },
  };
}
