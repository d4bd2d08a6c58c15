import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { PaginationQueryDto, type Page } from '../common/dto/pagination.dto';
import { CreateWebhookDto, CreatedWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Permission('webhooks:write')
  @ApiCreatedResponse({ type: CreatedWebhookDto, description: 'The signing secret is in this response only. 400 when the URL is private or not http(s).' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @Permission('webhooks:read')
  @ApiOkResponse({ type: WebhookDto, isArray: true })
  list(@CurrentActor() actor: Actor): Promise<WebhookDto[]> {
    return this.webhooks.list(actor);
  }

  @Get(':id')
  @Permission('webhooks:read')
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<WebhookDto> {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  @Permission('webhooks:write')
  @ApiOkResponse({ type: WebhookDto })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('webhooks:write')
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Permission('webhooks:write')
  @ApiOkResponse({ type: WebhookDeliveryDto, description: 'A `ping` delivery was queued; follow it in the delivery log' })
  ping(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.ping(actor, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Permission('webhooks:write')
  @ApiOkResponse({ type: CreatedWebhookDto, description: 'The new signing secret, shown only in this response; the old one stops working at once' })
  rotateSecret(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CreatedWebhookDto> {
    return this.webhooks.rotateSecret(actor, id);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Permission('webhooks:write')
  @ApiOkResponse({ type: WebhookDeliveryDto, description: 'A new delivery of the same event (same payload and payload id, new Seology-Delivery id) was queued; 409 while the original is still being attempted or the endpoint is disabled' })
  redeliver(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(actor, id, deliveryId);
  }

  @Get(':id/deliveries')
  @Permission('webhooks:read')
  @ApiOkResponse({ type: WebhookDeliveryPageDto, description: 'Newest first' })
  deliveries(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: PaginationQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(actor, id, query);
  }
}
