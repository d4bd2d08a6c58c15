import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequireRole } from '../common/decorators/auth.decorators';
import type { Page } from '../common/dto/pagination.dto';
import { JobDto, JobPageDto, ListJobsQueryDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @Permission('jobs:read')
  @ApiOkResponse({ type: JobPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListJobsQueryDto): Promise<Page<JobDto>> {
    return this.jobs.listForUser(actor, query);
  }

  @Get(':id')
  @Permission('jobs:read')
  @ApiOkResponse({ type: JobDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<JobDto> {
    return this.jobs.getForUser(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('jobs:write')
  @ApiOkResponse({ type: JobDto })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<JobDto> {
    return this.jobs.cancelForUser(actor, id);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('ADMIN')
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOkResponse({ type: JobPageDto })
  list(@Query() query: ListJobsQueryDto): Promise<Page<JobDto>> {
    return this.jobs.listAll(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: JobDto })
  retry(@Param('id') id: string): Promise<JobDto> {
    return this.jobs.retry(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: JobDto })
  cancel(@Param('id') id: string): Promise<JobDto> {
    return this.jobs.cancelById(id);
  }
}
