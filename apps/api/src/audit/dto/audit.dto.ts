import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';

export class ListAuditLogsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'connection.create' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(120)
  action?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ example: 'connection' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  resourceType?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Entries at or after this time' })
  @IsOptionalNotNull()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Entries before this time' })
  @IsOptionalNotNull()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: 'Platform admins only: another user\'s trail' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  userId?: string;

  @ApiPropertyOptional({ description: 'A team\'s trail; the caller must be its owner or an admin of it' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  teamId?: string;

  @ApiPropertyOptional({ description: 'true: leave out routine entries (saves of the setup wizard\'s progress)' })
  @IsOptionalNotNull()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'hideRoutine must be true or false' })
  hideRoutine?: boolean;
}

export class AuditLogDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Position in the hash chain' }) seq!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) userId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ enum: ['USER', 'API_KEY', 'SYSTEM'] }) actorType!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) apiKeyId!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resourceType!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resourceId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) connectionId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ipAddress!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) userAgent!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) before!: unknown;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) after!: unknown;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) metadata!: unknown;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name (or email) of the user who acted' }) actorName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name (or domain) of the site concerned' }) siteName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What the resource is, e.g. "title fix on /about/"' }) resourceLabel?: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: AuditLogDto, isArray: true }) items!: AuditLogDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AuditChainVerificationDto {
  @ApiProperty({ description: 'Every row\'s hash matches its content and the previous row\'s hash, and seq has no gaps' }) valid!: boolean;
  @ApiProperty({ description: 'Rows checked' }) checked!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'First row where the chain breaks' }) firstBrokenSeq!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why that row breaks the chain' }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Highest seq anchored outside the database (Redis, AUDIT_ANCHOR_FILE); the chain must reach it with the anchored hash' }) anchoredSeq!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Set when an anchor could not be read or none is stored yet (the chain itself was still checked)' }) anchorNote!: string | null;
}
