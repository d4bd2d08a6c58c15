import { Module } from '@nestjs/common';
import { SiteEventsService } from './site-events.service';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PrismaModule } from '../prisma/prisma.module';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({ imports: [AuditModule, NotificationsModule, PrismaModule, WebhooksModule], providers: [SiteEventsService], exports: [SiteEventsService] })
export class EventsModule {}
