import { ConflictError, InvalidInputError } from '../errors';
import type { AppliedChange, PlatformName, ResourceRef, RevertedChange, RevertOptions, SeoChange } from '../types';

/** Where a field lives on a platform; a redirect slot carries the path it was created for. */
export interface StoredSlot {
  kind: string;
  path?: string;
}

export interface StoredValue<S extends StoredSlot> {
  value: string | null;
  slot: S;
}

/** The record of a write: the exact stored value before it and the value read back after it. */
export function appliedChangeOf<S extends StoredSlot>(
  platform: PlatformName,
  ref: ResourceRef,
  change: SeoChange,
  current: StoredValue<S>,
  after: string | null,
): AppliedChange {
  return {
    platform,
    ref,
    field: change.field,
    ...(change.target !== undefined ? { target: change.target } : {}),
    value: change.value,
    before: current.value,
    after,
    appliedAt: new Date().toISOString(),
    ...(current.slot.kind === 'redirect' && current.slot.path !== undefined ? { meta: { redirectPath: current.slot.path } } : {}),
  };
}

/**
 * Puts back the value a change replaced. If someone changed the field since we wrote it, the live
 * value is not ours to overwrite: a ConflictError reports expected vs actual unless `force` is set.
 */
export async function revertStoredChange<S extends StoredSlot>(
  platform: PlatformName,
  platformLabel: string,
  ref: ResourceRef,
  applied: AppliedChange,
  opts: RevertOptions,
  read: () => Promise<StoredValue<S>>,
  write: (slot: S, value: string | null) => Promise<unknown>,
): Promise<RevertedChange> {
  if (applied.platform !== platform || applied.ref.id !== ref.id || applied.ref.kind !== ref.kind) {
    throw new InvalidInputError(platform, `This change was not applied to this ${platformLabel} resource`);
  }
  const current = await read();
  const changed = current.value !== applied.after;
  if (changed && !opts.force) throw new ConflictError(platform, applied.field, applied.after, current.value, applied.target);
  if (current.value !== applied.before) await write(current.slot, applied.before);
  return {
    field: applied.field,
    ...(applied.target !== undefined ? { target: applied.target } : {}),
    restored: applied.before,
    replaced: current.value,
    forced: changed,
  };
}
