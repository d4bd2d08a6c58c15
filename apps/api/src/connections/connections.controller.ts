import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { PaginationQueryDto, type Page } from '../common/dto/pagination.dto';
import { ConnectionsService } from './connections.service';
import { ConnectionDto, ConnectionPageDto, CreateConnectionDto, HealthTrendQueryDto, HealthTrendsDto, UpdateConnectionDto } from './dto/connection.dto';

// Users call them sites; the REST resource keeps its name, /api/connections (docs/architecture.md, glossary).
@ApiTags('sites (connections)')
@ApiBearerAuth()
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @Permission('connections:write')
  @ApiCreatedResponse({ type: ConnectionDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateConnectionDto): Promise<ConnectionDto> {
    return this.connections.create(actor, dto);
  }

  @Get()
  @Permission('connections:read')
  @ApiOkResponse({ type: ConnectionPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: PaginationQueryDto): Promise<Page<ConnectionDto>> {
    return this.connections.list(actor, query);
  }

  // Declared before ':id' so that the literal path is not taken for a site id.
  @Get('health-trends')
  @Permission('connections:read')
  @ApiOkResponse({ type: HealthTrendsDto, description: 'Daily health scores of the given sites, for trend charts' })
  healthTrends(@CurrentActor() actor: Actor, @Query() query: HealthTrendQueryDto): Promise<HealthTrendsDto> {
    return this.connections.healthTrends(actor, query);
  }

  @Get(':id')
  @Permission('connections:read')
  @ApiOkResponse({ type: ConnectionDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ConnectionDto> {
    return this.connections.get(actor, id);
  }

  @Patch(':id')
  @Permission('connections:write')
  @ApiOkResponse({ type: ConnectionDto })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateConnectionDto): Promise<ConnectionDto> {
    return this.connections.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('connections:write')
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.connections.remove(actor, id);
  }
}
