export { verifyWebhookSignature, signWebhookPayload, webhookSignatureHeader, DEFAULT_TOLERANCE_SECONDS } from './webhook-signature';
export { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events';
