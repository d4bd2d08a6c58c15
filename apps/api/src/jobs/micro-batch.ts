/**
 * Gathers the items pushed during one turn of the event loop and hands them to `run` together, so
 * that many concurrent callers share one statement or one Redis round trip. Each caller gets the
 * result at its own position; when `run` throws, every caller of that batch gets the error.
 * A batch holds at most `maxSize` items; more start another batch at once.
 */
export class MicroBatch<I, O> {
  private pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxSize = 500,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** `run` as a promise even when it throws before returning one, so the callers get that error too. */
  private async runBatch(items: I[]): Promise<O[]> {
    return await this.run(items);
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.runBatch(batch.map((entry) => entry.item)).then(
      (values) => {
        if (values.length !== batch.length) throw new Error(`a batch of ${batch.length} produced ${values.length} results`);
        batch.forEach((entry, i) => entry.resolve(values[i]!));
      },
    ).catch((error: unknown) => batch.forEach((entry) => entry.reject(error)));
  }
}
