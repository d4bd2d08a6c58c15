import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JOB_TYPES, type JobStatusName, type JobTypeName } from '@seology/contracts';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull } from '../../common/dto/optional';

export class ListJobsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptionalNotNull()
  @IsIn(JOB_STATUSES, { message: `status must be one of: ${JOB_STATUSES.join(', ')}` })
  status?: JobStatusName;

  @ApiPropertyOptional({ enum: JOB_TYPES })
  @IsOptionalNotNull()
  @IsIn(JOB_TYPES, { message: `type must be one of: ${JOB_TYPES.join(', ')}` })
  type?: JobTypeName;

  @ApiPropertyOptional({ description: 'Admins only: jobs of one user' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  userId?: string;
}

export class JobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) priority!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: unknown;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) result!: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) connectionId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) userId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) scheduledFor!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) completedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) failedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) cancelledAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class JobPageDto {
  @ApiProperty({ type: JobDto, isArray: true }) items!: JobDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
