import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/decorators/auth.decorators';
import { UsageOverviewDto } from './dto/usage.dto';
import { UsageOverviewService } from './usage-overview.service';

@ApiTags('usage')
@ApiBearerAuth()
@Controller('usage')
export class UsageController {
  constructor(private readonly overview: UsageOverviewService) {}

  @Get()
  @ApiOkResponse({ type: UsageOverviewDto, description: 'This month\'s usage of every meter against the plan\'s limits' })
  get(@CurrentActor() actor: Actor): Promise<UsageOverviewDto> {
    return this.overview.overview(actor);
  }
}
