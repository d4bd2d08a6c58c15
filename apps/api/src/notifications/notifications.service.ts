import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { Notification } from '@prisma/client';
import type { Response } from 'express';
import { AccessTokens } from '../auth/access-tokens/access-tokens.service';
import type { Actor } from '../common/decorators/auth.decorators';
import { SseStream } from '../common/sse-stream';
import { ListNotificationsQueryDto, MarkAllReadResultDto, NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { NOTIFICATION_STYLES, type NotificationType } from './notification-types';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsStream } from './notifications.stream';

export interface NotifyInput {
  type: NotificationType;
  title: string;
  message: string;
  /** Dashboard path, e.g. `/sites/<connectionId>/crawls/<crawlId>`. */
  link?: string | null;
  /** Defaults per type (NOTIFICATION_STYLES). */
  icon?: string | null;
  color?: string | null;
}

const HEARTBEAT_MS = 25_000;

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly stream: NotificationsStream,
    private readonly accessTokens: AccessTokens,
  ) {}

  /**
   * Stores a notification and pushes it to the user's open dashboards (any API process, via Redis).
   * A failed push is only logged: the notification is saved and shows up on the next list.
   */
  async notify(userId: string, input: NotifyInput): Promise<NotificationDto> {
    const style = NOTIFICATION_STYLES[input.type] ?? NOTIFICATION_STYLES.system;
    const row = await this.notifications.create({
      userId,
      type: input.type,
      title: input.title.slice(0, 200),
      message: input.message.slice(0, 2_000),
      link: input.link ?? null,
      icon: input.icon ?? style.icon,
      color: input.color ?? style.color,
    });
    const dto = toNotificationDto(row);
    await this.stream.publish(userId, dto).catch((error: unknown) => this.logger.warn(`notification ${row.id} not pushed: ${(error as Error).message}`));
    return dto;
  }

  async list(actor: Actor, query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    const [rows, total, unread] = await this.notifications.findPageOfUser(actor.userId, query.unread === true, query.skip, query.pageSize);
    return { items: rows.map(toNotificationDto), total, page: query.page, pageSize: query.pageSize, unread };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(id, actor.userId);
    if (!row) throw new NotFoundException('No notification with this id.');
    return toNotificationDto(row);
  }

  async markAllRead(actor: Actor): Promise<MarkAllReadResultDto> {
    return { updated: await this.notifications.markAllRead(actor.userId) };
  }

  /**
   * Server-Sent Events: `ready` once subscribed, then one `notification` event per new notification,
   * and a comment line every 25 s so proxies keep the connection open. EventSource cannot send headers,
   * so the access token may come as `?access_token=`; API keys are not accepted here.
   */
  async openStream(token: string | undefined, res: Response): Promise<void> {
    const userId = await this.userOfToken(token);
    const sse = new SseStream(res, { heartbeatMs: HEARTBEAT_MS });
    sse.open();
    let stopListening: (() => void) | undefined;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      stopListening?.();
      sse.end();
    };
    sse.signal.addEventListener('abort', close);
    try {
      stopListening = await this.stream.listen(userId, (notification) => sse.send('notification', notification, { id: notification.id }), close);
    } catch (error) {
      this.logger.warn(`notification stream not opened: ${(error as Error).message}`);
      sse.end();
      return;
    }
    // The client may have gone away while the subscription was being set up.
    if (closed || sse.ended) {
      stopListening();
      return;
    }
    sse.send('ready', {}, { retryMs: 5000 });
  }

  /** The same check as every other route: signature, expiry, session version and refresh family. */
  private async userOfToken(token: string | undefined): Promise<string> {
    if (!token) throw new UnauthorizedException('Pass the access token as ?access_token= (or Authorization: Bearer).');
    return (await this.accessTokens.authenticate(token)).sub;
  }
}

export function toNotificationDto(row: Notification): NotificationDto {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    message: row.message,
    link: row.link,
    icon: row.icon,
    color: row.color,
    read: row.read,
    readAt: row.readAt,
    createdAt: row.createdAt,
  };
}

