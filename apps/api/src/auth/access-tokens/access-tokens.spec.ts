import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type Redis from 'ioredis';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { AccessTokens } from './access-tokens.service';
import type { SessionsRepository } from './sessions.repository';

const USER = { id: 'u1', email: 'a@example.com', role: 'USER' as const, sessionVersion: 3 };

/** A session cache that holds the user's version and the family's state, as Redis would. */
function tokensWith(cached: { version: string; family: string }, secret = 'a secret of at least thirty-two bytes!'): AccessTokens {
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(secret)), signOptions: { algorithm: 'HS256' } });
  const redis = { status: 'ready', mget: () => Promise.resolve([cached.version, cached.family]) } as unknown as Redis;
  const config = { QUEUE_PREFIX: 'test', JWT_ACCESS_TTL_SECONDS: 60 } as AppConfig;
  return new AccessTokens(jwt, {} as SessionsRepository, redis, config);
}

describe('AccessTokens.authenticate', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses a token it accepted before once it has expired', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-04T12:00:00Z'));
    const tokens = tokensWith({ version: '3', family: '1' });
    const token = await tokens.issue(USER, 'fam1');
    await expect(tokens.authenticate(token)).resolves.toMatchObject({ sub: 'u1', sv: 3 });
    now.mockReturnValue(Date.parse('2026-12-04T12:00:59Z'));
    await expect(tokens.authenticate(token)).resolves.toMatchObject({ sub: 'u1' });
    now.mockReturnValue(Date.parse('2026-12-04T12:01:00Z'));
    await expect(tokens.authenticate(token)).rejects.toThrow('Your session has expired');
  });

  it('checks the session on every use, so a revocation ends a token it accepted before', async () => {
    const cached = { version: '3', family: '1' };
    const tokens = tokensWith(cached);
    const token = await tokens.issue(USER, 'fam1');
    await expect(tokens.authenticate(token)).resolves.toMatchObject({ sub: 'u1' });
    cached.family = '0';
    await expect(tokens.authenticate(token)).rejects.toThrow('This session has ended');
    cached.family = '1';
    cached.version = '4';
    await expect(tokens.authenticate(token)).rejects.toThrow('This session has ended');
  });

  it('refuses a token signed with another secret, however often it comes', async () => {
    const token = await tokensWith({ version: '3', family: '1' }, 'another secret of at least thirty-two bytes').issue(USER, 'fam1');
    const tokens = tokensWith({ version: '3', family: '1' });
    for (let i = 0; i < 2; i++) await expect(tokens.authenticate(token)).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
