import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import type { Page } from '../common/dto/pagination.dto';
import { ApproveFixesDto, ConnectionCheckDto, FixDto, FixListQueryDto, FixPageDto, GeneratorStatusDto, RejectDto, RollbackFixDto } from './dto/fix.dto';
import { FixesService } from './fixes.service';

@ApiTags('fixes')
@ApiBearerAuth()
@Controller()
export class FixesController {
  constructor(private readonly fixes: FixesService) {}

  @Get('fixes/generator-status')
  @Permission('fixes:read')
  @ApiOkResponse({ type: GeneratorStatusDto, description: 'Whether proposals come from Claude or the deterministic rules' })
  generatorStatus(): GeneratorStatusDto {
    return this.fixes.generatorStatus();
  }

  @Post('connections/:connectionId/check')
  @HttpCode(200)
  @Permission('connections:read')
  @ApiOkResponse({ type: ConnectionCheckDto, description: 'Checks, without changing anything, that fixes can reach the site: the credentials work, or the snippet is installed' })
  checkConnection(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string): Promise<ConnectionCheckDto> {
    return this.fixes.checkConnection(actor, connectionId);
  }

  @Get('connections/:connectionId/fixes')
  @Permission('fixes:read')
  @ApiOkResponse({ type: FixPageDto })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: FixListQueryDto): Promise<Page<FixDto>> {
    return this.fixes.list(actor, connectionId, query);
  }

  @Get('fixes/:id')
  @Permission('fixes:read')
  @ApiOkResponse({ type: FixDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FixDto> {
    return this.fixes.get(actor, id);
  }

  @Post('fixes/approve')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: FixDto, isArray: true, description: 'Approved and queued. 402 when the month\'s fix quota is used up (the fix stays PROPOSED).' })
  approveMany(@CurrentActor() actor: Actor, @Body() dto: ApproveFixesDto): Promise<FixDto[]> {
    return this.fixes.approve(actor, dto.ids);
  }

  @Post('fixes/:id/approve')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: FixDto, description: 'Approved and queued for APPLY_FIX. 402 over quota.' })
  async approve(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FixDto> {
    return (await this.fixes.approve(actor, [id]))[0]!;
  }

  @Post('fixes/:id/reject')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: FixDto })
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RejectDto): Promise<FixDto> {
    return this.fixes.reject(actor, id, dto.reason);
  }

  @Post('fixes/:id/rollback')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: FixDto, description: 'Queued for ROLLBACK_FIX. 410 after the rollback deadline.' })
  rollback(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RollbackFixDto): Promise<FixDto> {
    return this.fixes.rollback(actor, id, dto.force ?? false);
  }
}
