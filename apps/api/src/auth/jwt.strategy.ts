import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import type { Actor } from '../common/decorators/auth.decorators';
import type { AccessTokenClaims } from './auth.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
    });
  }

  validate(claims: AccessTokenClaims): Actor {
    return { userId: claims.sub, email: claims.email, role: claims.role, via: 'jwt' };
  }
}
