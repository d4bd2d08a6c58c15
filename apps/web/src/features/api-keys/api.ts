import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Body, Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];

const apiKeysKey = ['api-keys'] as const;

export function useApiKeys() {
  const api = useApi();
  return useQuery({ queryKey: apiKeysKey, queryFn: ({ signal }) => api.get('/api/api-keys', { signal }) });
}

export function useCreateApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'post', '/api/api-keys'>) => api.post('/api/api-keys', { body }),
    // The list gets the key without its secret; the secret lives only in the form's state.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/api-keys/{id}', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
