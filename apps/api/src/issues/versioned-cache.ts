/**
 * Results of aggregate queries over a site's issues (counts, groups), kept in the process under a key
 * that holds the site's `issuesVersion`. A database trigger bumps that version on every statement that
 * writes the site's issues, and the version is read with the tenancy lookup every request makes anyway,
 * so a cached value is never served after the issues changed, in this process or any other.
 * Concurrent misses for one key share one query; the oldest entries go first when the cache is full.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries = 1_000) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserted so that Map order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    // A failed query is not remembered: the next request tries again.
    void loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return loading;
  }
}

/** The cache key of one site's issues at one version, for one query shape. */
export function versionedKey(connection: { id: string; issuesVersion: number }, shape: unknown): string {
  return `${connection.id}\n${connection.issuesVersion}\n${JSON.stringify(shape)}`;
}
