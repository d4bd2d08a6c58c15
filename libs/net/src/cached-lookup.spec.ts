import { createCachedLookup } from './cached-lookup';
import { RequestError, SsrfError } from './errors';
import { unreachableReason } from './reachability';
import type { LookupFn } from './resolve';

describe('createCachedLookup', () => {
  it('resolves a host once and joins concurrent lookups of it', async () => {
    const calls: string[] = [];
    const base: LookupFn = async (host) => {
      calls.push(host);
      await new Promise((r) => setTimeout(r, 10));
      return [{ address: '203.0.113.7', family: 4 }];
    };
    const lookup = createCachedLookup(base);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => lookup(i % 2 === 0 ? 'cdn.example.com' : 'CDN.example.com')));
    await lookup('cdn.example.com');
    expect(answers.every((a) => a[0]?.address === '203.0.113.7')).toBe(true);
    expect(calls).toEqual(['cdn.example.com']);
    expect(lookup.resolverCalls()).toBe(1);
  });

  it('remembers a failure for the failure lifetime, then asks again', async () => {
    let now = 0;
    let calls = 0;
    const base: LookupFn = (host) => {
      calls++;
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    };
    const lookup = createCachedLookup(base, { failureTtlMs: 1000, now: () => now });
    for (let i = 0; i < 20; i++) await expect(lookup('gone.invalid')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(calls).toBe(1);
    now = 1001;
    await expect(lookup('gone.invalid')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(calls).toBe(2);
  });

  it('gives up on a resolver that does not answer, once per host', async () => {
    let calls = 0;
    const silent: LookupFn = () => {
      calls++;
      return new Promise(() => undefined);
    };
    const lookup = createCachedLookup(silent, { timeoutMs: 50 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => lookup('quiet.invalid')));
    await expect(lookup('quiet.invalid')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps answers for their lifetime only', async () => {
    let now = 0;
    let calls = 0;
    const lookup = createCachedLookup(
      () => {
        calls++;
        return Promise.resolve([{ address: '203.0.113.8', family: 4 }]);
      },
      { ttlMs: 100, now: () => now },
    );
    await lookup('a.example');
    now = 50;
    await lookup('a.example');
    now = 151;
    await lookup('a.example');
    expect(calls).toBe(2);
  });
});

describe('unreachableReason', () => {
  const network = (code: string) => new RequestError('network', `${code}: failed`, 'http://x.example/', [], { cause: Object.assign(new Error('connect failed'), { code }) });

  it('names DNS failures, refused and timed-out connections as host-wide', () => {
    expect(unreachableReason(new SsrfError('dns-failure', 'x could not be resolved'))).toEqual({ reason: 'DNS failure', hostWide: true });
    expect(unreachableReason(network('ECONNREFUSED'))).toEqual({ reason: 'connection refused', hostWide: true });
    expect(unreachableReason(network('UND_ERR_CONNECT_TIMEOUT'))).toEqual({ reason: 'connection timed out', hostWide: true });
    expect(unreachableReason(network('ENETUNREACH'))).toEqual({ reason: 'no route to the network', hostWide: true });
  });

  it('counts a request timeout as unreachable for that URL only', () => {
    expect(unreachableReason(new RequestError('timeout', 'no complete response', 'http://x.example/'))).toEqual({ reason: 'timeout', hostWide: false });
  });

  it('leaves policy refusals and HTTP-level failures alone', () => {
    expect(unreachableReason(new SsrfError('blocked-address', '10.0.0.1 is private'))).toBeNull();
    expect(unreachableReason(new RequestError('redirect-loop', 'loop', 'http://x.example/'))).toBeNull();
    expect(unreachableReason(new RequestError('too-large', 'big', 'http://x.example/'))).toBeNull();
    expect(unreachableReason(network('EPROTO'))).toBeNull();
  });
});

describe('a resolver that stopped answering', () => {
  it('fails new names at once after a few timeouts in a row, then probes it again', async () => {
    let now = 0;
    let answering = false;
    const asked: string[] = [];
    const base: LookupFn = (host) => {
      asked.push(host);
      return answering ? Promise.resolve([{ address: '203.0.113.9', family: 4 }]) : new Promise(() => undefined);
    };
    const lookup = createCachedLookup(base, { timeoutMs: 20, resolverDownAfter: 3, resolverDownMs: 1000, now: () => now });
    await Promise.allSettled(['a', 'b', 'c'].map((h) => lookup(`${h}.example`)));
    const started = Date.now();
    const fast = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => lookup(`host-${i}.example`)));
    expect(Date.now() - started).toBeLessThan(15);
    expect(fast.every((r) => r.status === 'rejected')).toBe(true);
    expect(asked).toEqual(['a.example', 'b.example', 'c.example']);
    // Once the resolver is back, the next probe finds it and names resolve again.
    answering = true;
    now = 1001;
    await expect(lookup('host-1.example')).resolves.toEqual([{ address: '203.0.113.9', family: 4 }]);
    await expect(lookup('host-2.example')).resolves.toEqual([{ address: '203.0.113.9', family: 4 }]);
    expect(asked).toEqual(['a.example', 'b.example', 'c.example', 'host-1.example', 'host-2.example']);
  });

  it('does not count "no such name" answers as a resolver that is down', async () => {
    const base: LookupFn = (host) => Promise.reject(Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    let calls = 0;
    const lookup = createCachedLookup(
      (host) => {
        calls++;
        return base(host);
      },
      { resolverDownAfter: 3 },
    );
    await Promise.allSettled(Array.from({ length: 10 }, (_, i) => lookup(`n${i}.invalid`)));
    expect(calls).toBe(10);
  });
});
