import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Actor, CurrentActor, Permission, RequireRole } from '../common/decorators/auth.decorators';
import type { Page } from '../common/dto/pagination.dto';
import { AuditService } from './audit.service';
import { AuditChainVerificationDto, AuditLogDto, AuditLogPageDto, ListAuditLogsQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Permission('audit:read')
  @ApiOkResponse({ type: AuditLogPageDto, description: 'Newest first. Your own trail; a team\'s with teamId (team owners and admins); anyone\'s with userId (platform admins).' })
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditLogsQueryDto): Promise<Page<AuditLogDto>> {
    return this.audit.list(actor, query);
  }

  @Get('verify')
  @RequireRole('ADMIN')
  @Permission('audit:read')
  @ApiOkResponse({ type: AuditChainVerificationDto, description: 'Walks the whole hash chain (platform admins)' })
  verify(): Promise<AuditChainVerificationDto> {
    return this.audit.verify();
  }
}

/** Separate so `/audit-logs.csv` is not read as `/audit-logs/:something`. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditExportController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-logs.csv')
  @Permission('audit:read')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-log.csv"')
  exportCsv(@CurrentActor() actor: Actor, @Query() query: ListAuditLogsQueryDto): Promise<StreamableFile> {
    const lines = this.audit.csv(actor, query);
    // Resolve the first chunk before answering, so a refused filter is still a proper error response.
    return lines.next().then((first) => new StreamableFile(Readable.from((async function* () {
      if (!first.done) yield first.value;
      yield* lines;
    })())));
  }
}
