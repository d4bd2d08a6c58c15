import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR_MESSAGE, SESSION_ENDED_MESSAGE, toApiError, type ApiClient, type Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';
import { createSseParser } from '../../api/sse';

export type Conversation = Schemas['ConversationDto'];
export type ConversationDetail = Schemas['ConversationDetailDto'];
export type ChatMessage = Schemas['ConversationMessageDto'];

/** Same limit as the API's SendMessageDto. */
export const MAX_QUESTION_LENGTH = 4000;

export const assistantKeys = {
  status: ['assistant', 'status'] as const,
  list: (siteId: string) => ['assistant', 'site', siteId, 'conversations'] as const,
  detail: (id: string) => ['assistant', 'conversation', id] as const,
};

export function useAssistantStatus() {
  const api = useApi();
  return useQuery({
    queryKey: assistantKeys.status,
    queryFn: ({ signal }) => api.get('/api/assistant/status', { signal }),
    staleTime: 60_000,
  });
}

export function useConversations(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: assistantKeys.list(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{connectionId}/conversations', { path: { connectionId: siteId }, query: { page: 1, pageSize: 50 }, signal }),
  });
}

export function useConversation(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: assistantKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get('/api/conversations/{id}', { path: { id: id! }, signal }),
    enabled: Boolean(id),
  });
}

export function useCreateConversation(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/connections/{connectionId}/conversations', { path: { connectionId: siteId }, body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistantKeys.list(siteId) }),
  });
}

export function useDeleteConversation(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/conversations/{id}', { path: { id } }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: assistantKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: assistantKeys.list(siteId) });
    },
  });
}

export interface StreamHandlers {
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}

export type StreamOutcome =
  | { kind: 'done'; messageId: string }
  | { kind: 'error'; message: string; messageId: string | null };

const REFRESH_MARGIN_MS = 15_000;

/**
 * Sends a question and reads the answer as it streams (`fetch` + a ReadableStream reader; EventSource
 * cannot POST or send an Authorization header). Uses the API client's session: the access token is
 * refreshed first when it is about to expire, and once more after a 401. Refusals before the stream
 * starts (404, 402, 503…) throw the API's error; a failure mid-answer resolves as `{ kind: 'error' }`.
 */
export async function streamAnswer(api: ApiClient, conversationId: string, content: string, handlers: StreamHandlers): Promise<StreamOutcome> {
  const url = `/api/conversations/${encodeURIComponent(conversationId)}/messages`;
  const send = async (accessToken: string) => {
    try {
      return await globalThis.fetch(url, {
        method: 'POST',
        headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ content }),
        signal: handlers.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, NETWORK_ERROR_MESSAGE, { code: 'NETWORK_ERROR' });
    }
  };

  let session = api.session;
  if (session && session.expiresAt - Date.now() <= REFRESH_MARGIN_MS) session = await api.refresh(session);
  if (!session) throw new ApiError(401, SESSION_ENDED_MESSAGE, { code: 'SESSION_ENDED' });
  let response = await send(session.accessToken);
  if (response.status === 401) {
    const next = await api.refresh(session);
    if (!next) throw new ApiError(401, SESSION_ENDED_MESSAGE, { code: 'SESSION_ENDED' });
    response = await send(next.accessToken);
  }
  if (!response.ok) throw await toApiError(response);
  if (!response.body) throw new ApiError(0, 'The answer could not be read in this browser.');

  let outcome = null as StreamOutcome | null;
  const parser = createSseParser(({ event, data }) => {
    const payload = JSON.parse(data) as Record<string, unknown>;
    if (event === 'delta' && typeof payload.text === 'string') handlers.onDelta(payload.text);
    else if (event === 'done') outcome = { kind: 'done', messageId: String(payload.messageId) };
    else if (event === 'error') outcome = { kind: 'error', message: String(payload.message), messageId: typeof payload.messageId === 'string' ? payload.messageId : null };
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.end();
  return outcome ?? { kind: 'error', message: 'The connection closed before the answer was complete. Try again.', messageId: null };
}
