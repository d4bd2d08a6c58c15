import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type CrawledPage = Schemas['CrawledPageDto'];
export type PageDetail = Schemas['PageDetailDto'];
export type PageSort = 'url' | 'status' | 'depth' | 'inlinks' | 'issueCount' | 'title' | 'totalMs' | 'wordCount' | 'impressions' | 'clicks';
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export const EXPLORER_PAGE_SIZE = 50;

export interface ExplorerFilters {
  statusClass: StatusClass | '';
  indexable: '' | 'true' | 'false';
  hasIssues: '' | 'true' | 'false';
  q: string;
  sort: PageSort;
  order: 'asc' | 'desc';
}

export const DEFAULT_EXPLORER_FILTERS: ExplorerFilters = { statusClass: '', indexable: '', hasIssues: '', q: '', sort: 'url', order: 'asc' };

/** One page of the crawled-URL explorer; `cursor` is the previous page's nextCursor (keyset, so deep pages stay fast). */
export function useCrawledPages(siteId: string, filters: ExplorerFilters, cursor: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'detail', siteId, 'pages', filters, cursor] as const,
    queryFn: ({ signal }) =>
      api.get('/api/connections/{connectionId}/pages', {
        path: { connectionId: siteId },
        query: {
          pageSize: EXPLORER_PAGE_SIZE,
          sort: filters.sort,
          order: filters.order,
          ...(filters.statusClass ? { statusClass: [filters.statusClass] } : {}),
          ...(filters.indexable ? { indexable: filters.indexable === 'true' } : {}),
          ...(filters.hasIssues ? { hasIssues: filters.hasIssues === 'true' } : {}),
          ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One URL with all its issues, fixes and history. */
export function usePageDetail(siteId: string, url: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'detail', siteId, 'page', url] as const,
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/page', { path: { connectionId: siteId }, query: { url }, signal }),
  });
}

/** The address of a URL's page view. */
export function pageViewPath(siteId: string, url: string): string {
  return `/sites/${siteId}/page?${new URLSearchParams({ url }).toString()}`;
}
