import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../common/dto/optional';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReportDownloadsDto {
  @ApiProperty({ example: '/api/reports/clx.../download?format=pdf' }) pdf!: string;
  @ApiProperty({ example: '/api/reports/clx.../download?format=csv', description: 'A zip of one CSV per section' }) csv!: string;
}

export class ReportDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty({ enum: ['PENDING', 'READY', 'FAILED'] }) status!: 'PENDING' | 'READY' | 'FAILED';
  @ApiProperty({ description: "Made by the site's schedule and emailed, rather than on demand" }) scheduled!: boolean;
  @ApiProperty({ example: '2026-11-01', description: 'First day covered' }) periodFrom!: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last day covered' }) periodTo!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty() csvBytes!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed (FAILED only)' }) error!: string | null;
  @ApiProperty({ type: [String] }) emailedTo!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: "Deleted after this, per the site owner's plan" }) expiresAt!: string;
  @ApiProperty({ type: ReportDownloadsDto, nullable: true, description: 'Set once READY' }) downloads!: ReportDownloadsDto | null;
}

export class ReportListDto {
  @ApiProperty({ type: [ReportDto], description: 'Newest first, at most 50' }) items!: ReportDto[];
}

export class CreateReportDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (UTC); default 30 days before `to`' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'from must be a date like 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day (UTC), included; default today' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'to must be a date like 2026-11-30' })
  to?: string;
}

export class ReportDownloadQueryDto {
  @ApiProperty({ enum: ['pdf', 'csv'] })
  @IsIn(['pdf', 'csv'], { message: 'format must be pdf or csv' })
  format!: 'pdf' | 'csv';
}

export class ReportScheduleDto {
  @ApiProperty({ enum: ['NONE', 'WEEKLY', 'MONTHLY'] }) frequency!: 'NONE' | 'WEEKLY' | 'MONTHLY';
  @ApiProperty({ type: [String], description: "Where the PDF goes; the site owner's address when empty" }) recipients!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextRunAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastRunAt!: string | null;
}

export class UpdateReportScheduleDto {
  @ApiProperty({ enum: ['NONE', 'WEEKLY', 'MONTHLY'], description: 'WEEKLY: Mondays 06:00 UTC for the previous 7 days; MONTHLY: the 1st, 06:00 UTC, for the previous month' })
  @IsIn(['NONE', 'WEEKLY', 'MONTHLY'], { message: 'frequency must be NONE, WEEKLY or MONTHLY' })
  frequency!: 'NONE' | 'WEEKLY' | 'MONTHLY';

  @ApiPropertyOptional({ type: [String], example: ['client@example.com'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'each recipient must be an email address' })
  recipients?: string[];
}

export class ReportBrandingDto {
  @ApiProperty({ description: "The account's plan puts its own name and logo on reports (Agency and Enterprise)" }) available!: boolean;
  @ApiProperty({ description: 'Plain words: whose name the reports carry and why' }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) agencyName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'data:image/png|jpeg;base64,...' }) logoDataUrl!: string | null;
}

export class UpdateReportBrandingDto {
  @ApiProperty({ example: 'Northwind Digital', maxLength: 80 })
  @IsString()
  @IsNotBlank('agencyName')
  @MaxLength(80)
  agencyName!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'PNG or JPEG as a data URL, at most 256 KB; null removes the logo, leaving it out keeps it' })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(360_000)
  logoDataUrl?: string | null;
}
