import { useMutation, useQuery } from '@tanstack/react-query';
import type { Body, Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type BillingOverview = Schemas['BillingOverviewDto'];
export type UsageOverview = Schemas['UsageOverviewDto'];
export type PurchasablePlan = Body<'post', '/api/billing/checkout'>['plan'];

export function useBilling() {
  const api = useApi();
  return useQuery({ queryKey: ['billing'], queryFn: ({ signal }) => api.get('/api/billing', { signal }) });
}

export function useUsage() {
  const api = useApi();
  return useQuery({ queryKey: ['usage'], queryFn: ({ signal }) => api.get('/api/usage', { signal }) });
}

/** Both answer a Stripe-hosted URL; the browser leaves the dashboard for it. */
export function useCheckout(redirect: (url: string) => void) {
  const api = useApi();
  return useMutation({
    mutationFn: (plan: PurchasablePlan) => api.post('/api/billing/checkout', { body: { plan } }),
    onSuccess: ({ url }) => redirect(url),
  });
}

export function usePortal(redirect: (url: string) => void) {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.post('/api/billing/portal'),
    onSuccess: ({ url }) => redirect(url),
  });
}
