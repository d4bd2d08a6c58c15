import { MicroBatch } from './micro-batch';

describe('MicroBatch', () => {
  it('hands the items pushed in one turn of the event loop to one run, each caller getting its own result', async () => {
    const runs: number[][] = [];
    const batch = new MicroBatch<number, string>((items) => {
      runs.push(items);
      return Promise.resolve(items.map((n) => `#${n}`));
    });
    const results = await Promise.all([1, 2, 3].map((n) => batch.push(n)));
    expect(results).toEqual(['#1', '#2', '#3']);
    expect(runs).toEqual([[1, 2, 3]]);
    // A later push starts a batch of its own.
    await expect(batch.push(4)).resolves.toBe('#4');
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('splits at maxSize', async () => {
    const runs: number[][] = [];
    const batch = new MicroBatch<number, number>((items) => {
      runs.push(items);
      return Promise.resolve(items);
    }, 2);
    await expect(Promise.all([1, 2, 3, 4, 5].map((n) => batch.push(n)))).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every caller of a failed batch, and the next batch runs again', async () => {
    let fail = true;
    const batch = new MicroBatch<number, number>((items) => (fail ? Promise.reject(new Error('database down')) : Promise.resolve(items)));
    const failed = await Promise.allSettled([batch.push(1), batch.push(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('database down'));
    fail = false;
    await expect(batch.push(3)).resolves.toBe(3);
  });

  it('rejects, rather than mismatching callers and results, when a run returns the wrong number of results', async () => {
    const batch = new MicroBatch<number, number>((items) => Promise.resolve(items.slice(1)));
    await expect(Promise.all([batch.push(1), batch.push(2)])).rejects.toThrow('a batch of 2 produced 1 results');
  });

  it('a run that throws synchronously rejects its callers', async () => {
    const batch = new MicroBatch<number, number>(() => {
      throw new Error('bad');
    });
    await expect(batch.push(1)).rejects.toThrow('bad');
  });
});
