import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '../common/decorators/auth.decorators';
import { PrismaService } from '../prisma/prisma.service';
import { REDIS } from '../redis/redis.module';

class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ required: false }) error?: string;
}

class HealthChecksDto {
  @ApiProperty({ type: DependencyHealthDto }) postgres!: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto }) redis!: DependencyHealthDto;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecksDto }) checks!: HealthChecksDto;
  @ApiProperty() uptimeSeconds!: number;
}

const TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = Date.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. Touches neither Postgres nor Redis, so a dependency outage never restarts it. */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis answer. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'Postgres or Redis is unreachable' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([probe(() => this.prisma.$queryRaw`SELECT 1`), probe(() => this.redis.ping())]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks: { postgres, redis }, uptimeSeconds: Math.round(process.uptime()) };
  }
}
