import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/decorators/auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

/** Keys are managed by a signed-in person only: no @Permission, so an API key cannot mint more keys. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  list(@CurrentActor() actor: Actor): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(actor);
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(actor, id);
  }
}
