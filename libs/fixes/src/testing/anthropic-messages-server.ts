import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages) as documented: `x-api-key`
 * auth (or `Authorization: Bearer`, which this SDK version sends), a `message` object whose `content` holds the forced `tool_use` block, `usage` with
 * `cache_creation_input_tokens` / `cache_read_input_tokens` (the first request with a given cached
 * system block creates the cache, later ones read it), and the documented error bodies:
 * 401 `authentication_error`, 429 `rate_limit_error` with `retry-after`, 529 `overloaded_error`.
 *
 * With `stream: true` it answers `text/event-stream` in the documented event order: `message_start`
 * (usage so far), `content_block_start`, `ping`, one `content_block_delta` (`text_delta`) per chunk
 * of `respondText`, `content_block_stop`, `message_delta` (stop reason and output usage),
 * `message_stop`. A `{ status: 'mid-stream' }` fault sends `event: error` after some deltas, as the
 * API does when it is overloaded part-way through an answer.
 */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  system?: Array<{ type: 'text'; text: string; cache_control?: { type: 'ephemeral' } }>;
  tools?: Array<{ name: string; input_schema: unknown }>;
  tool_choice?: { type: string; name?: string };
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
}

export type MessagesFault =
  | { status: 429; retryAfterSeconds?: number }
  | { status: 529 }
  | { status: 401 }
  /** A streamed answer that starts, sends `afterDeltas` text deltas, then `event: error`. */
  | { status: 'mid-stream'; afterDeltas: number; errorType?: 'overloaded_error' | 'api_error' };

export interface AnthropicMessagesServer {
  /** Base URL to pass as `baseURL` (no trailing /v1). */
  url: string;
  apiKey: string;
  requests: Array<{ headers: Record<string, string | string[] | undefined>; body: MessagesRequestBody }>;
  /** Answer the next request(s) with these errors, in order. */
  inject(...faults: MessagesFault[]): void;
  /** Decides the tool input per request; default echoes nothing. */
  respond: (body: MessagesRequestBody) => unknown;
  /** The text of an answer without tools, streamed chunk by chunk when `stream: true`. */
  respondText: (body: MessagesRequestBody) => string[];
  /** Pause between streamed events, so chunks reach the client separately. */
  streamDelayMs: number;
  /** Streams whose client went away before `message_stop`. */
  abortedStreams: number;
  close(): Promise<void>;
}

const ERROR_TYPE: Record<number, string> = { 401: 'authentication_error', 429: 'rate_limit_error', 529: 'overloaded_error' };

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  }).then((text) => JSON.parse(text || '{}') as unknown);
}

export async function startAnthropicMessagesServer(opts: { apiKey?: string; respond?: (body: MessagesRequestBody) => unknown } = {}): Promise<AnthropicMessagesServer> {
  const apiKey = opts.apiKey ?? 'sk-ant-test-key';
  const faults: MessagesFault[] = [];
  const cached = new Set<string>();
  let counter = 0;
  const state: AnthropicMessagesServer = {
    url: '',
    apiKey,
    requests: [],
    inject: (...f) => void faults.push(...f),
    respond: opts.respond ?? (() => ({ proposals: [] })),
    respondText: () => ['Hello', ' from', ' the', ' local', ' Messages', ' API.'],
    streamDelayMs: 5,
    abortedStreams: 0,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server = createServer((req, res) => {
    const fail = (status: number, message: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++counter}`, ...headers });
      res.end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPE[status] ?? 'invalid_request_error', message } }));
    };
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') return fail(404, 'Not found');
    void readJson(req).then((raw) => {
      const body = raw as MessagesRequestBody;
      state.requests.push({ headers: req.headers, body });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (req.headers['x-api-key'] !== apiKey && bearer !== apiKey) return fail(401, 'invalid x-api-key');
      const fault = faults.shift();
      if (fault?.status === 429) return fail(429, 'Number of request tokens has exceeded your per-minute rate limit', { 'retry-after': String(fault.retryAfterSeconds ?? 0) });
      if (fault?.status === 529) return fail(529, 'Overloaded');
      if (fault?.status === 401) return fail(401, 'invalid x-api-key');
      if (!body.model || !body.max_tokens || !Array.isArray(body.messages)) return fail(400, 'model, max_tokens and messages are required');
      if (!body.messages.length || body.messages[0]!.role !== 'user') return fail(400, 'messages: the first message must use the "user" role');
      // Token counts are approximations (4 characters a token); what matters is which bucket they land in.
      let cacheCreation = 0;
      let cacheRead = 0;
      let uncachedChars = JSON.stringify(body.messages).length;
      let prefix = '';
      for (const block of body.system ?? []) {
        prefix += block.text;
        if (block.cache_control?.type === 'ephemeral') {
          const tokens = Math.ceil(prefix.length / 4);
          if (cached.has(prefix)) cacheRead += tokens;
          else {
            cached.add(prefix);
            cacheCreation += tokens;
          }
          prefix = '';
        }
      }
      uncachedChars += prefix.length;
      const inputUsage = { input_tokens: Math.ceil(uncachedChars / 4), cache_creation_input_tokens: cacheCreation, cache_read_input_tokens: cacheRead };
      const id = `msg_${++counter}`;
      if (body.stream) return void streamText(res, id, body, inputUsage, fault?.status === 'mid-stream' ? fault : undefined).catch(() => res.destroy());
      if (!body.tools?.length) {
        const text = state.respondText(body).join('');
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${counter}` });
        res.end(JSON.stringify({
          id, type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text }],
          stop_reason: 'end_turn', stop_sequence: null, usage: { ...inputUsage, output_tokens: Math.ceil(text.length / 4) },
        }));
        return;
      }
      const tool = body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'tool';
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${++counter}` });
      res.end(JSON.stringify({
        id: `msg_${counter}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'tool_use', id: `toolu_${counter}`, name: tool, input: state.respond(body) }],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: Math.ceil(uncachedChars / 4), output_tokens: 50, cache_creation_input_tokens: cacheCreation, cache_read_input_tokens: cacheRead },
      }));
    }).catch(() => fail(400, 'invalid JSON'));
  });
  async function streamText(
    res: ServerResponse,
    id: string,
    body: MessagesRequestBody,
    inputUsage: { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number },
    fault: Extract<MessagesFault, { status: 'mid-stream' }> | undefined,
  ): Promise<void> {
    let closed = false;
    res.on('close', () => {
      if (!res.writableEnded) {
        closed = true;
        state.abortedStreams++;
      }
    });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': `req_${counter}` });
    const send = async (event: string, data: unknown) => {
      if (closed) return;
      res.write(`event: ${event}
data: ${JSON.stringify(data)}

`);
      await new Promise((r) => setTimeout(r, state.streamDelayMs));
    };
    const chunks = state.respondText(body);
    await send('message_start', {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...inputUsage, output_tokens: 1 } },
    });
    await send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    await send('ping', { type: 'ping' });
    let sent = 0;
    for (const text of chunks) {
      if (fault && sent >= fault.afterDeltas) break;
      await send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
      sent++;
    }
    if (fault) {
      const type = fault.errorType ?? 'overloaded_error';
      await send('error', { type: 'error', error: { type, message: type === 'overloaded_error' ? 'Overloaded' : 'Internal server error' } });
      if (!closed) res.end();
      return;
    }
    await send('content_block_stop', { type: 'content_block_stop', index: 0 });
    await send('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: Math.ceil(chunks.join('').length / 4) } });
    await send('message_stop', { type: 'message_stop' });
    if (!closed) res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
