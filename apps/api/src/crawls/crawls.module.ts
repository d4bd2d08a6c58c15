import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { SearchConsoleModule } from '../search-console/search-console.module';
import { CrawlJobHandlers } from './crawl.job-handlers';
import { CrawlsController } from './crawls.controller';
import { CrawlsRepository } from './crawls.repository';
import { CrawlsScheduler } from './crawls.scheduler';
import { CrawlsService } from './crawls.service';

@Module({
  imports: [ConnectionsModule, SearchConsoleModule],
  controllers: [CrawlsController],
  providers: [CrawlsService, CrawlsRepository, CrawlJobHandlers, CrawlsScheduler],
  exports: [CrawlsService],
})
export class CrawlsModule {}
