import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { IssuesController } from './issues.controller';
import { IssuesRepository } from './issues.repository';
import { IssuesService } from './issues.service';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [ConnectionsModule, PrismaModule],
  controllers: [IssuesController],
  providers: [IssuesService, IssuesRepository],
  exports: [IssuesService],
})
export class IssuesModule {}
