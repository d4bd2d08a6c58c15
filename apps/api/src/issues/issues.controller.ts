import { Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { CheckDto, GroupIssuesQueryDto, IssueDetailDto, IssueDto, IssueGroupPageDto, IssuePageDto, ListIssuesQueryDto } from './dto/issue.dto';
import { IssuesService } from './issues.service';

@ApiTags('issues')
@ApiBearerAuth()
@Controller()
export class IssuesController {
  constructor(private readonly issues: IssuesService) {}

  @Get('connections/:connectionId/issues')
  @Permission('issues:read')
  @ApiOkResponse({ type: IssuePageDto })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: ListIssuesQueryDto): Promise<IssuePageDto> {
    return this.issues.list(actor, connectionId, query);
  }

  @Get('connections/:connectionId/issue-groups')
  @Permission('issues:read')
  @ApiOkResponse({ type: IssueGroupPageDto, description: 'The matching issues grouped by check, with counts, affected pages, what can be fixed and example pages' })
  groups(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: GroupIssuesQueryDto): Promise<IssueGroupPageDto> {
    return this.issues.groupByCheck(actor, connectionId, query);
  }

  @Get('connections/:connectionId/issues.csv')
  @Permission('issues:read')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="issues.csv"')
  exportCsv(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: ListIssuesQueryDto): Promise<StreamableFile> {
    const lines = this.issues.csv(actor, connectionId, query);
    // Resolve the first chunk before answering, so a 404 is still a proper error response.
    return lines.next().then((first) => new StreamableFile(Readable.from((async function* () {
      if (!first.done) yield first.value;
      yield* lines;
    })())));
  }

  @Get('issues/:id')
  @Permission('issues:read')
  @ApiOkResponse({ type: IssueDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<IssueDetailDto> {
    return this.issues.get(actor, id);
  }

  @Post('issues/:id/ignore')
  @HttpCode(200)
  @Permission('issues:write')
  @ApiOkResponse({ type: IssueDto })
  ignore(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<IssueDto> {
    return this.issues.ignore(actor, id);
  }

  @Post('issues/:id/unignore')
  @HttpCode(200)
  @Permission('issues:write')
  @ApiOkResponse({ type: IssueDto })
  unignore(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<IssueDto> {
    return this.issues.unignore(actor, id);
  }

  @Get('checks')
  @Permission('issues:read')
  @ApiOkResponse({ type: CheckDto, isArray: true, description: 'Every audit check with its explanation and how to fix it' })
  checks(): CheckDto[] {
    return this.issues.checks();
  }
}
