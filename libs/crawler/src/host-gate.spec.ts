import { HostGates } from './host-gate';

describe('HostGates', () => {
  it('keeps one gate per host (name and port) with the crawl’s concurrency and rate', () => {
    const gates = new HostGates(3, 4);
    const a = gates.for('example.com');
    expect(gates.for('example.com')).toBe(a);
    expect(gates.for('example.com:8080')).not.toBe(a);
    expect([a.maxConcurrent, a.intervalMs]).toEqual([3, 250]);
    expect(new HostGates(2, 0).for('x.example').intervalMs).toBe(0);
  });

  it('tightens a host to robots crawl-delay, one request at a time, and never loosens it again', () => {
    const gates = new HostGates(4, 10);
    const g = gates.for('example.com', { crawlDelayMs: 2000 });
    expect([g.maxConcurrent, g.intervalMs]).toEqual([1, 2000]);
    gates.for('example.com', { crawlDelayMs: null });
    gates.for('example.com', { crawlDelayMs: 50 });
    expect([g.maxConcurrent, g.intervalMs]).toEqual([1, 2000]);
  });

  it('runs requests through the host’s gate, counting each, at most `concurrency` at once', async () => {
    let requests = 0;
    const gates = new HostGates(2, 0, () => requests++);
    let active = 0;
    let peak = 0;
    const job = () =>
      gates.run('http://example.com/x', new AbortController().signal, async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        return 'done';
      });
    expect(await Promise.all([job(), job(), job(), job(), job()])).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(requests).toBe(5);
    expect(peak).toBe(2);
    expect(gates.for('example.com').inFlight).toBe(0);
  });

  it('releases the gate when the request fails', async () => {
    const gates = new HostGates(1, 0);
    await expect(gates.run('http://example.com/', new AbortController().signal, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gates.for('example.com').inFlight).toBe(0);
  });
});
