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

/** Google's numbers lag a few days; a site further behind than this is still importing its history. */
const IMPORTING_AFTER_DAYS = 7;

/**
 * The backfill moves `syncedThrough` forward window by window, so a property whose last synced day is
 * weeks old (or none yet) is still being imported, unless the sync stopped on an error.
 */
export function isImporting(status: SearchConsoleStatus | undefined, now = Date.now()): boolean {
  if (!status?.connected || status.status !== 'ACTIVE' || !status.propertyUrl || status.lastError) return false;
  if (!status.syncedThrough) return true;
  return now - new Date(`${status.syncedThrough}T00:00:00Z`).getTime() > IMPORTING_AFTER_DAYS * 86_400_000;
}

/** Re-read while the backfill runs, so the import's progress and its end show on screen. */
export function useSearchConsoleStatus(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: searchConsoleKeys.status(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{id}/search-console', { path: { id: siteId }, signal }),
    refetchInterval: (query) => (isImporting(query.state.data) ? 3000 : false),
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
