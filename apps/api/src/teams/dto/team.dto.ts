import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PLANS } from '@seology/contracts';
import { IsNotBlank } from '../../common/dto/optional';

export const INVITABLE_ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export class CreateTeamDto {
  @ApiProperty({ example: 'Acme marketing' })
  @IsString()
  @MinLength(2)
  @IsNotBlank('name')
  @MaxLength(80)
  name!: string;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'colleague@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES, { message: `role must be one of: ${INVITABLE_ROLES.join(', ')} (ownership moves only by transfer)` })
  role!: InvitableRole;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES, { message: `role must be one of: ${INVITABLE_ROLES.join(', ')} (ownership moves only by transfer)` })
  role!: InvitableRole;
}

export class TransferOwnershipDto {
  @ApiProperty({ description: 'User id of the member who becomes the owner; the current owner becomes an ADMIN.' })
  @IsString()
  @MinLength(1)
  userId!: string;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'The token from the invitation email' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token!: string;
}

export class TeamDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ enum: ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'], description: 'The caller\'s role in this team' }) role!: string;
  @ApiProperty() createdAt!: Date;
}

export class TeamMemberDto {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ enum: ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] }) role!: string;
  @ApiProperty() joinedAt!: Date;
}

export class InvitationDto {
  @ApiProperty() id!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role!: string;
  @ApiProperty({ enum: ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'REVOKED'] }) status!: string;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class InvitationPreviewDto extends InvitationDto {
  @ApiProperty({ description: 'Name of the team the invitation is for' }) teamName!: string;
  @ApiProperty({ description: 'Email of the person who sent it' }) invitedBy!: string;
  @ApiProperty({ description: 'Whether the caller is the invited person (same email) and can answer it' }) forYou!: boolean;
}

export class TeamDetailDto extends TeamDto {
  @ApiProperty({ type: TeamMemberDto, isArray: true }) members!: TeamMemberDto[];
  @ApiProperty({ type: InvitationDto, isArray: true, description: 'Only for roles that may manage members; empty otherwise' })
  invitations!: InvitationDto[];
  @ApiProperty({ description: 'Seats of the owner\'s plan (members plus pending invitations count against it)' }) seatLimit!: number;
  @ApiProperty({ enum: PLANS, description: 'The owner\'s plan, whose seats the team uses' }) ownerPlan!: string;
}
