import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { ReportGenerationService } from './report-generation.service';
import { ReportPdfRenderer } from './report-pdf.renderer';
import { ReportsController } from './reports.controller';
import { ReportsJobHandlers } from './reports.job-handlers';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { EmailModule } from '../email/email.module';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({
  imports: [ConnectionsModule, EmailModule, JobsModule, PrismaModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, ReportGenerationService, ReportPdfRenderer, ReportsJobHandlers],
})
export class ReportsModule {}
