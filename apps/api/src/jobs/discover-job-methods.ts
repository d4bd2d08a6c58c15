import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { JobTypeName } from '@seology/contracts';

export interface DiscoveredMethod<F> {
  /** "Provider.method", for messages about zero or two of them. */
  name: string;
  fn: F;
}

/** Every provider method carrying `metadataKey` (a job type), bound to its instance, by job type. */
export function discoverJobMethods<F>(discovery: DiscoveryService, scanner: MetadataScanner, metadataKey: string): Map<JobTypeName, DiscoveredMethod<F>[]> {
  const found = new Map<JobTypeName, DiscoveredMethod<F>[]>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const type = Reflect.getMetadata(metadataKey, (prototype as Record<string, unknown>)[method] as object) as JobTypeName | undefined;
      if (!type) continue;
      const entry = { name: `${instance.constructor.name}.${method}`, fn: (instance[method] as (...args: unknown[]) => unknown).bind(instance) as F };
      found.set(type, [...(found.get(type) ?? []), entry]);
    }
  }
  return found;
}
