import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Public } from '../common/decorators/auth.decorators';
import { AuthService } from './auth.service';
import { BrowserSessionsService } from './browser-sessions.service';
import { AuthResponseDto, ChangePasswordDto, RefreshDto, SignInDto, SignUpDto, UpdateOnboardingDto, UpdateProfileDto, UserDto } from './dto/auth.dto';

const client = (req: Request) => ({ ip: req.ip, userAgent: req.get('user-agent') });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: BrowserSessionsService,
  ) {}

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: AuthResponseDto })
  async signUp(@Body() dto: SignUpDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResponseDto> {
    return this.sessions.deliver(await this.auth.signUp(dto, client(req)), dto.refreshTokenIn, req, res);
  }

  @Public()
  @Post('signin')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResponseDto> {
    return this.sessions.deliver(await this.auth.signIn(dto, client(req)), dto.refreshTokenIn, req, res);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResponseDto> {
    return this.sessions.refresh(dto, client(req), req, res);
  }

  @Public()
  @Post('signout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token (from the body or the session cookie) and every token rotated from it are revoked; the cookies are cleared' })
  signOut(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    return this.sessions.signOut(dto, req, res);
  }

  @ApiBearerAuth()
  @Post('revoke-all')
  @HttpCode(200)
  revokeAll(@CurrentActor() actor: Actor): Promise<{ revoked: number }> {
    return this.auth.revokeAllSessions(actor.userId);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor.userId);
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOkResponse({ type: UserDto, description: 'Changes the display name' })
  updateProfile(@CurrentActor() actor: Actor, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.auth.updateProfile(actor.userId, dto);
  }

  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed and every session of the account is signed out (this one too); sign in again with the new password' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor.userId, dto);
  }

  @ApiBearerAuth()
  @Patch('me/onboarding')
  @ApiOkResponse({ type: UserDto, description: 'Saves how far the current user got in the onboarding wizard, so it can be resumed' })
  saveOnboarding(@CurrentActor() actor: Actor, @Body() dto: UpdateOnboardingDto): Promise<UserDto> {
    return this.auth.saveOnboarding(actor.userId, dto);
  }
}
