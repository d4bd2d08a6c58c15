import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json, testSession, type Handler } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { AssistantPage } from './AssistantPage';
import { createSseParser, type SseEvent } from '../../api/sse';

const SITE = {
  id: 'site-1', domain: 'bakery.example', displayName: 'Corner Bakery', siteUrl: 'https://bakery.example/', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', healthStatus: 'good', healthScore: 72, pageCount: 14, issueCount: 3, teamId: null,
  lastCrawlAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

function conversation(id: string, messages: unknown[] = [], title = 'Which issues first?') {
  return { id, connectionId: 'site-1', title, model: null, inputTokens: 0, outputTokens: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: new Date().toISOString(), messages };
}

/** A text/event-stream response whose events the test releases one at a time. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
    send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => controller.close(),
  };
}

/** The streaming POST goes through window.fetch (not the typed client), so it is stubbed there. */
function stubStreamFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(init.body as string) as unknown });
    return handler(url, init);
  });
  return calls;
}

function baseRoutes(detail: () => unknown, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/connections/site-1': () => json(200, SITE),
    'GET /api/assistant/status': () => json(200, { available: true, model: 'claude-test' }),
    'GET /api/connections/site-1/conversations': () => json(200, { items: [conversation('conv-1')], total: 1, page: 1, pageSize: 50 }),
    'GET /api/conversations/conv-1': () => json(200, detail()),
    ...extra,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AI assistant', () => {
  it('shows the answer as it streams in, then the stored conversation', async () => {
    const user = userEvent.setup();
    let stored: unknown[] = [];
    const { client } = createTestClient(baseRoutes(() => conversation('conv-1', stored)));
    const stream = controlledStream();
    const calls = stubStreamFetch(() => stream.response);
    renderWithProviders(client, <AssistantPage />, '/assistant/site-1?c=conv-1', '/assistant/:siteId?');

    expect(await screen.findByRole('heading', { name: 'AI assistant', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Which issues first\?/ })).toHaveAttribute('aria-current', 'page');
    await user.type(await screen.findByLabelText('Your question'), 'Which issues should I fix first?');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ url: '/api/conversations/conv-1/messages', body: { content: 'Which issues should I fix first?' } });
    expect(calls[0]!.headers.Authorization).toBe('Bearer access-1');

    const log = await screen.findByRole('list', { name: 'Messages' });
    expect(within(log).getByText('Which issues should I fix first?')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();

    stream.send('start', { conversationId: 'conv-1', userMessageId: 'u1' });
    stream.send('delta', { text: 'Fix the duplicate ' });
    await waitFor(() => expect(screen.getByTestId('streaming-answer')).toHaveTextContent(/^Fix the duplicate$/));
    expect(log).toHaveAttribute('aria-busy', 'true');

    stream.send('delta', { text: 'title on /menu first.' });
    await waitFor(() => expect(screen.getByTestId('streaming-answer')).toHaveTextContent('Fix the duplicate title on /menu first.'));

    stored = [
      { id: 'u1', role: 'user', content: 'Which issues should I fix first?', createdAt: new Date().toISOString() },
      { id: 'a1', role: 'assistant', content: 'Fix the duplicate title on /menu first.', createdAt: new Date().toISOString() },
    ];
    stream.send('done', { messageId: 'a1', usage: { inputTokens: 10, outputTokens: 9 } });
    stream.close();

    await waitFor(() => expect(screen.queryByTestId('streaming-answer')).not.toBeInTheDocument());
    const finalLog = screen.getByRole('list', { name: 'Messages' });
    expect(within(finalLog).getAllByRole('listitem')).toHaveLength(2);
    expect(within(finalLog).getByText('Fix the duplicate title on /menu first.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument();
  });

  it('keeps the partial answer and shows why it stopped when the stream reports an error', async () => {
    const user = userEvent.setup();
    let stored: unknown[] = [];
    const { client } = createTestClient(baseRoutes(() => conversation('conv-1', stored)));
    const stream = controlledStream();
    stubStreamFetch(() => stream.response);
    renderWithProviders(client, <AssistantPage />, '/assistant/site-1?c=conv-1', '/assistant/:siteId?');

    await user.type(await screen.findByLabelText('Your question'), 'Tell me everything{Enter}');
    stream.send('delta', { text: 'Start with ' });
    await waitFor(() => expect(screen.getByTestId('streaming-answer')).toHaveTextContent('Start with'));
    // As the API does, the partial answer is stored with the reason it stopped.
    stored = [
      { id: 'u1', role: 'user', content: 'Tell me everything', createdAt: new Date().toISOString() },
      { id: 'a1', role: 'assistant', content: 'Start with ', error: 'Claude is overloaded right now. Try again in a minute.', createdAt: new Date().toISOString() },
    ];
    stream.send('error', { message: 'Claude is overloaded right now. Try again in a minute.', failure: 'overloaded', messageId: 'a1' });
    stream.close();

    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent('Incomplete answer: Claude is overloaded right now. Try again in a minute.');
    await waitFor(() => expect(screen.queryByTestId('streaming-answer')).not.toBeInTheDocument());
    const answer = note.closest('li')!;
    expect(answer).toHaveTextContent(/^AssistantStart with/);
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument();
  });

  it('starts a new conversation from the first question', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      ...baseRoutes(() => conversation('conv-2', [], 'New conversation')),
      'GET /api/connections/site-1/conversations': () => json(200, { items: [], total: 0, page: 1, pageSize: 50 }),
      'POST /api/connections/site-1/conversations': () => json(201, conversation('conv-2', [], 'New conversation')),
      'GET /api/conversations/conv-2': () => json(200, conversation('conv-2', [])),
    });
    const stream = controlledStream();
    const calls = stubStreamFetch(() => stream.response);
    renderWithProviders(client, <AssistantPage />, '/assistant/site-1', '/assistant/:siteId?');

    expect(await screen.findByText('No conversations yet. Ask a question to start one.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Your question'), 'Hello{Enter}');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/connections/site-1/conversations')).toBe(true);
    expect(calls[0]!.url).toBe('/api/conversations/conv-2/messages');
    stream.send('delta', { text: 'Hi there.' });
    await waitFor(() => expect(screen.getByTestId('streaming-answer')).toHaveTextContent('Hi there.'));
    stream.close();
  });

  it('shows a refusal (no API key) and gives the question back', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient(baseRoutes(() => conversation('conv-1', [])));
    stubStreamFetch(() => errorBody(503, 'The AI assistant needs an Anthropic API key: set ANTHROPIC_API_KEY on the server.', { code: 'AI_NOT_CONFIGURED' }));
    renderWithProviders(client, <AssistantPage />, '/assistant/site-1?c=conv-1', '/assistant/:siteId?');

    await user.type(await screen.findByLabelText('Your question'), 'Anything?{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The question was not sent');
    expect(alert).toHaveTextContent(/needs an Anthropic API key/);
    expect(screen.getByLabelText('Your question')).toHaveValue('Anything?');
  });

  it('refreshes the access token and retries once when the stream request answers 401', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient(
      baseRoutes(() => conversation('conv-1', []), {
        'POST /api/auth/refresh': () => json(200, { accessToken: 'access-2', expiresIn: 900, user: testSession().user }),
      }),
      testSession({ expiresAt: Date.now() + 600_000 }),
    );
    let first = true;
    const calls = stubStreamFetch(() => {
      if (first) {
        first = false;
        return errorBody(401, 'Access token expired');
      }
      const stream = controlledStream();
      stream.send('done', { messageId: 'a1' });
      stream.close();
      return stream.response;
    });
    renderWithProviders(client, <AssistantPage />, '/assistant/site-1?c=conv-1', '/assistant/:siteId?');
    await user.type(await screen.findByLabelText('Your question'), 'Hi{Enter}');
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('lets the user pick a site when none is in the address', async () => {
    const { client } = createTestClient({ 'GET /api/connections': () => json(200, { items: [SITE], total: 1, page: 1, pageSize: 20 }) });
    renderWithProviders(client, <AssistantPage />, '/assistant', '/assistant/:siteId?');
    expect(await screen.findByRole('link', { name: /Corner Bakery/ })).toHaveAttribute('href', '/assistant/site-1');
  });
});

describe('createSseParser', () => {
  it('assembles events split across chunks at any point, skipping comments', () => {
    const seen: SseEvent[] = [];
    const parser = createSseParser((m) => seen.push(m));
    const wire = ': keep-alive\n\nevent: delta\r\ndata: {"text":"a"}\r\n\r\nevent: done\ndata: {"x":1}\ndata: {"y":2}\n\n';
    for (const ch of wire) parser.push(ch);
    parser.end();
    expect(seen).toEqual([
      { event: 'delta', data: '{"text":"a"}' },
      { event: 'done', data: '{"x":1}\n{"y":2}' },
    ]);
  });
});
