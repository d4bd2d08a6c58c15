import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../common/dto/optional';

export const REFRESH_TOKEN_IN = ['body', 'cookie'] as const;
export type RefreshTokenIn = (typeof REFRESH_TOKEN_IN)[number];

/** Browsers ask for the cookie; other clients keep the refresh token from the body. */
class StartSessionDto {
  @ApiPropertyOptional({
    enum: REFRESH_TOKEN_IN,
    default: 'body',
    description:
      "'body' returns the refresh token in the response (clients that are not browsers). 'cookie' sets it as an httpOnly, " +
      'SameSite=Strict cookie scoped to /api/auth/refresh and /api/auth/signout, plus the readable seology_csrf cookie whose ' +
      'value goes in the X-CSRF-Token header of those two calls; the body then has no refreshToken.',
  })
  @IsOptional()
  @IsIn(REFRESH_TOKEN_IN, { message: "refreshTokenIn must be 'body' or 'cookie'" })
  refreshTokenIn?: RefreshTokenIn;
}

const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class SignUpDto extends StartSessionDto {
  @ApiProperty({ example: 'owner@example.com' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank('name')
  @MaxLength(100)
  name?: string;
}

export class SignInDto extends StartSessionDto {
  @ApiProperty({ example: 'owner@example.com' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description: 'The refresh token from sign-in or the previous refresh. Omit it when signed in with the session cookie (then X-CSRF-Token is required).',
  })
  @IsOptional()
  @IsString()
  @MinLength(20, { message: 'refreshToken is not a refresh token' })
  @MaxLength(200)
  refreshToken?: string;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ enum: ['USER', 'ADMIN'] }) role!: string;
  @ApiProperty({ enum: ['FREE', 'STARTER', 'PRO', 'AGENCY', 'ENTERPRISE'] }) plan!: string;
  @ApiProperty() onboardingCompleted!: boolean;
  @ApiProperty({ minimum: 0, maximum: 7 }) onboardingStep!: number;
  @ApiProperty() createdAt!: Date;
}

export class UpdateProfileDto {
  @ApiProperty({ maxLength: 100, example: 'Ada Lovelace', description: 'Display name; an empty string clears it' })
  @IsString({ message: 'name must be text' })
  @MaxLength(100, { message: 'name must be at most 100 characters long' })
  @IsNotBlank('name', { allowEmpty: true })
  name!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password the account has now' })
  @IsString()
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters long' })
  @MaxLength(200, { message: 'newPassword must be at most 200 characters long' })
  newPassword!: string;
}

export class UpdateOnboardingDto {
  @ApiProperty({ minimum: 0, maximum: 7, description: 'The wizard step the user reached (0 welcome … 7 done); they may go back' })
  @IsInt({ message: 'step must be a whole number from 0 to 7' })
  @Min(0, { message: 'step must be a whole number from 0 to 7' })
  @Max(7, { message: 'step must be a whole number from 0 to 7' })
  step!: number;

  @ApiPropertyOptional({ description: 'true when the user finished the wizard; skipping leaves it false so it can be resumed' })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'completed must be true or false' })
  completed?: boolean;
}

export class AuthResponseDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiPropertyOptional({ description: "Single-use token for POST /api/auth/refresh; rotates on every use. Absent with refreshTokenIn 'cookie'" }) refreshToken?: string;
}
