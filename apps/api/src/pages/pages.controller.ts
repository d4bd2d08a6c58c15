import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { CrawledPageListDto, ListPagesQueryDto, PageByUrlQueryDto, PageDetailDto } from './dto/page.dto';
import { PagesService } from './pages.service';

@ApiTags('pages')
@ApiBearerAuth()
@Controller()
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @Get('connections/:connectionId/pages')
  @Permission('issues:read')
  @ApiOkResponse({ type: CrawledPageListDto, description: 'Crawled URLs of one crawl (default: the latest completed) with status, depth, inlinks, indexability and issue count' })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: ListPagesQueryDto): Promise<CrawledPageListDto> {
    return this.pages.list(actor, connectionId, query);
  }

  @Get('connections/:connectionId/page')
  @Permission('issues:read')
  @ApiOkResponse({ type: PageDetailDto, description: 'One URL with every issue, its fixes and their history, and the URL across crawls' })
  getByUrl(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: PageByUrlQueryDto): Promise<PageDetailDto> {
    return this.pages.getByUrl(actor, connectionId, query.url);
  }

  @Get('connections/:connectionId/pages/:pageId')
  @Permission('issues:read')
  @ApiOkResponse({ type: PageDetailDto, description: 'One crawled page with every issue on its URL, its fixes and their history' })
  get(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Param('pageId') pageId: string): Promise<PageDetailDto> {
    return this.pages.get(actor, connectionId, pageId);
  }
}
