import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { ApiKey } from '@prisma/client';
import type { Actor } from '../common/decorators/auth.decorators';
import { randomToken, sha256 } from '../common/crypto/tokens';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

// lastUsedAt is informational: writing it at most once a minute keeps a busy key off the hot path.
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async create(actor: Actor, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const key = `sk_${randomToken(32)}`;
    const created = await this.keys.create({
      userId: actor.userId,
      name: dto.name,
      prefix: key.slice(0, 10),
      keyHash: sha256(key),
      scopes: dto.scopes,
      expiresAt: dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * 86_400_000) : null,
    });
    return { ...toApiKeyDto(created), key };
  }

  async list(actor: Actor): Promise<ApiKeyDto[]> {
    return (await this.keys.listOfUser(actor.userId)).map(toApiKeyDto);
  }

  async revoke(actor: Actor, id: string): Promise<ApiKeyDto> {
    const key = await this.keys.revokeOfUser(id, actor.userId);
    if (!key) throw new NotFoundException('No API key with this id.');
    return toApiKeyDto(key);
  }

  async authenticate(presented: string): Promise<Actor> {
    const key = await this.keys.findByHashWithUser(sha256(presented));
    if (!key) throw new UnauthorizedException('This API key is not valid.');
    if (key.revokedAt) throw new UnauthorizedException('This API key has been revoked.');
    if (key.expiresAt && key.expiresAt <= new Date()) throw new UnauthorizedException('This API key has expired.');
    await this.keys.touch(key.id, new Date(Date.now() - TOUCH_INTERVAL_MS));
    return { userId: key.userId, email: key.user.email, role: key.user.role, via: 'api-key', apiKeyId: key.id, scopes: key.scopes };
  }
}

function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    createdAt: key.createdAt,
  };
}
