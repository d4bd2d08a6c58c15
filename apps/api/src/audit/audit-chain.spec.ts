import { auditRowHash, canonicalJson, GENESIS_HASH, redactSecrets, toStoredJson } from './audit-chain';

const row = {
  id: 'a1', seq: 1n, userId: 'u1', teamId: null, actorType: 'USER', apiKeyId: null, action: 'connections.create',
  resourceType: 'connection', resourceId: 'c1', connectionId: 'c1', ipAddress: '127.0.0.1', userAgent: 'jest',
  before: null, after: { b: 1, a: [1, { y: 2, x: 1 }] }, metadata: { route: '/api/connections' },
  createdAt: new Date('2026-01-01T00:00:00.000Z'), prevHash: GENESIS_HASH,
};

describe('audit hash chain', () => {
  it('serialises objects with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":1}]},"b":1}');
  });

  it('gives the same hash whatever the key order of JSON content', () => {
    const reordered = { ...row, after: { a: [1, { x: 1, y: 2 }], b: 1 } };
    expect(auditRowHash(reordered)).toBe(auditRowHash(row));
    expect(auditRowHash(row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the hash when content or the previous hash changes', () => {
    expect(auditRowHash({ ...row, after: { b: 2, a: [1, { y: 2, x: 1 }] } })).not.toBe(auditRowHash(row));
    expect(auditRowHash({ ...row, prevHash: 'f'.repeat(64) })).not.toBe(auditRowHash(row));
    expect(auditRowHash({ ...row, seq: 2n })).not.toBe(auditRowHash(row));
  });

  it('normalises values the way a JSON column returns them', () => {
    expect(toStoredJson({ at: new Date('2026-01-01T00:00:00Z'), gone: undefined, n: 5n })).toEqual({ at: '2026-01-01T00:00:00.000Z', n: '5' });
    expect(toStoredJson(undefined)).toBeNull();
  });

  it('redacts secret-looking fields', () => {
    expect(redactSecrets({ id: 'w1', secret: 'whsec_x', nested: { accessToken: 't', name: 'n' }, key: 'sk_1' }))
      .toEqual({ id: 'w1', secret: '[redacted]', nested: { accessToken: '[redacted]', name: 'n' }, key: '[redacted]' });
    expect(redactSecrets({ crawlSettings: { maxPages: 5, headers: { 'X-Auth': 'hunter2' } }, 'x-api-key': 'k' }))
      .toEqual({ crawlSettings: { maxPages: 5, headers: '[redacted]' }, 'x-api-key': '[redacted]' });
  });
});
