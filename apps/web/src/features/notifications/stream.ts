import type { Schemas } from '../../api/client';
import type { Session } from '../../api/session';
import { readSseEvents } from '../../api/sse';

export type Notification = Schemas['NotificationDto'];

export interface StreamDeps {
  /** The current session (its access token goes in the Authorization header, never in the URL). */
  session: () => Session | null;
  /** Gets a fresh access token after a 401; null when the session is over. */
  refresh: (stale: Session) => Promise<Session | null>;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  onNotification: (notification: Notification) => void;
  /** Told when the live connection opens or drops, so the UI can fall back to polling. */
  onStatus?: (live: boolean) => void;
  /** Milliseconds before reconnecting after the n-th consecutive failure. */
  backoff?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/**
 * Keeps GET /api/notifications/stream open until `signal` aborts, reconnecting with backoff when the
 * connection drops and refreshing the token when the server answers 401. fetch + ReadableStream rather
 * than EventSource, so the token travels in a header instead of the query string (and server logs).
 */
export async function followNotifications(deps: StreamDeps, signal: AbortSignal): Promise<void> {
  const backoff = deps.backoff ?? defaultBackoff;
  let failures = 0;
  while (!signal.aborted) {
    let session = deps.session();
    if (!session) return;
    try {
      let response = await deps.fetch('/api/notifications/stream', { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.accessToken}` }, signal });
      if (response.status === 401) {
        await response.body?.cancel();
        session = await deps.refresh(session);
        if (!session) return;
        response = await deps.fetch('/api/notifications/stream', { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.accessToken}` }, signal });
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      for await (const event of readSseEvents(response.body, signal)) {
        if (event.event === 'ready') {
          failures = 0;
          deps.onStatus?.(true);
        } else if (event.event === 'notification') {
          deps.onNotification(JSON.parse(event.data) as Notification);
        }
      }
    } catch {
      // Dropped, refused or aborted: fall through to the retry below (or stop when aborted).
    }
    deps.onStatus?.(false);
    if (signal.aborted) return;
    failures += 1;
    await sleep(backoff(failures), signal);
  }
}
