import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import type { Page } from '../common/dto/pagination.dto';
import { RejectDto } from '../fixes/dto/fix.dto';
import { ApprovePlanDto, PlanDetailDto, PlanDto, PlanListQueryDto, PlanPageDto } from './dto/plan.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get('connections/:connectionId/plans')
  @Permission('fixes:read')
  @ApiOkResponse({ type: PlanPageDto })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: PlanListQueryDto): Promise<Page<PlanDto>> {
    return this.plans.list(actor, connectionId, query);
  }

  @Get('plans/:id')
  @Permission('fixes:read')
  @ApiOkResponse({ type: PlanDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PlanDetailDto> {
    return this.plans.get(actor, id);
  }

  @Post('plans/:id/approve')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: PlanDetailDto, description: 'Approved (all of it, or the fixIds chosen); APPLY_PLAN applies the fixes in order. 402 when the quota cannot cover them.' })
  @ApiBody({ type: ApprovePlanDto, required: false, description: 'Without a body the whole plan is approved' })
  approve(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ApprovePlanDto): Promise<PlanDetailDto> {
    return this.plans.approve(actor, id, dto);
  }

  @Post('plans/:id/reject')
  @HttpCode(200)
  @Permission('fixes:write')
  @ApiOkResponse({ type: PlanDetailDto })
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RejectDto): Promise<PlanDetailDto> {
    return this.plans.reject(actor, id, dto.reason);
  }
}
