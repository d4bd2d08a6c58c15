import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** An administrator sets a user's plan directly (the way plans change when Stripe is off). */
export function useSetUserPlan() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, plan }: { userId: string; plan: Body<'patch', '/api/admin/users/{id}/plan'>['plan'] }) =>
      api.patch('/api/admin/users/{id}/plan', { path: { id: userId }, body: { plan } }),
    // Their own plan may have changed: every limit on screen follows.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
