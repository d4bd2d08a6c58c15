import { backoffDelay, jitterRetryAfter, parseRetryAfter } from './retry';

describe('Retry-After', () => {
  it('parses seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('tolerates whitespace around the value', () => {
    expect(parseRetryAfter(' 2 ')).toBe(2000);
  });

  it('adds at most 10 % (and at most 1 s) to a wait the server asked for', () => {
    expect(jitterRetryAfter(2000, () => 0)).toBe(2000);
    expect(jitterRetryAfter(2000, () => 1)).toBe(2200);
    expect(jitterRetryAfter(60_000, () => 1)).toBe(61_000);
  });
});

describe('backoff', () => {
  it('grows exponentially within [step/2, step] and is capped', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, { ...opts, random: () => 0 }))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, { ...opts, random: () => 1 }))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('without jitter is the exact step, whatever the random source says', () => {
    const opts = { baseDelayMs: 1000, maxDelayMs: Number.POSITIVE_INFINITY, jitter: false, random: () => 0 };
    expect([0, 1, 2, 5].map((a) => backoffDelay(a, opts))).toEqual([1000, 2000, 4000, 32_000]);
  });
});
