import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLANS, TEAM_ROLES, type TeamRoleName } from '@seology/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../common/dto/optional';

export const PLATFORMS = ['WORDPRESS', 'SHOPIFY', 'CUSTOM'] as const;
export const EXECUTION_MODES = ['AUTOMATIC', 'PLAN', 'APPROVE'] as const;

export class WordPressCredentialsDto {
  @ApiProperty({ example: 'editor' })
  @IsString()
  @MinLength(1, { message: 'wordpress.username must not be empty' })
  @MaxLength(100)
  username!: string;

  @ApiProperty({ description: 'A WordPress application password (Users > Profile > Application Passwords)', example: 'abcd efgh ijkl mnop qrst uvwx' })
  @IsString()
  @MinLength(16, { message: 'wordpress.applicationPassword looks too short for a WordPress application password' })
  @MaxLength(100)
  applicationPassword!: string;
}

export class ShopifyCredentialsDto {
  @ApiProperty({ example: 'my-store.myshopify.com' })
  @Matches(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, { message: 'shopify.shopDomain must be the store\'s *.myshopify.com domain' })
  shopDomain!: string;

  @ApiProperty({ description: 'Admin API access token of a custom app (shpat_...)' })
  @IsString()
  @MinLength(20, { message: 'shopify.accessToken looks too short for an Admin API access token' })
  @MaxLength(200)
  accessToken!: string;
}

export class CrawlSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 500 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxPages?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 50, default: 10 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(50)
  maxDepth?: number;

  @ApiPropertyOptional({ type: [String], description: 'Only crawl URLs matching one of these patterns (glob, e.g. /blog/*)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  include?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Never crawl URLs matching these patterns' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  exclude?: string[];

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string' },
    description: 'Extra request headers (e.g. a Cookie for sites behind a login). Stored encrypted; never returned.',
  })
  @IsOptionalNotNull()
  @IsObject()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ minimum: 0.2, maximum: 20, default: 8, description: 'Requests per second to the site (lower it for a fragile server)' })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.2)
  @Max(20)
  requestsPerSecond?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'User-Agent sent with every request; empty for the default Seology crawler name' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(/^[^\r\n\0]*$/, { message: 'crawlSettings.userAgent must be a single line' })
  userAgent?: string;
}

export class CreateConnectionDto {
  @ApiProperty({ example: 'https://www.example.com/', description: 'The site\'s home page; a bare domain means https://' })
  @IsString()
  @MinLength(3)
  @MaxLength(2048)
  siteUrl!: string;

  @ApiProperty({ enum: PLATFORMS })
  @IsIn(PLATFORMS, { message: `platform must be one of: ${PLATFORMS.join(', ')}` })
  platform!: (typeof PLATFORMS)[number];

  @ApiPropertyOptional({ enum: EXECUTION_MODES, default: 'APPROVE' })
  @IsOptionalNotNull()
  @IsIn(EXECUTION_MODES, { message: `executionMode must be one of: ${EXECUTION_MODES.join(', ')}` })
  executionMode?: (typeof EXECUTION_MODES)[number];

  @ApiPropertyOptional({ example: 'Main store' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank('displayName')
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ type: WordPressCredentialsDto, description: 'Required when platform is WORDPRESS' })
  @ValidateIf((o: CreateConnectionDto) => o.platform === 'WORDPRESS' || o.wordpress !== undefined)
  @ValidateNested()
  @Type(() => WordPressCredentialsDto)
  wordpress?: WordPressCredentialsDto;

  @ApiPropertyOptional({ type: ShopifyCredentialsDto, description: 'Required when platform is SHOPIFY' })
  @ValidateIf((o: CreateConnectionDto) => o.platform === 'SHOPIFY' || o.shopify !== undefined)
  @ValidateNested()
  @Type(() => ShopifyCredentialsDto)
  shopify?: ShopifyCredentialsDto;

  @ApiPropertyOptional({ type: CrawlSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => CrawlSettingsDto)
  crawlSettings?: CrawlSettingsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 720, description: 'Re-crawl every N hours; omit for on-demand only' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(720)
  crawlFrequencyHours?: number;

  @ApiPropertyOptional({ description: 'Make it a team site: a team where your role allows site:manage' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  teamId?: string;
}

export class UpdateConnectionDto {
  @ApiPropertyOptional({ enum: EXECUTION_MODES })
  @IsOptionalNotNull()
  @IsIn(EXECUTION_MODES, { message: `executionMode must be one of: ${EXECUTION_MODES.join(', ')}` })
  executionMode?: (typeof EXECUTION_MODES)[number];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank('displayName')
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ type: WordPressCredentialsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => WordPressCredentialsDto)
  wordpress?: WordPressCredentialsDto;

  @ApiPropertyOptional({ type: ShopifyCredentialsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ShopifyCredentialsDto)
  shopify?: ShopifyCredentialsDto;

  @ApiPropertyOptional({ type: CrawlSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => CrawlSettingsDto)
  crawlSettings?: CrawlSettingsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 720, nullable: true, type: Number })
  @ValidateIf((o: UpdateConnectionDto) => o.crawlFrequencyHours !== null && o.crawlFrequencyHours !== undefined)
  @IsInt()
  @Min(1)
  @Max(720)
  crawlFrequencyHours?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Move the site into a team (needs site:manage there) or null to make it personal again' })
  @ValidateIf((o: UpdateConnectionDto) => o.teamId !== null && o.teamId !== undefined)
  @IsString()
  @MinLength(1)
  teamId?: string | null;
}

export class PublicCrawlSettingsDto {
  @ApiPropertyOptional() maxPages?: number;
  @ApiPropertyOptional() maxDepth?: number;
  @ApiPropertyOptional({ type: [String] }) include?: string[];
  @ApiPropertyOptional({ type: [String] }) exclude?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Names of the configured extra headers (values are never returned)' })
  headerNames?: string[];
  @ApiPropertyOptional() requestsPerSecond?: number;
  @ApiPropertyOptional() userAgent?: string;
}

export class ConnectionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'www.example.com' }) domain!: string;
  @ApiProperty({ example: 'https://www.example.com/' }) siteUrl!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ enum: ['PENDING', 'CONNECTED', 'ERROR', 'DISCONNECTED'] }) status!: string;
  @ApiProperty({ enum: EXECUTION_MODES }) executionMode!: string;
  @ApiProperty({ description: 'Platform credentials are stored (encrypted); they are never returned' }) hasCredentials!: boolean;
  @ApiProperty({ description: 'Public key for the snippet script tag' }) snippetKey!: string;
  @ApiProperty({ type: PublicCrawlSettingsDto }) crawlSettings!: PublicCrawlSettingsDto;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Re-crawl every N hours (24 daily, 168 weekly, 720 monthly); null when crawls are on demand only' })
  crawlFrequencyHours!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the next scheduled crawl starts; null without a schedule' })
  nextCrawlAt!: Date | null;
  @ApiProperty({ enum: PLANS, description: 'The plan whose limits apply to this site (its owner\'s): it sets the shortest schedule, see minCrawlFrequencyHours' })
  ownerPlan!: string;
  @ApiProperty({ description: 'The shortest re-crawl interval, in hours, that the owner\'s plan allows (168 weekly on Free, 24 daily on Starter and Pro)' })
  minCrawlFrequencyHours!: number;
  @ApiProperty({ enum: ['healthy', 'warning', 'error', 'unknown'] }) healthStatus!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) healthScore!: number | null;
  @ApiProperty() pageCount!: number;
  @ApiProperty() issueCount!: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastCrawlAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastAnalysisAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({
    enum: TEAM_ROLES,
    description: 'What the caller may do here, as a role of the shared permission matrix: OWNER for a site they created, otherwise their role in the site\'s team',
  })
  role!: TeamRoleName;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ConnectionPageDto {
  @ApiProperty({ type: ConnectionDto, isArray: true }) items!: ConnectionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class HealthTrendQueryDto {
  @ApiProperty({ description: 'Comma-separated ids of the sites (at most 100)', example: 'clx1,clx2' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  ids!: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 365, default: 30, description: 'How many days back the series reaches' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(365)
  days = 30;
}

export class HealthPointDto {
  @ApiProperty({ example: '2026-11-24', description: 'Day (UTC) of the score' }) date!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) healthScore!: number;
}

export class SiteHealthTrendDto {
  @ApiProperty() connectionId!: string;
  @ApiProperty({ type: HealthPointDto, isArray: true, description: 'One point per day that has a score, oldest first' }) points!: HealthPointDto[];
}

export class HealthTrendsDto {
  @ApiProperty({ type: SiteHealthTrendDto, isArray: true, description: 'One entry per requested site the caller can reach; others are left out' })
  items!: SiteHealthTrendDto[];
}
