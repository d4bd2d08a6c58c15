import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { CreateReportDto, ReportBrandingDto, ReportDownloadQueryDto, ReportDto, ReportListDto, ReportScheduleDto, UpdateReportBrandingDto, UpdateReportScheduleDto } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('connections/:id/reports')
  @Permission('connections:read')
  @ApiOkResponse({ type: ReportListDto })
  list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportListDto> {
    return this.reports.list(actor, id);
  }

  @Post('connections/:id/reports')
  @HttpCode(202)
  @Permission('connections:read')
  @ApiAcceptedResponse({ type: ReportDto, description: 'PENDING; the worker renders the PDF and the CSV pack (poll the list)' })
  request(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CreateReportDto): Promise<ReportDto> {
    return this.reports.request(actor, id, dto);
  }

  @Get('connections/:id/reports/schedule')
  @Permission('connections:read')
  @ApiOkResponse({ type: ReportScheduleDto })
  schedule(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReportScheduleDto> {
    return this.reports.schedule(actor, id);
  }

  @Put('connections/:id/reports/schedule')
  @Permission('connections:write')
  @ApiOkResponse({ type: ReportScheduleDto })
  updateSchedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateReportScheduleDto): Promise<ReportScheduleDto> {
    return this.reports.updateSchedule(actor, id, dto);
  }

  @Get('reports/branding')
  @Permission('connections:read')
  @ApiOkResponse({ type: ReportBrandingDto })
  branding(@CurrentActor() actor: Actor): Promise<ReportBrandingDto> {
    return this.reports.branding(actor);
  }

  @Put('reports/branding')
  @Permission('connections:write')
  @ApiOkResponse({ type: ReportBrandingDto })
  updateBranding(@CurrentActor() actor: Actor, @Body() dto: UpdateReportBrandingDto): Promise<ReportBrandingDto> {
    return this.reports.updateBranding(actor, dto);
  }

  @Delete('reports/branding')
  @Permission('connections:write')
  @ApiOkResponse({ type: ReportBrandingDto })
  removeBranding(@CurrentActor() actor: Actor): Promise<ReportBrandingDto> {
    return this.reports.removeBranding(actor);
  }

  @Get('reports/:id/download')
  @Permission('connections:read')
  @ApiProduces('application/pdf', 'application/zip')
  @ApiOkResponse({ description: 'The PDF, or the CSV pack as a zip of one CSV per section' })
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ReportDownloadQueryDto): Promise<StreamableFile> {
    const file = await this.reports.download(actor, id, query.format);
    return new StreamableFile(file.content, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: file.content.length });
  }
}
