import type { AddressInfo } from 'node:net';
import { PLAN_LIMITS, type ApiErrorBody } from '@seology/contracts';
import { startAnthropicMessagesServer, type AnthropicMessagesServer } from '@seology/fixes/testing';
import { createTestApp, signUpUser, teardown, until, type TestApp } from '../testing/test-app';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { HISTORY_TURNS } from './ai-chat.service';
import type { ConversationDto } from './dto/conversation.dto';

type User = Awaited<ReturnType<typeof signUpUser>>;
interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}
interface StoredMessageBody {
  id: string;
  role: string;
  content: string;
  error?: string;
}

function parseSse(raw: string): SseEvent[] {
  return raw
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => !line.startsWith(':')))
    .filter((lines) => lines.some((l) => l.startsWith('event: ')))
    .map((lines) => ({
      event: lines.find((l) => l.startsWith('event: '))!.slice(7),
      data: JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>,
    }));
}

describe('AI assistant (e2e, streamed from the local Messages API)', () => {
  let t: TestApp;
  let claude: AnthropicMessagesServer;
  let base: string;

  beforeAll(async () => {
    claude = await startAnthropicMessagesServer();
    t = await createTestApp({ ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_MODEL: 'claude-test-model' });
    // A real listening port: the stream is read chunk by chunk with fetch, as a browser would.
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => teardown([['app', () => t?.close()], ['claude', () => claude?.close()]]));
  beforeEach(() => {
    process.env.ANTHROPIC_API_KEY = claude.apiKey;
    claude.streamDelayMs = 5;
    claude.respondText = () => ['Start with ', 'the missing ', 'meta description ', 'on /about.'];
  });

  async function siteWithIssues(user: User) {
    const site = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://93.184.216.34/', platform: 'CUSTOM', displayName: 'Corner Bakery' }).expect(201)).body as ConnectionDto;
    await t.prisma.connection.update({ where: { id: site.id }, data: { healthScore: 72, pageCount: 14, issueCount: 3 } });
    const issue = (type: string, severity: 'CRITICAL' | 'HIGH' | 'LOW', title: string, pageUrl: string, evidence: string, impactScore: number) => ({
      connectionId: site.id, fingerprint: `${type}|${pageUrl}`, type, category: 'meta', severity, title, description: title, pageUrl, evidence, impactScore,
    });
    await t.prisma.issue.createMany({
      data: [
        issue('meta-description-missing', 'HIGH', 'Meta description is missing', 'http://93.184.216.34/about', '<head> has no meta description', 80),
        issue('title-duplicate', 'CRITICAL', 'Title is used on 2 pages', 'http://93.184.216.34/menu', 'Corner Bakery | Home', 90),
        issue('img-alt-missing', 'LOW', 'Image without alt text', 'http://93.184.216.34/', '<img src="/croissant.jpg">', 20),
        { ...issue('h1-missing', 'HIGH', 'Fixed already', 'http://93.184.216.34/old', 'x', 99), status: 'RESOLVED' as const },
      ],
    });
    return site;
  }

  async function conversationFor(user: User, siteId: string, title?: string): Promise<string> {
    const res = await t.http().post(`/api/connections/${siteId}/conversations`).set(user.auth).send(title ? { title } : {}).expect(201);
    return (res.body as ConversationDto).id;
  }

  /** POSTs a question and reads the answer as it streams; `onChunk` sees every network chunk. */
  async function ask(user: User, conversationId: string, content: string, opts: { signal?: AbortSignal; onChunk?: (text: string) => void } = {}) {
    const res = await fetch(`${base}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content }),
      signal: opts.signal,
    });
    const chunks: string[] = [];
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        chunks.push(text);
        opts.onChunk?.(text);
      }
    } catch (error) {
      if (!opts.signal?.aborted) throw error;
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', chunks, raw: chunks.join(''), events: parseSse(chunks.join('')) };
  }

  const conversation = async (user: User, id: string) =>
    (await t.http().get(`/api/conversations/${id}`).set(user.auth).expect(200)).body as { title: string; inputTokens: number; outputTokens: number; model: string; messages: StoredMessageBody[] };

  it('streams the answer in several chunks, stores both turns, sends the site and its issues upstream, and meters tokens', async () => {
    claude.streamDelayMs = 30;
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    const before = claude.requests.length;

    const answer = await ask(user, id, 'Which issue should I fix first?');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/event-stream/);
    const deltaChunks = answer.chunks.filter((c) => c.includes('event: delta'));
    expect(deltaChunks.length).toBeGreaterThanOrEqual(3);
    expect(answer.events.map((e) => e.event)).toEqual(['start', 'delta', 'delta', 'delta', 'delta', 'done']);
    const text = answer.events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
    expect(text).toBe('Start with the missing meta description on /about.');
    const done = answer.events.at(-1)!.data as { messageId: string; model: string; usage: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number } };
    expect(done.model).toBe('claude-test-model');
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    expect(done.usage.cacheCreationInputTokens).toBeGreaterThan(0);

    const stored = await conversation(user, id);
    expect(stored.messages).toMatchObject([
      { role: 'user', content: 'Which issue should I fix first?', id: answer.events[0]!.data.userMessageId },
      { role: 'assistant', content: text, id: done.messageId },
    ]);
    expect(stored.messages[1]!.error).toBeUndefined();
    expect(stored.title).toBe('Which issue should I fix first?');
    expect(stored.model).toBe('claude-test-model');
    expect(stored.outputTokens).toBe(done.usage.outputTokens);

    expect(claude.requests).toHaveLength(before + 1);
    const sent = claude.requests.at(-1)!.body;
    expect(sent.stream).toBe(true);
    expect(sent.model).toBe('claude-test-model');
    expect(sent.messages).toEqual([{ role: 'user', content: 'Which issue should I fix first?' }]);
    const context = sent.system![1]!;
    expect(context.cache_control).toEqual({ type: 'ephemeral' });
    expect(context.text).toContain('Corner Bakery (93.184.216.34)');
    expect(context.text).toContain('Health score: 72/100');
    expect(context.text).toContain('Open issues: 3 (CRITICAL 1, HIGH 1, MEDIUM 0, LOW 1, INFO 0)');
    expect(context.text).toContain('title-duplicate | CRITICAL | Title is used on 2 pages | http://93.184.216.34/menu | Corner Bakery | Home');
    expect(context.text).toContain('meta-description-missing | HIGH | Meta description is missing | http://93.184.216.34/about');
    expect(context.text).not.toContain('Fixed already');
    // Highest impact first.
    expect(context.text.indexOf('title-duplicate')).toBeLessThan(context.text.indexOf('meta-description-missing'));

    const usage = await t.prisma.usageRecord.findFirst({ where: { userId: user.id } });
    expect(usage?.aiTokens).toBe(done.usage.inputTokens + done.usage.outputTokens + done.usage.cacheCreationInputTokens);

    // A follow-up carries the history, and the unchanged site block is read from the cache.
    claude.respondText = () => ['Then the duplicate title.'];
    const second = await ask(user, id, 'And after that?');
    const secondDone = second.events.at(-1)!;
    expect(secondDone.event).toBe('done');
    expect((secondDone.data.usage as { cacheReadInputTokens: number }).cacheReadInputTokens).toBe(done.usage.cacheCreationInputTokens);
    expect(claude.requests.at(-1)!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect((await conversation(user, id)).messages).toHaveLength(4);

    const list = await t.http().get(`/api/connections/${site.id}/conversations`).set(user.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id, title: 'Which issue should I fix first?' }] });
  });

  it('sends only the last turns upstream', async () => {
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id, 'Long one');
    const old = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `turn ${i}`, createdAt: new Date().toISOString() }));
    await t.prisma.aIConversation.update({ where: { id }, data: { messages: old } });
    const answer = await ask(user, id, 'newest question');
    expect(answer.events.at(-1)!.event).toBe('done');
    const sent = claude.requests.at(-1)!.body.messages;
    expect(sent.length).toBeLessThanOrEqual(HISTORY_TURNS);
    expect(sent[0]!.role).toBe('user');
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'newest question' });
    expect(sent.at(-2)).toEqual({ role: 'assistant', content: 'turn 39' });
    expect((await conversation(user, id)).title).toBe('Long one');
  });

  it("answers 404 for another user's site or conversation, and never shows it", async () => {
    const owner = await signUpUser(t, 'owner');
    const intruder = await signUpUser(t, 'intruder');
    const site = await siteWithIssues(owner);
    const id = await conversationFor(owner, site.id);
    const requestsBefore = claude.requests.length;

    await t.http().post(`/api/connections/${site.id}/conversations`).set(intruder.auth).send({}).expect(404);
    await t.http().get(`/api/connections/${site.id}/conversations`).set(intruder.auth).expect(404);
    const get = await t.http().get(`/api/conversations/${id}`).set(intruder.auth).expect(404);
    expect((get.body as ApiErrorBody).message).toBe('No conversation with this id.');
    await t.http().post(`/api/conversations/${id}/messages`).set(intruder.auth).send({ content: 'hello?' }).expect(404);
    await t.http().delete(`/api/conversations/${id}`).set(intruder.auth).expect(404);
    expect(claude.requests.length).toBe(requestsBefore);
    expect((await conversation(owner, id)).messages).toEqual([]);

    await t.http().delete(`/api/conversations/${id}`).set(owner.auth).expect(204);
    await t.http().get(`/api/conversations/${id}`).set(owner.auth).expect(404);
  });

  it('validates the question and the title', async () => {
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    for (const body of [{}, { content: '' }, { content: '   \n ' }, { content: 'x'.repeat(4001) }, { content: 42 }, { content: 'ok', extra: true }]) {
      const res = await t.http().post(`/api/conversations/${id}/messages`).set(user.auth).send(body).expect(400);
      expect((res.body as ApiErrorBody).code).toBe('VALIDATION_FAILED');
    }
    const tooLong = await t.http().post(`/api/connections/${site.id}/conversations`).set(user.auth).send({ title: 't'.repeat(121) }).expect(400);
    expect((tooLong.body as ApiErrorBody).message).toMatch(/title/);
    expect((await conversation(user, id)).messages).toEqual([]);
  });

  it('says clearly that the assistant needs an Anthropic API key when none is configured', async () => {
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    process.env.ANTHROPIC_API_KEY = '';
    const status = await t.http().get('/api/assistant/status').set(user.auth).expect(200);
    expect(status.body).toMatchObject({ available: false, model: null });
    const res = await t.http().post(`/api/conversations/${id}/messages`).set(user.auth).send({ content: 'Hello?' }).expect(503);
    expect(res.body).toMatchObject({ code: 'AI_NOT_CONFIGURED', message: expect.stringMatching(/needs an Anthropic API key.*ANTHROPIC_API_KEY/) as unknown });
    expect((await conversation(user, id)).messages).toEqual([]);
    process.env.ANTHROPIC_API_KEY = claude.apiKey;
    expect((await t.http().get('/api/assistant/status').set(user.auth).expect(200)).body).toEqual({ available: true, model: 'claude-test-model' });
  });

  it("refuses with 402 before calling Claude once the month's AI tokens are used", async () => {
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    const now = new Date();
    const limit = PLAN_LIMITS.FREE.aiTokensPerMonth;
    await t.prisma.usageRecord.create({ data: { userId: user.id, month: now.getUTCMonth() + 1, year: now.getUTCFullYear(), aiTokens: limit } });
    const before = claude.requests.length;
    const res = await t.http().post(`/api/conversations/${id}/messages`).set(user.auth).send({ content: 'One more?' }).expect(402);
    expect(res.body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { meter: 'aiTokens', limit, used: limit } });
    expect(claude.requests.length).toBe(before);
    expect((await conversation(user, id)).messages).toEqual([]);
  });

  it('keeps the partial answer and reports the error when the upstream stream fails midway', async () => {
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    claude.inject({ status: 'mid-stream', afterDeltas: 2 });
    const answer = await ask(user, id, 'Tell me everything');
    expect(answer.status).toBe(200);
    expect(answer.events.map((e) => e.event)).toEqual(['start', 'delta', 'delta', 'error']);
    const error = answer.events.at(-1)!.data as { message: string; failure: string; messageId: string };
    expect(error).toMatchObject({ failure: 'overloaded', message: expect.stringMatching(/overloaded/i) as unknown });
    const stored = await conversation(user, id);
    expect(stored.messages).toHaveLength(2);
    expect(stored.messages[1]).toMatchObject({ id: error.messageId, role: 'assistant', content: 'Start with the missing ', error: error.message });
    // Input tokens reported before the failure are still metered.
    expect((await t.prisma.usageRecord.findFirst({ where: { userId: user.id } }))?.aiTokens ?? 0).toBeGreaterThan(0);

    // The conversation goes on: the partial answer stays in the history, which is still well-formed.
    const next = await ask(user, id, 'Try again');
    expect(next.events.at(-1)!.event).toBe('done');
    expect(claude.requests.at(-1)!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(claude.requests.at(-1)!.body.messages.at(-1)).toEqual({ role: 'user', content: 'Try again' });
  });

  it('answers one question at a time per conversation: 409 while an answer is being written', async () => {
    claude.streamDelayMs = 30;
    claude.respondText = () => Array.from({ length: 20 }, (_, i) => `part${i} `);
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    let streaming!: () => void;
    const started = new Promise<void>((resolve) => (streaming = resolve));
    const first = ask(user, id, 'First question', { onChunk: (text) => text.includes('event: delta') && streaming() });
    await started;
    const second = await t.http().post(`/api/conversations/${id}/messages`).set(user.auth).send({ content: 'Second question' }).expect(409);
    expect(second.body).toMatchObject({ code: 'ANSWER_IN_PROGRESS', message: expect.stringContaining('still being written') as unknown });
    expect((await first).events.at(-1)?.event).toBe('done');

    // Once it is written, the next question goes through with the first answer in its history.
    claude.streamDelayMs = 5;
    claude.respondText = () => ['Noted.'];
    expect((await ask(user, id, 'Third question')).events.at(-1)?.event).toBe('done');
    const stored = await conversation(user, id);
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(stored.messages.map((m) => m.content)).not.toContain('Second question');
    const sent = claude.requests.at(-1)!.body.messages;
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent[1])).toContain('part19');
  });

  it('stops the upstream stream when the client goes away and stores what arrived', async () => {
    claude.streamDelayMs = 40;
    claude.respondText = () => Array.from({ length: 100 }, (_, i) => `word${i} `);
    const user = await signUpUser(t);
    const site = await siteWithIssues(user);
    const id = await conversationFor(user, site.id);
    const abortedBefore = claude.abortedStreams;
    const controller = new AbortController();
    await ask(user, id, 'A long answer please', { signal: controller.signal, onChunk: (text) => text.includes('event: delta') && controller.abort() });
    await until(() => claude.abortedStreams, (n) => n === abortedBefore + 1, 10_000);
    const stored = await until(() => conversation(user, id), (c) => c.messages.length === 2, 10_000);
    expect(stored.messages[1]).toMatchObject({ role: 'assistant', error: 'The answer was stopped before it finished.' });
    expect(stored.messages[1]!.content).toMatch(/^word0 /);
    expect(stored.messages[1]!.content.length).toBeLessThan(Array.from({ length: 100 }, (_, i) => `word${i} `).join('').length);
  });
});
