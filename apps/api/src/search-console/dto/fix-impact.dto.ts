import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FixImpact, ImpactConfidence } from '../fix-impact';

export const IMPACT_CONFIDENCES = ['too-early', 'not-enough-data', 'no-measurable-change', 'possible', 'likely'] as const satisfies readonly ImpactConfidence[];

export class DateRangeDto {
  @ApiProperty({ example: '2026-01-01' }) start!: string;
  @ApiProperty({ example: '2026-01-28' }) end!: string;
}

export class PeriodChangeDto {
  @ApiProperty({ type: [Number], description: '[before, after]' }) clicks!: number[];
  @ApiProperty({ type: [Number], description: '[before, after]' }) impressions!: number[];
  @ApiProperty({ type: 'array', items: { type: 'number', nullable: true }, description: '[before, after] as fractions; null without impressions' }) ctr!: (number | null)[];
  @ApiProperty({ type: 'array', items: { type: 'number', nullable: true }, description: '[before, after], averaged by impressions; null without impressions' }) position!: (number | null)[];
}

export class ImpactEffectDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: "The page's change in clicks net of the control pages', in %" }) clicksPct!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) impressionsPct!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'CTR change net of the controls, in percentage points' }) ctrPoints!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Position change net of the controls (negative is better)' }) position!: number | null;
}

export class ImpactWindowDto {
  @ApiProperty({ enum: [7, 28, 90] }) days!: number;
  @ApiProperty({ type: DateRangeDto }) before!: DateRangeDto;
  @ApiProperty({ type: DateRangeDto }) after!: DateRangeDto;
  @ApiProperty({ type: PeriodChangeDto, description: "The fixed page's numbers" }) page!: PeriodChangeDto;
  @ApiProperty({ type: PeriodChangeDto, description: 'The control pages, summed' }) controls!: PeriodChangeDto;
  @ApiProperty({ type: ImpactEffectDto, description: 'Difference-in-differences' }) effect!: ImpactEffectDto;
}

export class FixImpactDto {
  @ApiProperty({ description: 'Last day of Search Console data used (YYYY-MM-DD)' }) measuredThrough!: string;
  @ApiProperty({ description: 'Comparable pages of the same site that no fix touched' }) controlPages!: number;
  @ApiProperty({ description: 'What a change of this kind usually does' }) expected!: string;
  @ApiProperty({ type: ImpactWindowDto, isArray: true, description: 'Equal windows before and after, 7/28/90 days as data arrives' }) windows!: ImpactWindowDto[];
  @ApiProperty({ enum: IMPACT_CONFIDENCES }) confidence!: ImpactConfidence;
  @ApiProperty({ example: '+12% clicks over 28 days, likely due to the fix.' }) summary!: string;
}

export class MeasuredFixDto {
  @ApiProperty() fixId!: string;
  @ApiProperty({ description: 'Field changed' }) type!: string;
  @ApiProperty() pageUrl!: string;
  @ApiProperty({ description: 'APPLIED, or ROLLED_BACK (a rolled-back fix keeps its measurement)' }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) appliedAt!: Date | null;
  @ApiProperty({ enum: IMPACT_CONFIDENCES }) confidence!: ImpactConfidence;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Net clicks change of the widest window measured, in %' }) clicksPct!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Days of the widest window measured; null while too early' }) days!: number | null;
}

export class ImpactCountsDto {
  @ApiProperty() likely!: number;
  @ApiProperty() possible!: number;
  @ApiProperty() noMeasurableChange!: number;
  @ApiProperty() notEnoughData!: number;
  @ApiProperty() tooEarly!: number;
}

export class FixImpactSummaryDto {
  @ApiProperty({ description: 'Fixes with a measurement (applied, or rolled back after one)' }) measured!: number;
  @ApiProperty({ type: ImpactCountsDto, description: 'Measured fixes by confidence' }) counts!: ImpactCountsDto;
  @ApiProperty({ type: MeasuredFixDto, isArray: true, description: 'Up to 10: the clearest effects first (likely, then possible, by size of the change), then the newest' })
  fixes!: MeasuredFixDto[];
}

/** The stored measurement as the API shows it; anything not shaped like one (older rows) is no measurement. */
export function toFixImpactDto(stored: unknown): FixImpactDto | null {
  const impact = stored as Partial<FixImpact> | null;
  if (!impact || typeof impact !== 'object' || !Array.isArray(impact.windows) || typeof impact.summary !== 'string') return null;
  return impact as FixImpact;
}
