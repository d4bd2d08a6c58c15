import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOB_TYPES, type JobTypeName } from '@seology/contracts';
import { discoverJobMethods } from '../jobs/discover-job-methods';
import { JOB_HANDLER, type JobHandlerFn } from '../jobs/job-handler.decorator';

export class HandlerRegistrationError extends Error {}

/**
 * Finds every @JobHandler method at start-up. A job type with no handler would sit in the queue
 * forever and one with two would run whichever Nest found first, so both stop the boot.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobTypeName, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const found = discoverJobMethods<JobHandlerFn>(this.discovery, this.scanner, JOB_HANDLER);
    const problems: string[] = [];
    for (const type of JOB_TYPES) {
      const methods = found.get(type) ?? [];
      if (methods.length === 0) problems.push(`${type} has no handler`);
      if (methods.length > 1) problems.push(`${type} has ${methods.length} handlers: ${methods.map((m) => m.name).join(', ')}`);
      if (methods.length) this.handlers.set(type, methods[methods.length - 1]!.fn);
    }
    if (problems.length > 0) {
      throw new HandlerRegistrationError(`Job handler registration is invalid: ${problems.join('; ')}`);
    }
  }

  get(type: JobTypeName): JobHandlerFn {
    const handler = this.handlers.get(type);
    if (!handler) throw new HandlerRegistrationError(`no handler for ${type}`);
    return handler;
  }
}
