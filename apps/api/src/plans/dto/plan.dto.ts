import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { FixDto } from '../../fixes/dto/fix.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';

export const PLAN_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXECUTING', 'COMPLETED', 'FAILED'] as const;

export class PlanListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptionalNotNull()
  @IsIn(PLAN_STATUSES)
  status?: (typeof PLAN_STATUSES)[number];
}

export class PlanDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ fixes, byRisk, byType, expectedScoreGain, scoreGainBasis }: expectedScoreGain is the health score points the fixes give back by the score formula on the latest crawl (scoreGainBasis says so), or a rough estimate from the issues\' impact for crawls made before the score inputs were kept' }) estimatedImpact!: unknown;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'Per-fix outcome of APPLY_PLAN: { [fixId]: { status, error? } }' })
  results!: unknown;
  @ApiPropertyOptional({ nullable: true, type: Date }) approvedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) rejectedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) executedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) completedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class PlanDetailDto extends PlanDto {
  @ApiProperty({ type: FixDto, isArray: true }) fixes!: FixDto[];
}

export class PlanPageDto {
  @ApiProperty({ type: PlanDto, isArray: true }) items!: PlanDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ApprovePlanDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Approve only these proposed fixes of the plan (e.g. the most impactful ones that fit the month\'s quota). The others leave the plan and stay proposed, to approve one by one later. Omit to approve the whole plan.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1, { message: 'fixIds must name at least one fix; reject the plan to approve none' })
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  fixIds?: string[];
}
