import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { PagesController } from './pages.controller';
import { PagesRepository } from './pages.repository';
import { PagesService } from './pages.service';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [ConnectionsModule, PrismaModule],
  controllers: [PagesController],
  providers: [PagesService, PagesRepository],
})
export class PagesModule {}
