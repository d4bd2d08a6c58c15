import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Body } from '../../api/client';
import { useApi } from '../../app/api-context';

export const SITES_PAGE_SIZE = 20;

export const siteKeys = {
  all: ['sites'] as const,
  list: (page: number) => ['sites', 'list', page] as const,
  detail: (id: string) => ['sites', 'detail', id] as const,
  crawls: (id: string) => ['sites', 'detail', id, 'crawls'] as const,
  issues: (id: string) => ['sites', 'detail', id, 'issues'] as const,
};

export function useSites(page: number) {
  const api = useApi();
  return useQuery({
    queryKey: siteKeys.list(page),
    queryFn: ({ signal }) => api.get('/api/connections', { query: { page, pageSize: SITES_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSite(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: siteKeys.detail(id),
    queryFn: ({ signal }) => api.get('/api/connections/{id}', { path: { id }, signal }),
  });
}

export function useCreateSite() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'post', '/api/connections'>) => api.post('/api/connections', { body }),
    onSuccess: (site) => {
      queryClient.setQueryData(siteKeys.detail(site.id), site);
      return queryClient.invalidateQueries({ queryKey: ['sites', 'list'] });
    },
  });
}

export function useUpdateSite(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'patch', '/api/connections/{id}'>) => api.patch('/api/connections/{id}', { path: { id }, body }),
    onSuccess: (site) => {
      queryClient.setQueryData(siteKeys.detail(id), site);
      return queryClient.invalidateQueries({ queryKey: ['sites', 'list'] });
    },
  });
}

export function useDeleteSite(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/connections/{id}', { path: { id } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: siteKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: ['sites', 'list'] });
    },
  });
}

const ACTIVE_CRAWL = new Set(['QUEUED', 'RUNNING']);

export function useCrawls(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: siteKeys.crawls(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/crawls', { path: { connectionId: siteId }, query: { page: 1, pageSize: 5 }, signal }),
    // Follow a crawl while it is queued or running.
    refetchInterval: (query) => (query.state.data?.items.some((crawl) => ACTIVE_CRAWL.has(crawl.status)) ? 4000 : false),
  });
}

export function useStartCrawl(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/connections/{connectionId}/crawls', { path: { connectionId: siteId } }),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: siteKeys.crawls(siteId) }), queryClient.invalidateQueries({ queryKey: ['jobs'] })]),
  });
}

export function useCancelCrawl(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (crawlId: string) => api.post('/api/crawls/{id}/cancel', { path: { id: crawlId } }),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: siteKeys.crawls(siteId) }), queryClient.invalidateQueries({ queryKey: ['jobs'] })]),
  });
}

export function useOpenIssues(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: siteKeys.issues(siteId),
    queryFn: ({ signal }) =>
      api.get('/api/connections/{connectionId}/issues', {
        path: { connectionId: siteId },
        query: { page: 1, pageSize: 10, sort: 'impactScore', order: 'desc' },
        signal,
      }),
  });
}
