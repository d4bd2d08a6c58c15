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

export interface SseStreamOptions {
  /** A comment line is written this often while the stream is open (default 15 s). */
  heartbeatMs?: number;
}

/**
 * Server-Sent Events over an Express response, for every stream the API serves (the assistant's
 * answers, the notification feed). Proxies buffer and time out idle responses, so buffering is
 * switched off (`X-Accel-Buffering`) and a comment line keeps the connection busy.
 */
export class SseStream implements ChatEventSink {
  private readonly controller = new AbortController();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Aborted when the client goes away before end(). */
  readonly signal = this.controller.signal;

  constructor(
    private readonly res: Response,
    private readonly options: SseStreamOptions = {},
  ) {
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
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** `id` lets a reconnecting client say where it was; `retryMs` tells it how long to wait before reconnecting. */
  send(event: string, data: unknown, fields: { id?: string; retryMs?: number } = {}): void {
    const head = `${fields.retryMs !== undefined ? `retry: ${fields.retryMs}\n` : ''}${fields.id !== undefined ? `id: ${fields.id}\n` : ''}`;
    this.write(`${head}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }

  get ended(): boolean {
    return this.res.writableEnded || this.res.destroyed;
  }

  private write(chunk: string): void {
    if (!this.ended) this.res.write(chunk);
  }
}
