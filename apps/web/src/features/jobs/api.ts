import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Job = Schemas['JobDto'];
export type JobStatus = Job['status'];
export type JobScope = 'mine' | 'all';

export const JOBS_PAGE_SIZE = 20;
export const LIVE_STATUSES: ReadonlySet<JobStatus> = new Set(['PENDING', 'RUNNING', 'RETRYING']);

export function useJobs(scope: JobScope, page: number, status: JobStatus | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['jobs', scope, page, status ?? 'any'],
    queryFn: ({ signal }) => {
      const query = { page, pageSize: JOBS_PAGE_SIZE, status };
      return scope === 'all' ? api.get('/api/admin/jobs', { query, signal }) : api.get('/api/jobs', { query, signal });
    },
    placeholderData: keepPreviousData,
    // Follow progress while something is queued or running.
    refetchInterval: (query) => (query.state.data?.items.some((job) => LIVE_STATUSES.has(job.status)) ? 3000 : false),
  });
}

export type JobAction = 'cancel' | 'retry';

export function useJobAction(scope: JobScope) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ job, action }: { job: Job; action: JobAction }) => {
      const path = { id: job.id };
      if (action === 'retry') return api.post('/api/admin/jobs/{id}/retry', { path });
      return scope === 'all' ? api.post('/api/admin/jobs/{id}/cancel', { path }) : api.post('/api/jobs/{id}/cancel', { path });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

/** Domains of the user's sites by id, to name a job's site. */
export function useSiteNames() {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'names'],
    queryFn: ({ signal }) => api.get('/api/connections', { query: { page: 1, pageSize: 100 }, signal }),
    select: (page) => new Map(page.items.map((site) => [site.id, site.displayName?.trim() || site.domain])),
    staleTime: 60_000,
  });
}
