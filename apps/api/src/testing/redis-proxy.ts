import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the real Redis that a test can break: `refuse()` drops every connection
 * and refuses new ones (Redis down), `stall()` keeps connections open but forwards nothing (Redis
 * hanging: what was sent is delivered on restore), `restore()` passes traffic again on the same port.
 */
export class RedisProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: 'pass' | 'stall' = 'pass';
  private held: (() => void)[] = [];
  private port = 0;

  constructor(private readonly target = { host: '127.0.0.1', port: 6379 }) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      // Held back, not dropped, while stalled: Redis pipelines replies in order, so a lost command would
      // hand the next reply to the wrong caller.
      const forward = (to: Socket) => (chunk: Buffer) => {
        if (this.mode === 'pass') to.write(chunk);
        else this.held.push(() => to.write(chunk));
      };
      client.on('data', forward(upstream));
      upstream.on('data', forward(client));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => ready());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.mode = 'pass';
  }

  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.held = [];
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  stall(): void {
    this.mode = 'stall';
  }

  async restore(): Promise<void> {
    if (!this.server) await this.start();
    this.mode = 'pass';
    const held = this.held;
    this.held = [];
    for (const write of held) write();
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}
