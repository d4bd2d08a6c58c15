import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../api/session';
import { TEST_USER } from '../../test/fake-api';
import { readSseEvents } from '../../api/sse';
import { followNotifications, type Notification } from './stream';

function streamOf(chunks: string[], keepOpen = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!keepOpen) controller.close();
    },
  });
}

const NOTE: Notification = { id: 'n1', type: 'crawl.completed', title: 'Crawl finished', message: '12 pages', link: null, icon: null, color: null, read: false, readAt: null, createdAt: '2026-11-24T10:00:00.000Z' };

function session(token: string): Session {
  return { accessToken: token, expiresAt: Date.now() + 600_000, user: TEST_USER };
}

describe('readSseEvents', () => {
  it('parses events cut at arbitrary points, joins data lines and skips comments', async () => {
    const text = 'retry: 5000\nevent: ready\ndata: {}\n\n: ping\n\nid: n1\nevent: notification\ndata: {"a":\ndata: 1}\r\n\r\ndata: tail';
    const chunks = [text.slice(0, 7), text.slice(7, 40), text.slice(40, 41), text.slice(41)];
    const events = [];
    for await (const event of readSseEvents(streamOf(chunks))) events.push(event);
    expect(events).toEqual([
      { event: 'ready', data: '{}' },
      { event: 'notification', data: '{"a":\n1}', id: 'n1' },
    ]);
  });
});

describe('followNotifications', () => {
  it('sends the token in a header, delivers notifications, refreshes after a 401 and reconnects after a drop', async () => {
    const controller = new AbortController();
    let current = session('old');
    const received: Notification[] = [];
    const statuses: boolean[] = [];
    const calls: { url: string; auth: string }[] = [];
    const fetch = vi.fn((url: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization ?? '';
      calls.push({ url, auth });
      if (auth === 'Bearer old') return Promise.resolve(new Response(JSON.stringify({ message: 'expired' }), { status: 401 }));
      if (calls.length === 2) return Promise.resolve(new Response(streamOf([`event: ready\ndata: {}\n\nevent: notification\ndata: ${JSON.stringify(NOTE)}\n\n`]), { status: 200 }));
      // The third connection stays open until the test ends.
      return Promise.resolve(new Response(streamOf(['event: ready\ndata: {}\n\n'], true), { status: 200 }));
    });
    const done = followNotifications(
      {
        session: () => current,
        refresh: () => {
          current = session('new');
          return Promise.resolve(current);
        },
        fetch,
        onNotification: (n) => received.push(n),
        onStatus: (live) => statuses.push(live),
        backoff: () => 1,
      },
      controller.signal,
    );
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    controller.abort();
    await done;
    expect(calls.map((c) => c.auth)).toEqual(['Bearer old', 'Bearer new', 'Bearer new']);
    expect(calls.every((c) => c.url === '/api/notifications/stream')).toBe(true);
    expect(received).toEqual([NOTE]);
    expect(statuses.slice(0, 3)).toEqual([true, false, true]);
  });

  it('stops when the session is over', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 401 })));
    await followNotifications({ session: () => session('a'), refresh: () => Promise.resolve(null), fetch, onNotification: vi.fn() }, new AbortController().signal);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
