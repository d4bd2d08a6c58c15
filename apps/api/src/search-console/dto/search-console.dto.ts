import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/optional';

export class SearchConsoleAuthorizationDto {
  @ApiProperty({ description: "Google's consent screen; open it in the browser. It comes back to /api/search-console/callback." })
  authorizationUrl!: string;
}

export class SearchConsolePropertyDto {
  @ApiProperty({ example: 'sc-domain:example.com' }) siteUrl!: string;
  @ApiProperty({ example: 'siteOwner' }) permissionLevel!: string;
  @ApiProperty({ enum: ['url-prefix', 'domain'] }) kind!: 'url-prefix' | 'domain';
  @ApiProperty({ description: "The property covers the site's URL" }) matches!: boolean;
  @ApiProperty() selected!: boolean;
}

export class SearchConsolePropertiesDto {
  @ApiProperty({ type: [SearchConsolePropertyDto], description: 'Best match first' }) items!: SearchConsolePropertyDto[];
}

export class IssuePriorityBasisDto {
  @ApiProperty({ enum: ['search-traffic', 'check-score'] }) basis!: 'search-traffic' | 'check-score';
  @ApiProperty({ description: 'Why issues are ranked this way, in plain words' }) reason!: string;
}

export class SearchConsoleStatusDto {
  @ApiProperty({ type: IssuePriorityBasisDto }) priorities!: IssuePriorityBasisDto;
  @ApiProperty({ description: 'The server has a Google OAuth client (GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET)' }) available!: boolean;
  @ApiProperty() connected!: boolean;
  @ApiPropertyOptional({ enum: ['ACTIVE', 'REVOKED'] }) status?: 'ACTIVE' | 'REVOKED';
  @ApiPropertyOptional({ type: String, nullable: true }) propertyUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Last day stored whose data Google calls complete (YYYY-MM-DD)' }) syncedThrough?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastSyncAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError?: string | null;
  @ApiPropertyOptional() scope?: string;
}

export class ChoosePropertyDto {
  @ApiProperty({ example: 'https://www.example.com/', description: 'One of the properties listed by GET .../search-console/properties' })
  @IsString()
  @MaxLength(2048)
  @Matches(/^(https?:\/\/\S+|sc-domain:\S+)$/, { message: 'propertyUrl must be a URL-prefix property (https://example.com/) or a Domain property (sc-domain:example.com)' })
  propertyUrl!: string;
}

export class OAuthCallbackQueryDto {
  @ApiProperty() @IsString() @MaxLength(4096) state!: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(4096) code?: string;
  @ApiPropertyOptional({ description: 'Set by Google when the user declined, e.g. access_denied' }) @IsOptionalNotNull() @IsString() @MaxLength(200) error?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(2048) scope?: string;
}
