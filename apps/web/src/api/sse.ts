/** One Server-Sent Event as the API writes them: `event:`, `data:` and optionally `id:` lines. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format): feed it text as it
 * arrives, in chunks that may split a line or an event anywhere (LF or CRLF line ends); it calls
 * `onEvent` for every complete event. Comment lines (`: keep-alive`) are skipped; several `data:` lines
 * join with "\n"; an event without data is not dispatched.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let event = '';
  let id: string | undefined;
  let data: string[] = [];

  const dispatch = () => {
    if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
    event = '';
    id = undefined;
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return {
    push(chunk: string) {
      buffer += chunk;
      const lines = buffer.split('\n');
      // The last piece may be an unfinished line: keep it for the next chunk.
      buffer = lines.pop() ?? '';
      // Splitting on \n alone and trimming \r keeps a CRLF that a chunk boundary cut in two intact.
      for (const text of lines) line(text.endsWith('\r') ? text.slice(0, -1) : text);
    },
    /** The stream ended: an event without its closing blank line still counts. */
    end() {
      if (buffer) line(buffer);
      buffer = '';
      dispatch();
    },
  };
}

/**
 * The events of a text/event-stream body, as they arrive. As the format says, an event the stream
 * ends in the middle of (no closing blank line) is dropped.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  // Aborting ends a pending read at once, whether or not the fetch implementation honours the signal.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  const decoder = new TextDecoder();
  const ready: SseEvent[] = [];
  const parser = createSseParser((event) => ready.push(event));
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
      yield* ready.splice(0);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    reader.releaseLock();
  }
}
