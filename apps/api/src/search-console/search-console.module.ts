import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GoogleSearchConsoleClient } from './google-search-console.client';
import { SearchConsoleCallbackController, SearchConsoleController } from './search-console.controller';
import { SearchConsoleRepository } from './search-console.repository';
import { SearchConsoleService } from './search-console.service';
import { SearchConsoleSyncService } from './search-console-sync.service';
import { CryptoModule } from '../common/crypto/crypto.module';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [ConnectionsModule, CryptoModule, JobsModule, PrismaModule],
  controllers: [SearchConsoleController, SearchConsoleCallbackController],
  providers: [SearchConsoleService, SearchConsoleSyncService, SearchConsoleRepository, GoogleSearchConsoleClient],
  exports: [SearchConsoleSyncService, SearchConsoleRepository],
})
export class SearchConsoleModule {}
