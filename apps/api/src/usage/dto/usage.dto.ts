import { ApiProperty } from '@nestjs/swagger';
import { PLANS } from '@seology/contracts';

export class MeterDto {
  @ApiProperty() used!: number;
  @ApiProperty() limit!: number;
}

export class UsageMetersDto {
  @ApiProperty({ type: MeterDto, description: 'Fixes applied this month' }) fixesApplied!: MeterDto;
  @ApiProperty({ type: MeterDto, description: 'Requests made with API keys this month' }) apiCalls!: MeterDto;
  @ApiProperty({ type: MeterDto, description: 'AI tokens used this month' }) aiTokens!: MeterDto;
  @ApiProperty({ type: MeterDto, description: 'Sites you created (not monthly)' }) sites!: MeterDto;
  @ApiProperty({ type: MeterDto, description: 'Seats taken in your largest owned team: members plus pending invitations (not monthly)' })
  teamSeats!: MeterDto;
}

export class UsageOverviewDto {
  @ApiProperty({ enum: PLANS }) plan!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ minimum: 1, maximum: 12 }) month!: number;
  @ApiProperty({ type: UsageMetersDto }) meters!: UsageMetersDto;
}
