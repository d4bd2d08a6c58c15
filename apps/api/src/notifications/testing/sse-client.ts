import { get, type IncomingMessage } from 'node:http';

export interface StreamEvent {
  event: string;
  data: string;
}

/** An EventSource-like client on node:http: resolves once the server says `ready` (subscribed). */
export function openNotificationStream(port: number, query: string): Promise<{ status: number; events: StreamEvent[]; next(type: string, timeoutMs?: number): Promise<StreamEvent>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: `/api/notifications/stream${query}`, headers: { accept: 'text/event-stream' } }, (res: IncomingMessage) => {
      const events: StreamEvent[] = [];
      const waiters: { type: string; seen: number; done: (e: StreamEvent) => void }[] = [];
      let buffer = '';
      const stream = {
        status: res.statusCode ?? 0,
        events,
        next(type: string, timeoutMs = 10_000) {
          const seen = events.filter((e) => e.event === type).length;
          return new Promise<StreamEvent>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
            waiters.push({ type, seen, done: (e) => { clearTimeout(timer); ok(e); } });
          });
        },
        close: () => req.destroy(),
      };
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(stream);
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (!event) continue;
          const parsed = { event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' };
          events.push(parsed);
          if (event === 'ready') resolve(stream);
          for (const w of [...waiters]) {
            if (w.type === event && events.filter((e) => e.event === event).length > w.seen) {
              waiters.splice(waiters.indexOf(w), 1);
              w.done(parsed);
            }
          }
        }
      });
    });
    req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
  });
}
