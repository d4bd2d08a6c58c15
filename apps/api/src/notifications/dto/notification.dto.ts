import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { NOTIFICATION_TYPES } from '../notification-types';
import { IsOptionalNotNull } from '../../common/dto/optional';

export class ListNotificationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptionalNotNull()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Dashboard path to open, e.g. /sites/abc/crawls/def' }) link!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) icon!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) color!: string | null;
  @ApiProperty() read!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class NotificationPageDto {
  @ApiProperty({ type: NotificationDto, isArray: true }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Unread notifications in total, whatever the filter' }) unread!: number;
}

export class MarkAllReadResultDto {
  @ApiProperty() updated!: number;
}
