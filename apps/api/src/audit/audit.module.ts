import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditAnchors } from './audit-anchors.service';
import { AuditController, AuditExportController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { PrismaModule } from '../prisma/prisma.module';
import { RedisModule } from '../redis/redis.module';

/** Imported by the modules that record what they did (billing, events, usage). */
@Module({
  imports: [PrismaModule, RedisModule],
  controllers: [AuditController, AuditExportController],
  providers: [AuditService, AuditRepository, AuditAnchors, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService, AuditAnchors],
})
export class AuditModule {}
