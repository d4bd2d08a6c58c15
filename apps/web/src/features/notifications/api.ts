import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (page: number, unreadOnly: boolean) => ['notifications', 'list', page, unreadOnly] as const,
  unread: ['notifications', 'unread'] as const,
};

export function useNotifications(page: number, unreadOnly: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.list(page, unreadOnly),
    queryFn: ({ signal }) =>
      api.get('/api/notifications', { query: { page, pageSize: NOTIFICATIONS_PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The unread count for the shell. The live stream invalidates it when something arrives; the slow poll
 * only covers a stream that cannot connect (a proxy that buffers, for instance).
 */
export function useUnreadCount(live: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get('/api/notifications', { query: { page: 1, pageSize: 1 }, signal }).then((page) => page.unread),
    refetchInterval: live ? false : 60_000,
  });
}

export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/api/notifications/{id}/read', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
