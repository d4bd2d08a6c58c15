import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';
import { FixDto } from '../../fixes/dto/fix.dto';
import { IssueDto } from '../../issues/dto/issue.dto';

export const PAGE_SORTS = ['url', 'status', 'depth', 'inlinks', 'issueCount', 'title', 'totalMs', 'wordCount', 'impressions', 'clicks'] as const;
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'error'] as const;

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListPagesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Crawl to explore; default: the latest completed crawl of the site' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  crawlId?: string;

  @ApiPropertyOptional({ enum: STATUS_CLASSES, isArray: true, description: 'Comma-separated HTTP status classes; error = no answer' })
  @IsOptionalNotNull()
  @Transform(toList)
  @IsArray()
  @IsIn(STATUS_CLASSES, { each: true, message: `statusClass must be among: ${STATUS_CLASSES.join(', ')}` })
  statusClass?: (typeof STATUS_CLASSES)[number][];

  @ApiPropertyOptional({ description: 'true: only indexable pages; false: only non-indexable ones' })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean({ message: 'indexable must be true or false' })
  indexable?: boolean;

  @ApiPropertyOptional({ description: 'true: only pages with open issues; false: only pages without' })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean({ message: 'hasIssues must be true or false' })
  hasIssues?: boolean;

  @ApiPropertyOptional({ minimum: 0, description: 'Only pages at most this many clicks from the start page' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  maxDepth?: number;

  @ApiPropertyOptional({ description: 'URL or title contains this text' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  q?: string;

  @ApiPropertyOptional({ enum: PAGE_SORTS, default: 'url' })
  @IsOptionalNotNull()
  @IsIn(PAGE_SORTS, { message: `sort must be one of: ${PAGE_SORTS.join(', ')}` })
  sort?: (typeof PAGE_SORTS)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptionalNotNull()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'Keyset pagination: the nextCursor of the previous page (same filters and sort); page is then ignored.' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(3000)
  cursor?: string;
}

export class PageByUrlQueryDto {
  @ApiProperty({ description: 'The page URL, as crawled' })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

export class RenderFactsDto {
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) canonical!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Contents of the robots meta tags' }) robots!: string | null;
  @ApiProperty() noindex!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) h1!: string | null;
  @ApiProperty({ description: 'Distinct internal link targets' }) internalLinks!: number;
  @ApiProperty({ description: 'Words of the main content' }) wordCount!: number;
}

export class PageRenderDto {
  @ApiProperty({ type: RenderFactsDto, description: 'What the HTML response says (crawlers without JavaScript)' }) raw!: RenderFactsDto;
  @ApiPropertyOptional({ type: RenderFactsDto, nullable: true, description: 'What the page says once JavaScript ran; null when the browser crashed on it' })
  rendered!: RenderFactsDto | null;
  @ApiProperty() ms!: number;
  @ApiProperty() timedOut!: boolean;
  @ApiProperty() crashed!: boolean;
  @ApiProperty({ description: 'Uncaught JavaScript errors' }) errors!: number;
  @ApiProperty() failedRequests!: number;
  @ApiProperty() blockedRequests!: number;
}

export class CrawledPageDto {
  @ApiProperty() id!: string;
  @ApiProperty() crawlId!: string;
  @ApiProperty() url!: string;
  @ApiProperty() finalUrl!: string;
  @ApiProperty({ description: 'HTTP status; 0 when the page did not answer' }) status!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) canonical!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) h1!: string | null;
  @ApiProperty({ description: 'Clicks from the start page' }) depth!: number;
  @ApiProperty() wordCount!: number;
  @ApiProperty() bodyBytes!: number;
  @ApiProperty() ttfbMs!: number;
  @ApiProperty() totalMs!: number;
  @ApiProperty() indexable!: boolean;
  @ApiProperty({ description: 'Internal links to this URL from the crawled pages' }) inlinks!: number;
  @ApiProperty({ description: 'Open issues on this URL when the crawl was analysed' }) issueCount!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: "Search Console impressions of this URL over the 28 days up to the last synced day; null when the site's Search Console data has not arrived" })
  impressions!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Search Console clicks over the same 28 days; null like impressions' })
  clicks!: number | null;
  @ApiProperty() crawledAt!: Date;
  @ApiPropertyOptional({ type: PageRenderDto, nullable: true, description: 'Page detail only: raw and rendered facts when the crawl rendered the page with JavaScript' })
  render?: PageRenderDto | null;
}

export class CrawledPageListDto {
  @ApiProperty({ type: CrawledPageDto, isArray: true }) items!: CrawledPageDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The crawl listed; null when the site has no completed crawl yet' }) crawlId!: string | null;
}

export class FixEventDto {
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected', 'applied', 'verified', 'failed', 'rolled-back'] }) event!: string;
  @ApiProperty() at!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) detail!: string | null;
}

export class PageFixDto extends FixDto {
  @ApiProperty({ type: FixEventDto, isArray: true, description: 'What happened to the fix, oldest first' }) history!: FixEventDto[];
}

export class PageCrawlHistoryDto {
  @ApiProperty() crawlId!: string;
  @ApiProperty() crawledAt!: Date;
  @ApiProperty() status!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() indexable!: boolean;
  @ApiProperty() issueCount!: number;
}

export class PageDetailDto {
  @ApiProperty({ type: CrawledPageDto, description: 'The URL as the latest crawl that fetched it saw it' }) page!: CrawledPageDto;
  @ApiProperty({ type: IssueDto, isArray: true, description: 'Every issue on this URL, open first, then by impact' }) issues!: IssueDto[];
  @ApiProperty({ type: PageFixDto, isArray: true, description: 'Fixes on this URL, newest first, each with its history' }) fixes!: PageFixDto[];
  @ApiProperty({ type: PageCrawlHistoryDto, isArray: true, description: 'This URL in the site\'s crawls, newest first (up to 20)' }) history!: PageCrawlHistoryDto[];
}
