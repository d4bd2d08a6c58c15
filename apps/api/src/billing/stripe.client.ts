import type { Provider } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig } from '../config/app-config';

/** The Stripe SDK client, or null when STRIPE_SECRET_KEY is not set (billing off). */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

export function createStripeClient(config: Pick<AppConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE'>): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    // One attempt per call: the request that triggered it answers with Stripe's error instead of hanging on retries.
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}

export const stripeClientProvider: Provider = {
  provide: STRIPE_CLIENT,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => createStripeClient(config),
};
