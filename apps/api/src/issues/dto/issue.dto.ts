import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
export const ISSUE_STATUSES = ['OPEN', 'FIXING', 'FIXED', 'RESOLVED', 'IGNORED'] as const;
export const ISSUE_SORTS = ['impactScore', 'severity', 'lastSeenAt', 'firstSeenAt', 'pageUrl', 'type', 'estimatedTraffic'] as const;

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

/** Filters shared by the issue list and the grouped view. */
export class IssueFiltersDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, description: 'Comma-separated' })
  @IsOptionalNotNull()
  @Transform(toList)
  @IsArray()
  @IsIn(SEVERITIES, { each: true, message: `severity must be among: ${SEVERITIES.join(', ')}` })
  severity?: (typeof SEVERITIES)[number][];

  @ApiPropertyOptional({ enum: ISSUE_STATUSES, isArray: true, description: 'Comma-separated; default OPEN and FIXING' })
  @IsOptionalNotNull()
  @Transform(toList)
  @IsArray()
  @IsIn(ISSUE_STATUSES, { each: true, message: `status must be among: ${ISSUE_STATUSES.join(', ')}` })
  status?: (typeof ISSUE_STATUSES)[number][];

  @ApiPropertyOptional({ description: 'Category, e.g. titles, images' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(50)
  category?: string;
}

export class ListIssuesQueryDto extends IssueFiltersDto {
  @ApiPropertyOptional({ description: 'Check id(s), comma-separated, e.g. title-missing' })
  @IsOptionalNotNull()
  @Transform(toList)
  @IsArray()
  @IsString({ each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Only issues on pages whose URL contains this text' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ description: 'Search in title, message, URL and evidence' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ISSUE_SORTS, default: 'impactScore' })
  @IsOptionalNotNull()
  @IsIn(ISSUE_SORTS, { message: `sort must be one of: ${ISSUE_SORTS.join(', ')}` })
  sort?: (typeof ISSUE_SORTS)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptionalNotNull()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({
    description: 'Keyset pagination: the nextCursor of the previous page (same filters and sort). Deep pages cost what the first does; page is then ignored.',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(3000)
  cursor?: string;
}

export class IssueDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty({ description: 'Check id (docs/checks.md)' }) type!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ISSUE_STATUSES }) status!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() pageUrl!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) elementSelector!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) evidence!: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) impactScore!: number;
  @ApiProperty() fixable!: boolean;
  @ApiProperty({ minimum: 0, description: "The page's Search Console impressions over the last 28 complete days; 0 until Search Console data arrives" })
  estimatedTraffic!: number;
  @ApiProperty({ minimum: 0, description: "The page's Search Console clicks over the same 28 days; 0 until Search Console data arrives" })
  searchClicks!: number;
  @ApiProperty() firstSeenAt!: Date;
  @ApiProperty() lastSeenAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) resolvedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) ignoredAt!: Date | null;
}

export class IssuePageDto {
  @ApiProperty({ type: IssueDto, isArray: true }) items!: IssueDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class CheckDto {
  @ApiProperty() id!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() title!: string;
  @ApiProperty() explanation!: string;
  @ApiProperty() howToFix!: string;
  @ApiProperty({ enum: ['page', 'site'] }) scope!: string;
  @ApiPropertyOptional() fixKind?: string;
}

export class IssueDetailDto extends IssueDto {
  @ApiPropertyOptional({ type: CheckDto, nullable: true, description: 'The check that found it: why it matters and how to fix it' })
  check!: CheckDto | null;
}

export const GROUP_SORTS = ['count', 'severity', 'affectedPages', 'checkId', 'estimatedTraffic'] as const;

export class GroupIssuesQueryDto extends IssueFiltersDto {
  @ApiPropertyOptional({ enum: GROUP_SORTS, default: 'count' })
  @IsOptionalNotNull()
  @IsIn(GROUP_SORTS, { message: `sort must be one of: ${GROUP_SORTS.join(', ')}` })
  sort?: (typeof GROUP_SORTS)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptionalNotNull()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class IssueGroupDto {
  @ApiProperty({ description: 'Check id (docs/checks.md)' }) checkId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SEVERITIES, description: 'The most severe of the group' }) severity!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ description: 'Issues of this check that match the filters' }) count!: number;
  @ApiProperty({ description: 'Distinct pages with such an issue' }) affectedPages!: number;
  @ApiProperty({ description: 'Issues with a proposed or approved fix waiting to be applied' }) openFixes!: number;
  @ApiProperty({ description: 'Issues a rule can fix (no AI needed)' }) fixableByRule!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Up to three affected pages' }) examplePages!: string[];
  @ApiProperty({ minimum: 0, description: 'Search Console impressions (28 days) of the distinct affected pages, summed; 0 without Search Console' })
  estimatedTraffic!: number;
}

export class IssueGroupPageDto {
  @ApiProperty({ type: IssueGroupDto, isArray: true }) items!: IssueGroupDto[];
  @ApiProperty({ description: 'Number of groups' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
