import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing scheme of outbound webhooks, kept framework-free so integrators can copy it:
 * `Seology-Signature: v1=<hex HMAC-SHA256(secret, "<Seology-Timestamp>.<raw body>")>`.
 * Several `v1=` entries may be sent (comma separated) while a secret is being rotated.
 */
export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhookPayload(secret: string, timestamp: number | string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function webhookSignatureHeader(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `${SIGNATURE_VERSION}=${signWebhookPayload(secret, timestamp, body)}`;
}

/**
 * True when `header` carries a valid signature of exactly `body` (the raw bytes received, before any
 * JSON parsing) and `timestamp` is within `toleranceSeconds` of now, which stops replays of old deliveries.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number,
  body: string | Buffer,
  header: string | null | undefined,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!header || !secret) return false;
  const ts = typeof timestamp === 'number' ? timestamp : /^\d{1,12}$/.test(timestamp.trim()) ? Number(timestamp.trim()) : NaN;
  if (!Number.isFinite(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookPayload(secret, ts, body), 'hex');
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .some((part) => {
      const candidate = part.slice(SIGNATURE_VERSION.length + 1);
      if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
      return timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
    });
}
