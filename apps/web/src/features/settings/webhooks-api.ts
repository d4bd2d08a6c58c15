import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Body, Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Webhook = Schemas['WebhookDto'];
export type CreatedWebhook = Schemas['CreatedWebhookDto'];
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];
export type WebhookEvent = Schemas['CreateWebhookDto']['events'][number];

export const DELIVERIES_PAGE_SIZE = 10;

const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  deliveries: (id: string, page: number) => ['webhooks', 'deliveries', id, page] as const,
};

export function useWebhooks() {
  const api = useApi();
  return useQuery({ queryKey: webhookKeys.list, queryFn: ({ signal }) => api.get('/api/webhooks', { signal }) });
}

export function useDeliveries(id: string, page: number) {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.deliveries(id, page),
    queryFn: ({ signal }) => api.get('/api/webhooks/{id}/deliveries', { path: { id }, query: { page, pageSize: DELIVERIES_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
    // Retries of a failed delivery happen in the background; follow them while any is pending.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'PENDING') ? 3000 : false),
  });
}

function useWebhookMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }) });
}

export function useCreateWebhook() {
  const api = useApi();
  return useWebhookMutation((body: Body<'post', '/api/webhooks'>) => api.post('/api/webhooks', { body }));
}

export function useUpdateWebhook() {
  const api = useApi();
  return useWebhookMutation(({ id, body }: { id: string; body: Body<'patch', '/api/webhooks/{id}'> }) => api.patch('/api/webhooks/{id}', { path: { id }, body }));
}

export function useDeleteWebhook() {
  const api = useApi();
  return useWebhookMutation((id: string) => api.delete('/api/webhooks/{id}', { path: { id } }));
}

export function useTestWebhook() {
  const api = useApi();
  return useWebhookMutation((id: string) => api.post('/api/webhooks/{id}/test', { path: { id } }));
}

/** Sends a past delivery's event again, as a new delivery (see the API's redeliver). */
export function useRedeliver(webhookId: string) {
  const api = useApi();
  return useWebhookMutation((deliveryId: string) => api.post('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', { path: { id: webhookId, deliveryId } }));
}

export function useRotateSecret() {
  const api = useApi();
  return useWebhookMutation((id: string) => api.post('/api/webhooks/{id}/rotate-secret', { path: { id } }));
}
