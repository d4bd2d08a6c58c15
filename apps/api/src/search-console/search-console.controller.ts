import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Redirect } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, Public } from '../common/decorators/auth.decorators';
import { ChoosePropertyDto, OAuthCallbackQueryDto, SearchConsoleAuthorizationDto, SearchConsolePropertiesDto, SearchConsoleStatusDto } from './dto/search-console.dto';
import { FixImpactSummaryDto } from './dto/fix-impact.dto';
import { SearchConsoleService } from './search-console.service';

@ApiTags('search-console')
@ApiBearerAuth()
@Controller('connections/:id/search-console')
export class SearchConsoleController {
  constructor(private readonly searchConsole: SearchConsoleService) {}

  @Get()
  @Permission('connections:read')
  @ApiOkResponse({ type: SearchConsoleStatusDto })
  status(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SearchConsoleStatusDto> {
    return this.searchConsole.status(actor, id);
  }

  @Get('impact')
  @Permission('connections:read')
  @ApiOkResponse({ type: FixImpactSummaryDto, description: "What the site's measured fixes did to search traffic, for the overview" })
  impact(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FixImpactSummaryDto> {
    return this.searchConsole.impactSummary(actor, id);
  }

  @Post('authorize')
  @Permission('connections:write')
  @ApiCreatedResponse({ type: SearchConsoleAuthorizationDto })
  authorize(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SearchConsoleAuthorizationDto> {
    return this.searchConsole.authorize(actor, id);
  }

  @Get('properties')
  @Permission('connections:read')
  @ApiOkResponse({ type: SearchConsolePropertiesDto })
  properties(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SearchConsolePropertiesDto> {
    return this.searchConsole.properties(actor, id);
  }

  @Put('property')
  @Permission('connections:write')
  @ApiOkResponse({ type: SearchConsoleStatusDto })
  chooseProperty(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ChoosePropertyDto): Promise<SearchConsoleStatusDto> {
    return this.searchConsole.chooseProperty(actor, id, dto);
  }

  @Delete()
  @HttpCode(204)
  @Permission('connections:write')
  @ApiNoContentResponse({ description: 'Consent withdrawn at Google and the token forgotten; stored metrics stay' })
  disconnect(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.searchConsole.disconnect(actor, id);
  }
}

/** Google's redirect after consent; the signed `state` identifies user and site, so no session is needed. */
@ApiTags('search-console')
@Controller('search-console')
export class SearchConsoleCallbackController {
  constructor(private readonly searchConsole: SearchConsoleService) {}

  @Get('callback')
  @Public()
  @Redirect()
  @ApiFoundResponse({ description: "To the site's page in the dashboard, with ?searchConsole=connected|choose-property|denied|failed" })
  async callback(@Query() query: OAuthCallbackQueryDto): Promise<{ url: string; statusCode: number }> {
    return { url: await this.searchConsole.completeAuthorization(query), statusCode: 302 };
  }
}
