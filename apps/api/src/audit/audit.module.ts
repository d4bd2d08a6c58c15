import { Module } from '@nestjs/common';
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
  // AuditInterceptor is put on the state-changing routes by auditStateChangingRoutes (app.factory).
  providers: [AuditService, AuditRepository, AuditAnchors, AuditInterceptor],
  exports: [AuditService, AuditAnchors],
})
export class AuditModule {}
