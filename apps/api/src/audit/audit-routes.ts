import { type INestApplication, type NestInterceptor, RequestMethod, type Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';

/** Routes that never change state: the audit trail has nothing to record for them. */
const READ_METHODS = new Set<RequestMethod>([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/**
 * Puts the audit interceptor on every route that can change state (any method but GET, HEAD and
 * OPTIONS), as the outermost interceptor of the route, which is where a global one ran. Registered
 * globally it put every read through Nest's interceptor chain (rxjs and async-context binding per
 * request) only to let it pass. Call before the app is initialised: routes are built at init.
 */
export function auditStateChangingRoutes(app: INestApplication): void {
  const interceptor = app.get(AuditInterceptor, { strict: false });
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const prototype = (controller.metatype as Type | null)?.prototype as Record<string, unknown> | undefined;
      if (!prototype) continue;
      for (const name of scanner.getAllMethodNames(prototype)) attach(interceptor, prototype[name]);
    }
  }
}

function attach(interceptor: NestInterceptor, handler: unknown): void {
  if (typeof handler !== 'function') return;
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method === undefined || READ_METHODS.has(method)) return;
  const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
  // A handler inherited by two controllers is one function: it gets the interceptor once.
  if (own.includes(interceptor)) return;
  Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
}
