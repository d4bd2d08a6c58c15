import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { PaginationQueryDto, type Page } from '../common/dto/pagination.dto';
import { CrawlsService } from './crawls.service';
import { CrawlDiffDto, CrawlDiffQueryDto, CrawlDto, CrawlPageDto } from './dto/crawl.dto';

@ApiTags('crawls')
@ApiBearerAuth()
@Controller()
export class CrawlsController {
  constructor(private readonly crawls: CrawlsService) {}

  @Post('connections/:connectionId/crawls')
  @Permission('crawls:write')
  @ApiCreatedResponse({ type: CrawlDto, description: 'Queued; follow progress on the crawl or its job. 409 when one is already running.' })
  start(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string): Promise<CrawlDto> {
    return this.crawls.start(actor, connectionId);
  }

  @Get('connections/:connectionId/crawls')
  @Permission('crawls:read')
  @ApiOkResponse({ type: CrawlPageDto })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: PaginationQueryDto): Promise<Page<CrawlDto>> {
    return this.crawls.list(actor, connectionId, query);
  }

  @Get('crawls/:id')
  @Permission('crawls:read')
  @ApiOkResponse({ type: CrawlDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CrawlDto> {
    return this.crawls.get(actor, id);
  }

  @Post('crawls/:id/cancel')
  @HttpCode(200)
  @Permission('crawls:write')
  @ApiOkResponse({ type: CrawlDto })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CrawlDto> {
    return this.crawls.cancel(actor, id);
  }

  @Post('crawls/:id/resume')
  @HttpCode(200)
  @Permission('crawls:write')
  @ApiOkResponse({ type: CrawlDto })
  resume(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CrawlDto> {
    return this.crawls.resume(actor, id);
  }

  @Get('crawls/:id/diff')
  @Permission('crawls:read')
  @ApiOkResponse({ type: CrawlDiffDto })
  diff(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: CrawlDiffQueryDto): Promise<CrawlDiffDto> {
    return this.crawls.diff(actor, id, query);
  }
}
