import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PLANS } from '@seology/contracts';

export const PURCHASABLE_PLANS = ['STARTER', 'PRO', 'AGENCY'] as const;
export type PurchasablePlan = (typeof PURCHASABLE_PLANS)[number];

export class CreateCheckoutDto {
  @ApiProperty({ enum: PURCHASABLE_PLANS })
  @IsIn(PURCHASABLE_PLANS, { message: `plan must be one of: ${PURCHASABLE_PLANS.join(', ')}` })
  plan!: PurchasablePlan;
}

export class SetPlanDto {
  @ApiProperty({ enum: PLANS })
  @IsIn(PLANS, { message: `plan must be one of: ${PLANS.join(', ')}` })
  plan!: (typeof PLANS)[number];
}

export class RedirectUrlDto {
  @ApiProperty({ description: 'Send the browser here (Stripe-hosted page)' }) url!: string;
  @ApiProperty() id!: string;
}

export class SubscriptionDto {
  @ApiProperty({ enum: ['TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'UNPAID', 'INCOMPLETE', 'INCOMPLETE_EXPIRED', 'PAUSED'] }) status!: string;
  @ApiProperty({ enum: PLANS }) plan!: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) currentPeriodStart!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) currentPeriodEnd!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) trialEnd!: Date | null;
  @ApiProperty() cancelAtPeriodEnd!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'After a failed payment the plan is kept until then, then falls back to FREE' })
  graceUntil!: Date | null;
}

export class BillingOverviewDto {
  @ApiProperty({ description: 'False when the server has no Stripe key: plans are then set by an admin' }) billingEnabled!: boolean;
  @ApiProperty({ enum: PLANS, description: 'The plan whose limits apply now' }) plan!: string;
  @ApiPropertyOptional({ type: SubscriptionDto, nullable: true }) subscription!: SubscriptionDto | null;
  @ApiProperty({ enum: PURCHASABLE_PLANS, isArray: true, description: 'Plans that can be bought through Checkout' }) purchasablePlans!: string[];
}

export class AdminUserPlanDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: PLANS }) plan!: string;
}

export class WebhookAckDto {
  @ApiProperty() received!: boolean;
  @ApiProperty({ description: 'True when this event id had already been processed (no effect the second time)' }) duplicate!: boolean;
}
