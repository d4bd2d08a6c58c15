/** Events an endpoint can subscribe to. `ping` is not subscribable: it is sent only by the test endpoint. */
export const WEBHOOK_EVENTS = [
  'crawl.completed',
  'crawl.failed',
  'issue.created',
  'fix.applied',
  'fix.failed',
  'fix.rolled_back',
  'fix.revert_pending',
  'plan.awaiting_approval',
  'plan.completed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Attempts per delivery (the first try and five retries, with exponential backoff from JOB_BACKOFF_MS). */
export const DELIVERY_MAX_ATTEMPTS = 6;

/**
 * An endpoint is disabled after this many deliveries in a row failed every attempt (a success resets
 * the count). Counting exhausted deliveries, not attempts, means one slow outage of a few minutes does
 * not disable an endpoint, while one that is gone for good stops receiving traffic within five events.
 */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;

/** Response bodies are kept for debugging, cut to this many characters. */
export const RESPONSE_BODY_LIMIT = 2_000;
