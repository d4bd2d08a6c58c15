import type { Fix, FixStatus } from '@prisma/client';
import { InvalidInputError, snippetPageKey, type SeoField, type SnippetFix, type SnippetFixStore } from '@seology/connectors';

/** Statuses in which the fix being applied or rolled back counts as active for the snippet connector. */
const ACTIVE_WHILE_IN_FLIGHT: readonly FixStatus[] = ['APPLIED', 'ROLLING_BACK', 'REVERT_PENDING'];

export function toSnippetFix(fix: Pick<Fix, 'id' | 'pageUrl' | 'type' | 'target' | 'afterValue'>): SnippetFix {
  return { id: fix.id, pageUrl: fix.pageUrl, field: fix.type as SeoField, target: fix.target, value: fix.afterValue };
}

/**
 * The snippet connector's fix records, backed by the Fix rows of a snippet site: the snippet serves
 * the APPLIED fixes, so a fix row is the record. Activating the fix in flight writes nothing: the
 * row starts being served when the state machine marks it APPLIED (after the connector's apply), and
 * stops when it leaves APPLIED. While it is being rolled back it still counts as active, so the
 * connector's conflict check compares with its own value. Deactivating another fix of the same
 * place is a no-op: it stays APPLIED until it is rolled back itself, and the newest value wins in
 * the served snippet.
 */
export function fixSnippetStore(fix: Fix, listApplied: () => Promise<Fix[]>): SnippetFixStore {
  // The connector's slot: a JSON-LD block without a target is the 'seology' block.
  const slot = (f: Pick<SnippetFix, 'pageUrl' | 'field' | 'target'>) => `${snippetPageKey(f.pageUrl)}|${f.field}|${f.field === 'jsonLd' ? (f.target || 'seology') : (f.target ?? '')}`;
  const samePlace = (f: Pick<SnippetFix, 'pageUrl' | 'field' | 'target'>, other: Pick<SnippetFix, 'pageUrl' | 'field' | 'target'>) => slot(f) === slot(other);
  const listActive = async (): Promise<SnippetFix[]> => {
    const applied = (await listApplied()).filter((f) => f.id !== fix.id);
    const inFlight = ACTIVE_WHILE_IN_FLIGHT.includes(fix.status) ? [fix] : [];
    return [...applied, ...inFlight]
      .sort((a, b) => (a.appliedAt?.getTime() ?? 0) - (b.appliedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1))
      .map(toSnippetFix);
  };
  const self = toSnippetFix(fix);
  return {
    listActive,
    activate: async (record) => {
      const wanted = { ...record, target: record.target ?? null };
      if (samePlace(wanted, self) && record.value === fix.afterValue) return { ...wanted, id: fix.id };
      // Restoring the value a rolled-back fix replaced: an earlier fix of the same place, still APPLIED.
      const earlier = (await listActive()).find((f) => f.id !== fix.id && samePlace(f, wanted) && f.value === record.value);
      if (earlier) return earlier;
      throw new InvalidInputError('snippet', `No fix of this site serves the value to restore on ${record.pageUrl}.`);
    },
    deactivate: () => Promise.resolve(),
  };
}
