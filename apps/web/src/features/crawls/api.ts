import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Crawl = Schemas['CrawlDto'];
export type CrawlDiff = Schemas['CrawlDiffDto'];

export const CRAWL_PAGE_SIZE = 10;
/** How often a queued or running crawl is re-read: often enough that the progress feels live. */
export const LIVE_POLL_MS = 1500;

export const crawlKeys = {
  history: (siteId: string, page: number) => ['sites', 'detail', siteId, 'crawls', 'history', page] as const,
  one: (crawlId: string) => ['crawls', crawlId] as const,
  diff: (crawlId: string, against: string | undefined) => ['crawls', crawlId, 'diff', against ?? 'previous'] as const,
};

export function isActiveCrawl(crawl: Pick<Crawl, 'status'>): boolean {
  return crawl.status === 'QUEUED' || crawl.status === 'RUNNING';
}

/** Share of the discovered pages that are crawled; the crawler discovers pages as it goes, so this is an estimate. */
export function crawlProgress(crawl: Pick<Crawl, 'status' | 'pagesCrawled' | 'pagesQueued'>): number {
  if (crawl.status === 'COMPLETED') return 100;
  const known = crawl.pagesCrawled + crawl.pagesQueued;
  return known === 0 ? 0 : (crawl.pagesCrawled / known) * 100;
}

/** How long after a crawl its analysis is waited for; past that a failed analysis stops the polling. */
const ANALYSIS_WAIT_MS = 120_000;

/**
 * A completed crawl is analysed by a follow-up job (issue counts, resolved issues, proposals). Until the
 * site's lastAnalysisAt passes the crawl's completion, its counts are not final.
 */
export function isAwaitingAnalysis(site: { lastAnalysisAt?: string | null }, crawl: Pick<Crawl, 'status' | 'completedAt'> | undefined, now = Date.now()): boolean {
  if (!crawl || crawl.status !== 'COMPLETED' || !crawl.completedAt) return false;
  const completed = new Date(crawl.completedAt).getTime();
  if (now - completed > ANALYSIS_WAIT_MS) return false;
  return !site.lastAnalysisAt || new Date(site.lastAnalysisAt).getTime() < completed;
}

/** While a crawl's analysis is pending, re-read the site and its crawls so the final counts appear. */
export function useFollowAnalysis(siteId: string, awaiting: boolean, crawlId?: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId, 'crawls'] });
      if (crawlId) void queryClient.invalidateQueries({ queryKey: crawlKeys.one(crawlId) });
    }, LIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [awaiting, siteId, crawlId, queryClient]);
}

export function useCrawlHistory(siteId: string, page: number) {
  const api = useApi();
  return useQuery({
    queryKey: crawlKeys.history(siteId, page),
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/crawls', { path: { connectionId: siteId }, query: { page, pageSize: CRAWL_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isActiveCrawl) ? LIVE_POLL_MS : false),
  });
}

/** One crawl, re-read while it is queued or running. */
export function useLiveCrawl(crawlId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: crawlKeys.one(crawlId ?? ''),
    queryFn: ({ signal }) => api.get('/api/crawls/{id}', { path: { id: crawlId ?? '' }, signal }),
    enabled: Boolean(crawlId),
    refetchInterval: (query) => (query.state.data && !isActiveCrawl(query.state.data) ? false : LIVE_POLL_MS),
  });
}

export function useCrawlDiff(crawlId: string | null, against: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: crawlKeys.diff(crawlId ?? '', against),
    queryFn: ({ signal }) => api.get('/api/crawls/{id}/diff', { path: { id: crawlId ?? '' }, query: against ? { against } : {}, signal }),
    enabled: Boolean(crawlId),
  });
}

export function useStartSiteCrawl(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/connections/{connectionId}/crawls', { path: { connectionId: siteId } }),
    onSuccess: (crawl) => {
      queryClient.setQueryData(crawlKeys.one(crawl.id), crawl);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId, 'crawls'] }), queryClient.invalidateQueries({ queryKey: ['jobs'] })]);
    },
  });
}

export function useCancelSiteCrawl(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (crawlId: string) => api.post('/api/crawls/{id}/cancel', { path: { id: crawlId } }),
    onSuccess: (crawl) => {
      queryClient.setQueryData(crawlKeys.one(crawl.id), crawl);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId, 'crawls'] }), queryClient.invalidateQueries({ queryKey: ['jobs'] })]);
    },
  });
}
