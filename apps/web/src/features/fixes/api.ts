import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Fix = Schemas['FixDto'];
export type FixStatus = Fix['status'];
export const FIXES_PAGE_SIZE = 20;
const IN_FLIGHT = new Set<FixStatus>(['APPROVED', 'APPLYING', 'ROLLING_BACK']);

export function isInFlight(fix: Pick<Fix, 'status' | 'appliedAt' | 'verifiedAt'>): boolean {
  return IN_FLIGHT.has(fix.status);
}

export const fixKeys = {
  list: (siteId: string, statuses: FixStatus[], page: number) => ['sites', 'detail', siteId, 'fixes', statuses.join(','), page] as const,
};

/** Re-read while a fix is being applied or rolled back, so its state changes on screen. */
export function useFixes(siteId: string, statuses: FixStatus[], page: number) {
  const api = useApi();
  return useQuery({
    queryKey: fixKeys.list(siteId, statuses, page),
    queryFn: ({ signal }) =>
      api.get('/api/connections/{connectionId}/fixes', { path: { connectionId: siteId }, query: { page, pageSize: FIXES_PAGE_SIZE, ...(statuses.length ? { status: statuses } : {}) }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isInFlight) ? 1500 : false),
  });
}

/** How many proposed fixes of one risk a site has: the total of a one-row page, never a page's length. */
export function useProposedFixCount(siteId: string, risk: 'LOW' | 'MEDIUM' | 'HIGH') {
  const api = useApi();
  return useQuery({
    queryKey: [...fixKeys.list(siteId, ['PROPOSED'], 1), 'count', risk],
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/fixes', { path: { connectionId: siteId }, query: { page: 1, pageSize: 1, status: ['PROPOSED'], risk }, signal }),
    select: (page) => page.total,
  });
}

function useInvalidateFixes(siteId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId, 'fixes'] }), queryClient.invalidateQueries({ queryKey: ['plans'] })]);
}

export function useApproveFixes(siteId: string) {
  const api = useApi();
  const invalidate = useInvalidateFixes(siteId);
  return useMutation({ mutationFn: (ids: string[]) => api.post('/api/fixes/approve', { body: { ids } }), onSuccess: invalidate });
}

export function useRejectFixes(siteId: string) {
  const api = useApi();
  const invalidate = useInvalidateFixes(siteId);
  return useMutation({
    // One request per fix: the API rejects one at a time, each with the reason kept in its history.
    mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) => {
      const rejected = [];
      for (const id of ids) rejected.push(await api.post('/api/fixes/{id}/reject', { path: { id }, body: { reason } }));
      return rejected;
    },
    onSettled: invalidate,
  });
}

export function useRollbackFix(siteId: string) {
  const api = useApi();
  const invalidate = useInvalidateFixes(siteId);
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => api.post('/api/fixes/{id}/rollback', { path: { id }, body: { force } }),
    onSuccess: invalidate,
  });
}

/** Proposals and plans are written by the analysis after a crawl; they are awaited this long after it. */
const PROPOSALS_WAIT_MS = 120_000;

/**
 * While the site's latest crawl runs or has just completed, re-read its fixes and plans, so proposals and
 * plans appear without a reload (the crawl history itself is polled while a crawl is active).
 */
export function useFollowNewProposals(siteId: string, latest: { status: string; completedAt?: string | null } | undefined): void {
  const queryClient = useQueryClient();
  const active = latest?.status === 'QUEUED' || latest?.status === 'RUNNING';
  const completedAt = latest?.status === 'COMPLETED' && latest.completedAt ? new Date(latest.completedAt).getTime() : null;
  useEffect(() => {
    const remaining = active ? PROPOSALS_WAIT_MS : completedAt === null ? 0 : completedAt + PROPOSALS_WAIT_MS - Date.now();
    if (remaining <= 0) return;
    const refresh = () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId, 'fixes'] }), queryClient.invalidateQueries({ queryKey: ['plans', 'list', siteId] })]);
    const timer = setInterval(() => void refresh(), 2000);
    const stop = setTimeout(() => clearInterval(timer), remaining);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [active, completedAt, siteId, queryClient]);
}

/** Whole days until the rollback deadline (negative once it has passed); null when there is none. */
export function daysLeft(deadline: string | null | undefined, now = Date.now()): number | null {
  if (!deadline) return null;
  return Math.ceil((new Date(deadline).getTime() - now) / 86_400_000);
}
