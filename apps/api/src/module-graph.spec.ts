import 'reflect-metadata';
import { GLOBAL_MODULE_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { AppModule } from './app.module';
import { WorkerModule } from './worker/worker.module';

/** A module class (only its name is read). */
type ModuleRef = { name: string };

/** Framework modules: whether they are global is theirs to decide. */
const FRAMEWORK_MODULES = /^(BullModule|JwtModule|DiscoveryModule|ScheduleModule|InternalCoreModule)$/;

/** Every module class reachable through `imports` (dynamic modules by their class). */
function reachableModules(root: unknown): Set<ModuleRef> {
  const seen = new Set<ModuleRef>();
  const visit = (entry: unknown): void => {
    const candidate = (entry as { module?: unknown } | undefined)?.module ?? entry;
    if (typeof candidate !== 'function') return;
    const cls = candidate as ModuleRef;
    if (seen.has(cls)) return;
    seen.add(cls);
    const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) ?? []) as unknown[];
    const dynamicImports = (entry as { imports?: unknown[] }).imports ?? [];
    for (const next of [...imports, ...dynamicImports]) visit(next);
  };
  visit(root);
  return seen;
}

// Dependencies are imports: a module made global again would hide who depends on it (docs/architecture.md).
describe('module graph', () => {
  it.each([['API', AppModule], ['worker', WorkerModule]])('the %s reaches only one global module of its own, ConfigModule', (_name, root) => {
    const own = [...reachableModules(root)].filter((m) => !FRAMEWORK_MODULES.test(m.name));
    const globals = own.filter((m) => Reflect.getMetadata(GLOBAL_MODULE_METADATA, m) === true).map((m) => m.name);
    expect(own.length).toBeGreaterThan(20);
    expect(globals).toEqual(['ConfigModule']);
  });
});
