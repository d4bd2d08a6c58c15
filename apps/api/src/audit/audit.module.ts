import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditAnchors } from './audit-anchors.service';
import { AuditController, AuditExportController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Global so any feature module (fixes, teams, billing) can inject AuditService and record what it did. */
@Global()
@Module({
  controllers: [AuditController, AuditExportController],
  providers: [AuditService, AuditRepository, AuditAnchors, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService, AuditAnchors],
})
export class AuditModule {}
