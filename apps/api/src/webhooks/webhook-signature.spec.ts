import { signWebhookPayload, verifyWebhookSignature, webhookSignatureHeader } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"crawl.completed"}';
  const now = 1_800_000_000;

  it('signs "<timestamp>.<body>" with HMAC-SHA256', () => {
    expect(signWebhookPayload(secret, now, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSignatureHeader(secret, now, body)).toBe(`v1=${signWebhookPayload(secret, now, body)}`);
  });

  it('accepts a fresh, correct signature, also among several', () => {
    const header = webhookSignatureHeader(secret, now, body);
    expect(verifyWebhookSignature(secret, String(now), body, header, 300, now + 10)).toBe(true);
    expect(verifyWebhookSignature(secret, now, Buffer.from(body), `v1=${'0'.repeat(64)}, ${header}`, 300, now)).toBe(true);
  });

  it('refuses a changed body, wrong secret, old timestamp or malformed header', () => {
    const header = webhookSignatureHeader(secret, now, body);
    expect(verifyWebhookSignature(secret, now, `${body} `, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature('other', now, body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, header, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, 'soon', body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, 'v1=abc', 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, now, body, undefined, 300, now)).toBe(false);
  });
});
