import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/optional';

export const CRAWL_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

export class CrawlIssueClassesDto {
  @ApiProperty({ description: 'Issues of severity CRITICAL or HIGH' }) errors!: number;
  @ApiProperty({ description: 'Issues of severity MEDIUM' }) warnings!: number;
  @ApiProperty({ description: 'Issues of severity LOW or INFO' }) notices!: number;
}

export class CrawlDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty({ enum: CRAWL_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The job running this crawl (progress lives there too)' }) jobId!: string | null;
  @ApiProperty() pagesCrawled!: number;
  @ApiProperty() pagesQueued!: number;
  @ApiProperty() issuesFound!: number;
  @ApiProperty() newIssues!: number;
  @ApiProperty() resolvedIssues!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: CrawlIssueClassesDto,
    description: 'The issues this crawl found (issuesFound) as errors, warnings and notices; null until its analysis has run (and for crawls analysed before the split was kept)',
  })
  issueClasses!: CrawlIssueClassesDto | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) healthScore!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) durationMs!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) stats!: unknown;
  @ApiProperty({ description: 'A cancelled crawl that can continue where it stopped' }) resumable!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) completedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class CrawlPageDto {
  @ApiProperty({ type: CrawlDto, isArray: true }) items!: CrawlDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CrawlDiffQueryDto {
  @ApiPropertyOptional({ description: 'Crawl to compare with; default: the previous completed crawl of the site' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  against?: string;
}

class ChangedPageDto {
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String], example: ['title', 'status'] }) fields!: string[];
}

class DiffIssueDto {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() pageUrl!: string;
  @ApiProperty() title!: string;
}

export class CrawlDiffDto {
  @ApiProperty() crawlId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) againstCrawlId!: string | null;
  @ApiProperty({ type: DiffIssueDto, isArray: true, description: 'Issues first found by this crawl (or a crawl between the two); up to 1,000' }) newIssues!: DiffIssueDto[];
  @ApiProperty({ type: DiffIssueDto, isArray: true, description: 'Issues this crawl (or a crawl between the two) no longer found; up to 1,000' }) resolvedIssues!: DiffIssueDto[];
  @ApiProperty({ description: 'All new issues; equals the crawl\'s newIssues when compared with the previous crawl' }) newIssueCount!: number;
  @ApiProperty({ description: 'All resolved issues; equals the crawl\'s resolvedIssues when compared with the previous crawl' }) resolvedIssueCount!: number;
  @ApiProperty({ type: [String] }) pagesAdded!: string[];
  @ApiProperty({ type: [String] }) pagesRemoved!: string[];
  @ApiProperty({ type: ChangedPageDto, isArray: true }) pagesChanged!: ChangedPageDto[];
}
