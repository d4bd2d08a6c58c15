import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import type { NotificationDto } from './dto/notification.dto';

type Listener = (notification: NotificationDto) => void;

interface Envelope {
  userId: string;
  notification: NotificationDto;
}

/**
 * Carries new notifications from whichever process created them (API or worker) to the API processes
 * holding live streams, over one Redis pub/sub channel. A process subscribes only once a stream opens,
 * so workers never hold a subscriber connection.
 */
@Injectable()
export class NotificationsStream implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationsStream.name);
  private readonly channel: string;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();
  private subscriber: Redis | null = null;
  private subscribing: Promise<void> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:notifications`;
  }

  async publish(userId: string, notification: NotificationDto): Promise<void> {
    const envelope: Envelope = { userId, notification };
    await this.redis.publish(this.channel, JSON.stringify(envelope));
  }

  /** Resolves once the subscription is live in Redis, so nothing published afterwards is missed. */
  async listen(userId: string, listener: Listener, close: () => void): Promise<() => void> {
    await this.ensureSubscribed();
    const set = this.listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(userId, set);
    this.closers.add(close);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
      this.closers.delete(close);
    };
  }

  async onModuleDestroy(): Promise<void> {
    // Open streams would keep the HTTP server from closing.
    for (const close of [...this.closers]) close();
    this.closers.clear();
    this.listeners.clear();
    if (this.subscriber) await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }

  private ensureSubscribed(): Promise<void> {
    this.subscribing ??= (async () => {
      const subscriber = this.redis.duplicate();
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === this.channel) this.dispatch(message);
      });
      subscriber.on('error', (error: Error) => this.logger.warn(`notification subscriber: ${error.message}`));
      await subscriber.subscribe(this.channel);
      this.subscriber = subscriber;
    })().catch((error: unknown) => {
      this.subscribing = null;
      throw error;
    });
    return this.subscribing;
  }

  private dispatch(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(envelope.userId) ?? []) listener(envelope.notification);
  }
}
