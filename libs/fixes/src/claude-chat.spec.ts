import { request as httpRequest } from 'node:http';
import { boundedHistory, ChatStreamError, ClaudeChat } from './index';
import { startAnthropicMessagesServer, type AnthropicMessagesServer } from './testing';

describe('Claude chat (streamed from the local Messages API)', () => {
  let server: AnthropicMessagesServer;
  beforeEach(async () => {
    server = await startAnthropicMessagesServer();
  });
  afterEach(() => server.close());

  const chat = () => new ClaudeChat({ apiKey: server.apiKey, baseURL: server.url, model: 'claude-test', maxRetries: 0 });
  const ask = (question: string) => ({ instructions: 'Answer briefly.', context: 'Site: example.com', messages: [{ role: 'user' as const, content: question }] });

  it('streams text deltas in order, sends a cached context block, and returns the final usage', async () => {
    server.respondText = () => ['Fix ', 'the ', 'missing ', 'titles.'];
    const deltas: string[] = [];
    const reply = await chat().reply({ ...ask('What first?'), onText: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Fix ', 'the ', 'missing ', 'titles.']);
    expect(reply.text).toBe('Fix the missing titles.');
    expect(reply.stopReason).toBe('end_turn');
    expect(reply.model).toBe('claude-test');
    const sent = server.requests[0]!.body;
    expect(sent.stream).toBe(true);
    expect(sent.system).toEqual([
      { type: 'text', text: 'Answer briefly.' },
      { type: 'text', text: 'Site: example.com', cache_control: { type: 'ephemeral' } },
    ]);
    expect(reply.usage.cacheCreationInputTokens).toBeGreaterThan(0);
    expect(reply.usage.outputTokens).toBe(Math.ceil('Fix the missing titles.'.length / 4));
    const again = await chat().reply(ask('And then?'));
    expect(again.usage.cacheReadInputTokens).toBe(reply.usage.cacheCreationInputTokens);
    expect(again.usage.cacheCreationInputTokens).toBe(0);
  });

  it('speaks the documented SSE event order on the wire', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' } }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'm', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    });
    const events = [...raw.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events).toEqual([
      'message_start', 'content_block_start', 'ping',
      ...Array<string>(6).fill('content_block_delta'),
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    expect(raw).toContain('"delta":{"type":"text_delta","text":"Hello"}');
  });

  it('keeps the partial text and usage when the stream fails midway with event: error', async () => {
    server.respondText = () => ['One ', 'two ', 'three ', 'four'];
    server.inject({ status: 'mid-stream', afterDeltas: 2 });
    const deltas: string[] = [];
    const failure = await chat().reply({ ...ask('Count'), onText: (d) => deltas.push(d) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChatStreamError);
    const error = failure as ChatStreamError;
    expect(error.failure).toBe('overloaded');
    expect(error.message).toMatch(/overloaded/i);
    expect(error.partialText).toBe('One two ');
    expect(deltas).toEqual(['One ', 'two ']);
    expect(error.usage.inputTokens).toBeGreaterThan(0);
  });

  it('reports a refused key and an abort in words a site owner can act on', async () => {
    const bad = new ClaudeChat({ apiKey: 'wrong', baseURL: server.url, maxRetries: 0 });
    await expect(bad.reply(ask('hi'))).rejects.toMatchObject({ failure: 'auth', message: expect.stringMatching(/ANTHROPIC_API_KEY/) as unknown });

    server.respondText = () => Array.from({ length: 200 }, (_, i) => `w${i} `);
    server.streamDelayMs = 20;
    const controller = new AbortController();
    const reply = chat().reply({ ...ask('long'), signal: controller.signal, onText: () => controller.abort() });
    await expect(reply).rejects.toMatchObject({ failure: 'aborted', partialText: 'w0 ' });
    for (let i = 0; i < 50 && server.abortedStreams === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.abortedStreams).toBe(1);
  });
});

describe('boundedHistory', () => {
  it('keeps the newest turns, merges same-role turns, drops empty ones and starts with the user', () => {
    const turns = [
      { role: 'user' as const, content: 'q1' },
      { role: 'assistant' as const, content: 'a1' },
      { role: 'user' as const, content: 'q2' },
      { role: 'assistant' as const, content: '' },
      { role: 'user' as const, content: 'q3' },
    ];
    expect(boundedHistory(turns, 20)).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2\n\nq3' },
    ]);
    // Two turns kept would start with the assistant: the leading assistant turn is dropped.
    expect(boundedHistory(turns, 2)).toEqual([{ role: 'user', content: 'q2\n\nq3' }]);
    expect(boundedHistory([{ role: 'user', content: 'x'.repeat(100) }], 20, 10)).toEqual([{ role: 'user', content: 'x'.repeat(10) }]);
    expect(boundedHistory([...turns, { role: 'assistant', content: 'b' }, { role: 'user', content: 'y'.repeat(8) }], 20, 10).map((t) => t.content)).toEqual(['y'.repeat(8)]);
  });
});
