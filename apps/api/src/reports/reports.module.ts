import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { ReportGenerationService } from './report-generation.service';
import { ReportPdfRenderer } from './report-pdf.renderer';
import { ReportsController } from './reports.controller';
import { ReportsJobHandlers } from './reports.job-handlers';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [ConnectionsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, ReportGenerationService, ReportPdfRenderer, ReportsJobHandlers],
})
export class ReportsModule {}
