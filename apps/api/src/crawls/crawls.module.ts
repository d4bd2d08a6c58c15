import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { SearchConsoleModule } from '../search-console/search-console.module';
import { CrawlJobHandlers } from './crawl.job-handlers';
import { CrawlResultsRepository } from './crawl-results.repository';
import { CrawlsController } from './crawls.controller';
import { CrawlsRepository } from './crawls.repository';
import { CrawlsScheduler } from './crawls.scheduler';
import { CrawlsService } from './crawls.service';
import { EventsModule } from '../events/events.module';
import { FixesModule } from '../fixes/fixes.module';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';
import { UsageModule } from '../usage/usage.module';

@Module({
  imports: [ConnectionsModule, SearchConsoleModule, EventsModule, FixesModule, JobsModule, PrismaModule, UsageModule],
  controllers: [CrawlsController],
  providers: [CrawlsService, CrawlsRepository, CrawlResultsRepository, CrawlJobHandlers, CrawlsScheduler],
  exports: [CrawlsService],
})
export class CrawlsModule {}
