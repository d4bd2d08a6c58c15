export interface SseMessage {
  event: string;
  data: string;
}

/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format): feed it text as it
 * arrives, in chunks that may split a line or an event anywhere (LF or CRLF line ends); it calls `onMessage` for every
 * complete event. Comment lines (`: keep-alive`) are skipped; several `data:` lines join with "\n".
 */
export function createSseParser(onMessage: (message: SseMessage) => void) {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const dispatch = () => {
    if (data.length) onMessage({ event: event || 'message', data: data.join('\n') });
    event = '';
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
