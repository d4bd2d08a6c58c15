import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Plan = Schemas['PlanDto'];
export type PlanDetail = Schemas['PlanDetailDto'];
const RUNNING = new Set<Plan['status']>(['APPROVED', 'EXECUTING']);

export const planKeys = {
  list: (siteId: string, page: number) => ['plans', 'list', siteId, page] as const,
  detail: (planId: string) => ['plans', 'detail', planId] as const,
};

export function usePlans(siteId: string, page: number) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.list(siteId, page),
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/plans', { path: { connectionId: siteId }, query: { page, pageSize: 10 }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((plan) => RUNNING.has(plan.status)) ? 2000 : false),
  });
}

/** A plan and its fixes, followed live while it executes. */
export function usePlan(planId: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.detail(planId),
    queryFn: ({ signal }) => api.get('/api/plans/{id}', { path: { id: planId }, signal }),
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1500 : false),
  });
}

export function useDecidePlan(planId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    // `fixIds` approves only those fixes (e.g. the ones that fit the month's quota); the rest stay proposed.
    mutationFn: (decision: { approve: true; fixIds?: string[] } | { approve: false; reason: string }) =>
      decision.approve ? api.post('/api/plans/{id}/approve', { path: { id: planId }, body: decision.fixIds ? { fixIds: decision.fixIds } : {} }) : api.post('/api/plans/{id}/reject', { path: { id: planId }, body: { reason: decision.reason } }),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.detail(planId), plan);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['plans', 'list'] }), queryClient.invalidateQueries({ queryKey: ['sites', 'detail', plan.connectionId, 'fixes'] })]);
    },
  });
}

/** Share of the plan's fixes that have an outcome, from the per-fix results the executor writes as it goes. */
export function planProgress(plan: PlanDetail): { done: number; total: number } {
  const results = (plan.results ?? {}) as Record<string, unknown>;
  return { done: plan.fixes.filter((fix) => fix.id in results).length, total: plan.fixes.length };
}
