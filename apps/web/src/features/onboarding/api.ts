import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';

export const ONBOARDING_STEPS = ['Welcome', 'Add your site', 'Connect it', 'Check the connection', 'Execution mode', 'First crawl', 'First issues', 'Done'] as const;
export const LAST_STEP = ONBOARDING_STEPS.length - 1;

/** The site the wizard is setting up, so a resumed wizard continues with the same one. */
const SITE_KEY = 'seology.onboarding.site';
export const onboardingSite = {
  load: (): string | null => (typeof window === 'undefined' ? null : window.localStorage.getItem(SITE_KEY)),
  save: (id: string | null) => (id ? window.localStorage.setItem(SITE_KEY, id) : window.localStorage.removeItem(SITE_KEY)),
};

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => api.get('/api/auth/me', { signal }) });
}

export function useSaveOnboarding() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { step: number; completed?: boolean }) => api.patch('/api/auth/me/onboarding', { body }),
    onSuccess: (user) => queryClient.setQueryData(meKey, user),
  });
}

/** The newest of the user's sites, for a wizard resumed in another browser (no stored site id). */
export function useNewestSite(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'list', 'newest'],
    queryFn: ({ signal }) => api.get('/api/connections', { query: { page: 1, pageSize: 1 }, signal }),
    enabled,
  });
}

/** Asks the API to try the site as connected (credentials, or the snippet on the home page). Read-only. */
export function useConnectionCheck(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'detail', siteId, 'check'],
    queryFn: () => api.post('/api/connections/{connectionId}/check', { path: { connectionId: siteId } }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
