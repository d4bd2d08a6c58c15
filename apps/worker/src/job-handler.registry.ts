import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOB_TYPES, type JobTypeName } from '@seology/contracts';
import { JOB_HANDLER, type JobHandlerFn } from '../../api/src/jobs/job-handler.decorator';

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
    const found = new Map<JobTypeName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const type = Reflect.getMetadata(JOB_HANDLER, (prototype as Record<string, unknown>)[method] as object) as JobTypeName | undefined;
        if (!type) continue;
        found.set(type, [...(found.get(type) ?? []), `${instance.constructor.name}.${method}`]);
        this.handlers.set(type, (instance[method] as JobHandlerFn).bind(instance));
      }
    }
    const problems: string[] = [];
    for (const type of JOB_TYPES) {
      const names = found.get(type) ?? [];
      if (names.length === 0) problems.push(`${type} has no handler`);
      if (names.length > 1) problems.push(`${type} has ${names.length} handlers: ${names.join(', ')}`);
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
