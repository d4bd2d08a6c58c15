import type { Response } from 'express';

/** Where a streamed answer goes; the service only knows this, not HTTP. */
export interface ChatEventSink {
  /** Aborted when the reader goes away before the answer is complete. */
  readonly signal: AbortSignal;
  /** Commits to a 200 event stream: errors after this are `error` events, not HTTP statuses. */
  open(): void;
  send(event: 'start' | 'delta' | 'done' | 'error', data: unknown): void;
  end(): void;
}

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events over an Express response. Proxies buffer and time out idle responses, so
 * buffering is switched off (`X-Accel-Buffering`) and a comment line is sent every 15 s while
 * the model thinks.
 */
export class SseStream implements ChatEventSink {
  private readonly controller = new AbortController();
  private heartbeat: NodeJS.Timeout | undefined;
  readonly signal = this.controller.signal;

  constructor(private readonly res: Response) {
    res.on('close', () => {
      clearInterval(this.heartbeat);
      if (!res.writableEnded) this.controller.abort();
    });
  }

  open(): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }

  private write(chunk: string): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(chunk);
  }
}
