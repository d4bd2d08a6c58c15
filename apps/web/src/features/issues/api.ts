import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Issue = Schemas['IssueDto'];
export type IssueDetail = Schemas['IssueDetailDto'];
export type Check = Schemas['CheckDto'];
export type Severity = Issue['severity'];
export type IssueStatus = Issue['status'];
export type IssueSort = 'impactScore' | 'severity' | 'lastSeenAt' | 'firstSeenAt' | 'pageUrl' | 'type' | 'estimatedTraffic';
export type GroupSort = 'count' | 'severity' | 'affectedPages' | 'estimatedTraffic';

export const ISSUES_PAGE_SIZE = 25;

export interface IssueFilters {
  severity: Severity | '';
  status: IssueStatus | '';
  type: string;
  url: string;
  q: string;
  sort: IssueSort;
  order: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_FILTERS: IssueFilters = { severity: '', status: 'OPEN', type: '', url: '', q: '', sort: 'impactScore', order: 'desc', page: 1 };

/** The query string the API takes: empty filters are left out rather than sent as "". */
export function toIssueQuery(filters: IssueFilters) {
  return {
    page: filters.page,
    pageSize: ISSUES_PAGE_SIZE,
    sort: filters.sort,
    order: filters.order,
    ...(filters.severity ? { severity: [filters.severity] } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.type ? { type: [filters.type] } : {}),
    ...(filters.url.trim() ? { url: filters.url.trim() } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

export const issueKeys = {
  list: (siteId: string, filters: IssueFilters) => ['sites', 'detail', siteId, 'issues', 'list', filters] as const,
  detail: (issueId: string) => ['issues', issueId] as const,
  checks: ['checks'] as const,
};

export function useIssues(siteId: string, filters: IssueFilters) {
  const api = useApi();
  return useQuery({
    queryKey: issueKeys.list(siteId, filters),
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/issues', { path: { connectionId: siteId }, query: toIssueQuery(filters), signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIssue(issueId: string) {
  const api = useApi();
  return useQuery({
    queryKey: issueKeys.detail(issueId),
    queryFn: ({ signal }) => api.get('/api/issues/{id}', { path: { id: issueId }, signal }),
  });
}

/** The audit catalogue: every check's title, explanation and how to fix it (also used for the type filter). */
export function useChecks() {
  const api = useApi();
  return useQuery({
    queryKey: issueKeys.checks,
    queryFn: ({ signal }) => api.get('/api/checks', { signal }),
    staleTime: Infinity,
  });
}

export function useSetIssueIgnored(issueId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ignored: boolean) => api.post(ignored ? '/api/issues/{id}/ignore' : '/api/issues/{id}/unignore', { path: { id: issueId } }),
    onSuccess: (issue) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: issueKeys.detail(issueId) }),
        queryClient.invalidateQueries({ queryKey: ['sites', 'detail', issue.connectionId, 'issues'] }),
        queryClient.invalidateQueries({ queryKey: ['sites', 'detail', issue.connectionId], exact: true }),
      ]),
  });
}

/** The CSV of the filtered issues (every page), as the API renders it. */
export function useExportIssuesCsv(siteId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async (filters: IssueFilters) => {
      const { page: _page, pageSize: _size, ...query } = toIssueQuery(filters);
      const body: unknown = await api.get('/api/connections/{connectionId}/issues.csv', { path: { connectionId: siteId }, query });
      return typeof body === 'string' ? body : '';
    },
  });
}

export type IssueGroup = Schemas['IssueGroupDto'];

/** The open issues of a site grouped by check, largest group first. */
export function useIssueGroups(siteId: string, severity: Severity | '', sort: GroupSort = 'count') {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'detail', siteId, 'issues', 'groups', severity, sort] as const,
    queryFn: ({ signal }) =>
      api.get('/api/connections/{connectionId}/issue-groups', { path: { connectionId: siteId }, query: { pageSize: 100, sort, ...(severity ? { severity: [severity] } : {}) }, signal }),
    placeholderData: keepPreviousData,
  });
}
