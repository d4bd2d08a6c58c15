import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local server speaking the part of Stripe's HTTP API that billing uses (form-encoded requests,
 * Stripe-shaped JSON, `{ error: { type, message } }` errors), so the real SDK can be exercised in
 * tests without reaching Stripe. It also signs webhook payloads the way Stripe does.
 */
export interface ContractRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey?: string;
}

export interface StripeContractServer {
  baseUrl: string;
  secretKey: string;
  requests: ContractRequest[];
  customers: Map<string, { id: string; email?: string; metadata: Record<string, string> }>;
  close(): Promise<void>;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** `metadata[userId]=x` → `{ userId: x }` for one bracketed prefix. */
function nested(form: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = key.match(new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}\\[([^\\]]+)\\]$`));
    if (match) out[match[1]!] = value;
  }
  return out;
}

export async function startStripeContractServer(options: { secretKey?: string; prices: string[] }): Promise<StripeContractServer> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const prices = new Set(options.prices);
  const requests: ContractRequest[] = [];
  const customers = new Map<string, { id: string; email?: string; metadata: Record<string, string> }>();
  const idempotent = new Map<string, { status: number; body: unknown }>();

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  }
  function fail(status: number, type: string, message: string, param?: string): { status: number; body: unknown } {
    return { status, body: { error: { type, message, ...(param ? { param } : {}) } } };
  }

  function route(method: string, path: string, form: Record<string, string>): { status: number; body: unknown } {
    const now = Math.floor(Date.now() / 1000);
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: id('cus'), email: form.email, metadata: nested(form, 'metadata') };
      customers.set(customer.id, customer);
      return { status: 200, body: { object: 'customer', created: now, livemode: false, ...customer } };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      if (!form.mode) return fail(400, 'invalid_request_error', 'Missing required param: mode.', 'mode');
      if (!form.success_url) return fail(400, 'invalid_request_error', 'Missing required param: success_url.', 'success_url');
      const price = form['line_items[0][price]'];
      if (!price) return fail(400, 'invalid_request_error', 'Missing required param: line_items.', 'line_items');
      if (!prices.has(price)) return fail(400, 'invalid_request_error', `No such price: '${price}'`, 'line_items[0][price]');
      if (form.customer && !customers.has(form.customer)) return fail(400, 'invalid_request_error', `No such customer: '${form.customer}'`, 'customer');
      const sessionId = id('cs_test');
      return {
        status: 200,
        body: {
          id: sessionId, object: 'checkout.session', created: now, livemode: false, mode: form.mode, status: 'open',
          customer: form.customer ?? null, client_reference_id: form.client_reference_id ?? null, metadata: nested(form, 'metadata'),
          success_url: form.success_url, cancel_url: form.cancel_url ?? null, url: `https://checkout.stripe.test/c/pay/${sessionId}`,
        },
      };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!form.customer) return fail(400, 'invalid_request_error', 'Missing required param: customer.', 'customer');
      if (!customers.has(form.customer)) return fail(400, 'invalid_request_error', `No such customer: '${form.customer}'`, 'customer');
      const sessionId = id('bps');
      return {
        status: 200,
        body: {
          id: sessionId, object: 'billing_portal.session', created: now, livemode: false, customer: form.customer,
          return_url: form.return_url ?? null, url: `https://billing.stripe.test/p/session/${sessionId}`,
        },
      };
    }
    return fail(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const method = req.method ?? 'GET';
      const form = Object.fromEntries(new URLSearchParams(raw));
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      requests.push({ method, path, form, idempotencyKey });
      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
      }
      const cacheKey = idempotencyKey ? `${method} ${path} ${idempotencyKey}` : null;
      const answer = (cacheKey && idempotent.get(cacheKey)) || route(method, path, form);
      if (cacheKey) idempotent.set(cacheKey, answer);
      send(res, answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    customers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const signer = new Stripe('sk_test_signer').webhooks;

/** A Stripe event envelope around `object`; `created` in seconds decides its order. */
export function stripeEvent(type: string, object: Record<string, unknown>, created: number, eventId = id('evt')): Record<string, unknown> {
  return { id: eventId, object: 'event', api_version: '2025-10-29', created, livemode: false, pending_webhooks: 1, type, data: { object } };
}

/** Body and Stripe-Signature header of a webhook delivery, signed with `secret` at `timestamp` (seconds). */
export function signWebhook(event: Record<string, unknown>, secret: string, timestamp = Math.floor(Date.now() / 1000)): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: signer.generateTestHeaderString({ payload: body, secret, timestamp }) };
}
