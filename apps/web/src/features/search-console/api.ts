import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type SearchConsoleStatus = Schemas['SearchConsoleStatusDto'];
export type SearchConsoleProperty = Schemas['SearchConsolePropertyDto'];
export type FixImpact = Schemas['FixImpactDto'];
export type FixImpactSummary = Schemas['FixImpactSummaryDto'];

export const searchConsoleKeys = {
  status: (siteId: string) => ['sites', 'detail', siteId, 'search-console'] as const,
  properties: (siteId: string) => ['sites', 'detail', siteId, 'search-console', 'properties'] as const,
  impact: (siteId: string) => ['sites', 'detail', siteId, 'search-console', 'impact'] as const,
};

/** Re-read while the first backfill runs, so "syncing" turns into the last synced day on screen. */
export function useSearchConsoleStatus(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: searchConsoleKeys.status(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{id}/search-console', { path: { id: siteId }, signal }),
    refetchInterval: (query) => {
      const status = query.state.data;
      return status?.connected && status.status === 'ACTIVE' && status.propertyUrl && !status.syncedThrough && !status.lastError ? 3000 : false;
    },
  });
}

export function useSearchConsoleProperties(siteId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: searchConsoleKeys.properties(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{id}/search-console/properties', { path: { id: siteId }, signal }),
    enabled,
  });
}

/** Leaving the dashboard for Google's consent screen; an object so tests can watch it. */
export const browser = { open: (url: string) => window.location.assign(url) };

/** Asks the API for Google's consent URL and leaves for it; Google sends the browser back to the site's page. */
export function useConnectSearchConsole(siteId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.post('/api/connections/{id}/search-console/authorize', { path: { id: siteId } }),
    onSuccess: ({ authorizationUrl }) => browser.open(authorizationUrl),
  });
}

function useInvalidateSearchConsole(siteId: string) {
  const queryClient = useQueryClient();
  // Priorities and traffic columns follow the connection, so issues and pages are re-read too.
  return () => queryClient.invalidateQueries({ queryKey: ['sites', 'detail', siteId] });
}

export function useChooseProperty(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSearchConsole(siteId);
  return useMutation({
    mutationFn: (propertyUrl: string) => api.put('/api/connections/{id}/search-console/property', { path: { id: siteId }, body: { propertyUrl } }),
    onSuccess: (status) => {
      queryClient.setQueryData(searchConsoleKeys.status(siteId), status);
      return invalidate();
    },
  });
}

export function useDisconnectSearchConsole(siteId: string) {
  const api = useApi();
  const invalidate = useInvalidateSearchConsole(siteId);
  return useMutation({
    mutationFn: () => api.delete('/api/connections/{id}/search-console', { path: { id: siteId } }),
    onSuccess: invalidate,
  });
}

export function useFixImpactSummary(siteId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: searchConsoleKeys.impact(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{id}/search-console/impact', { path: { id: siteId }, signal }),
    enabled,
  });
}
