import { SetMetadata } from '@nestjs/common';

export const SKIP_AUDIT = 'seology:skip-audit';
export const AUDIT_AS = 'seology:audit-as';

/**
 * The request interceptor does not record this route: it changes no state worth a trail entry
 * (marking a notification read), or its service records a richer entry itself with `before`.
 */
export const SkipAudit = () => SetMetadata(SKIP_AUDIT, true);

/** Overrides the action and resource type the interceptor derives from the controller and handler names. */
export const AuditAs = (action: string, resourceType?: string) => SetMetadata(AUDIT_AS, { action, resourceType });
