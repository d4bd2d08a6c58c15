import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, CurrentActor, Public, RequireRole } from '../common/decorators/auth.decorators';
import { BillingService } from './billing.service';
import { AdminUserPlanDto, BillingOverviewDto, CreateCheckoutDto, RedirectUrlDto, SetPlanDto, WebhookAckDto } from './dto/billing.dto';
import { StripeWebhookService } from './stripe-webhook.service';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly webhooks: StripeWebhookService,
  ) {}

  @Get()
  @ApiOkResponse({ type: BillingOverviewDto })
  overview(@CurrentActor() actor: Actor): Promise<BillingOverviewDto> {
    return this.billing.overview(actor);
  }

  @Post('checkout')
  @HttpCode(200)
  @ApiOkResponse({ type: RedirectUrlDto, description: 'Stripe Checkout URL. 503 BILLING_DISABLED without a Stripe key.' })
  checkout(@CurrentActor() actor: Actor, @Body() dto: CreateCheckoutDto): Promise<RedirectUrlDto> {
    return this.billing.createCheckout(actor, dto);
  }

  @Post('portal')
  @HttpCode(200)
  @ApiOkResponse({ type: RedirectUrlDto, description: 'Stripe Customer Portal URL. 409 before the first checkout.' })
  portal(@CurrentActor() actor: Actor): Promise<RedirectUrlDto> {
    return this.billing.createPortal(actor);
  }

  /** Called by Stripe: authenticated by the signature over the raw body, not by a user. */
  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookAckDto, description: '400 when the signature is forged or older than the tolerance.' })
  webhook(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<WebhookAckDto> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminPlansController {
  constructor(private readonly billing: BillingService) {}

  @Patch(':id/plan')
  @RequireRole('ADMIN')
  @ApiOkResponse({ type: AdminUserPlanDto, description: 'Sets a user\'s plan directly (the way to change plans when billing is off).' })
  setPlan(@Param('id') id: string, @Body() dto: SetPlanDto): Promise<AdminUserPlanDto> {
    return this.billing.setPlan(id, dto);
  }
}
