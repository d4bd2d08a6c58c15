import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BillingModule } from './billing/billing.module';
import { ConnectionsModule } from './connections/connections.module';
import { CoreModule } from './core.module';
import { CrawlsModule } from './crawls/crawls.module';
import { EventsModule } from './events/events.module';
import { IssuesModule } from './issues/issues.module';
import { PagesModule } from './pages/pages.module';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { HealthController } from './health/health.controller';
import { TeamsModule } from './teams/teams.module';
import { FixesModule } from './fixes/fixes.module';
import { PlansModule } from './plans/plans.module';
import { SnippetModule } from './snippet/snippet.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { AiChatModule } from './ai-chat/ai-chat.module';
import { ReportsModule } from './reports/reports.module';
import { SearchConsoleModule } from './search-console/search-console.module';

/** Feature modules, imported by both the HTTP app and the worker. */
export const FEATURE_MODULES = [EventsModule, ConnectionsModule, CrawlsModule, IssuesModule, PagesModule, TeamsModule, BillingModule, AuditModule, NotificationsModule, WebhooksModule, FixesModule, PlansModule, SnippetModule, IntegrationsModule, AiChatModule, SearchConsoleModule, ReportsModule];

@Module({
  imports: [CoreModule, AuthModule, ApiKeysModule, ...FEATURE_MODULES],
  controllers: [HealthController],
})
export class AppModule {}
