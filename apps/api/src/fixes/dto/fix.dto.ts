import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { RESOURCE_KINDS, SEO_FIELDS } from '@seology/connectors';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';
import { FixImpactDto } from '../../search-console/dto/fix-impact.dto';

export const FIX_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'APPLYING', 'APPLIED', 'FAILED', 'ROLLING_BACK', 'ROLLED_BACK', 'MANUAL', 'REVERT_PENDING'] as const;
export const FIX_RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

export class FixListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: FIX_STATUSES, isArray: true, description: 'Comma-separated, e.g. APPROVED,APPLYING,APPLIED to follow fixes on their way to the site' })
  @IsOptionalNotNull()
  @Transform(toList)
  @IsArray()
  @IsIn(FIX_STATUSES, { each: true, message: `status must be among: ${FIX_STATUSES.join(', ')}` })
  status?: (typeof FIX_STATUSES)[number][];

  @ApiPropertyOptional({ enum: FIX_RISKS })
  @IsOptionalNotNull()
  @IsIn(FIX_RISKS)
  risk?: (typeof FIX_RISKS)[number];
}

export class ApproveFixesDto {
  @ApiProperty({ type: [String], description: 'Fixes to approve (1-100); all must be PROPOSED' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  ids!: string[];
}

export class WritableFieldsDto {
  @ApiProperty({ enum: RESOURCE_KINDS, description: 'A kind of URL: post, page, media, term (category or tag archive), home (a front page listing posts), product...' })
  kind!: string;
  @ApiProperty({ enum: SEO_FIELDS, isArray: true, description: 'Fields Seology can change on URLs of this kind' })
  fields!: string[];
}

export class WordPressSetupDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Version of the Seology plugin for WordPress; null when it is not active' })
  companionPlugin!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['yoast', 'rankmath'], description: 'The SEO plugin whose fields Seology writes' })
  seoPlugin!: 'yoast' | 'rankmath' | null;
  @ApiPropertyOptional({ nullable: true, enum: ['seology', 'redirection'], description: 'Where redirects are written; null when none can be' })
  redirects!: 'seology' | 'redirection' | null;
}

export class ConnectionCheckDto {
  @ApiProperty({ description: 'true when Seology can read the site and, for WordPress and Shopify, the credentials are accepted' }) ok!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The site\'s name as the platform reports it' }) siteName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the check failed, in words a person can act on' }) reason!: string | null;
  @ApiProperty({ type: WritableFieldsDto, isArray: true, description: 'What Seology can change, per kind of URL (empty when the check failed)' })
  writable!: WritableFieldsDto[];
  @ApiPropertyOptional({ type: WordPressSetupDto, nullable: true, description: 'WordPress sites: the plugins that decide what can be changed' })
  wordpress!: WordPressSetupDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Why a field cannot be changed, by field, with what would unlock it (e.g. installing the Seology plugin)',
  })
  unsupported!: Record<string, string>;
}

export class RejectDto {
  @ApiProperty({ description: 'Why; shown in the history', minLength: 1, maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class RollbackFixDto {
  @ApiPropertyOptional({ description: 'Restore the old value even if someone changed the live value since Seology wrote it', default: false })
  @IsOptionalNotNull()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  force?: boolean;
}

export class RollbackConflictDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What Seology wrote' }) expected!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What the platform holds now' }) actual!: string | null;
  @ApiProperty() detectedAt!: string;
}

export class FixDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) issueId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) planId!: string | null;
  @ApiProperty({ description: 'Field changed: title, metaDescription, imageAlt, h1, canonical, robots, ogTitle, ogDescription, jsonLd, redirect, anchorText' }) type!: string;
  @ApiProperty({ enum: ['RULE', 'AI', 'MANUAL'] }) method!: string;
  @ApiProperty({ enum: FIX_STATUSES }) status!: string;
  @ApiProperty({ enum: FIX_RISKS }) risk!: string;
  @ApiProperty() pageUrl!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) target!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) beforeValue!: string | null;
  @ApiProperty() afterValue!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rationale!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) appliedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) verifiedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) verificationDetail!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failureReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'MANUAL fixes: why Seology cannot make this change on this site and what would let it (e.g. installing the Seology plugin)' })
  manualReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'REVERT_PENDING fixes: Seology retries the revert with backoff until then, and the fix is FAILED after' })
  revertRetryUntil!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) rollbackDeadline!: Date | null;
  @ApiProperty({ description: 'true when a rollback can restore the stored before-state: APPLIED, or REVERT_PENDING/FAILED while the change may still be live' })
  rollbackPossible!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) rolledBackAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: RollbackConflictDto, description: 'Set when a rollback found the live value changed; roll back with force=true to restore anyway' })
  rollbackConflict!: RollbackConflictDto | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) approvedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) rejectedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: FixImpactDto, description: "Applied fixes: the page's Search Console numbers before and after against unchanged comparable pages; null until Search Console data covers the fix. Rolled-back fixes keep theirs." })
  impact!: FixImpactDto | null;
  @ApiProperty() createdAt!: Date;
}

export class FixPageDto {
  @ApiProperty({ type: FixDto, isArray: true }) items!: FixDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class GeneratorStatusDto {
  @ApiProperty({ enum: ['rules', 'claude'], description: 'rules when no ANTHROPIC_API_KEY is configured' }) generator!: 'rules' | 'claude';
  @ApiPropertyOptional({ nullable: true, type: String }) model!: string | null;
  @ApiProperty() message!: string;
}
