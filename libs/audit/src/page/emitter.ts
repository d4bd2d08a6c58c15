import type { Finding } from '../model';
import { selectorOf, type ElementNode } from '../html/selector';
import { truncate } from '../text/text-stats';

/** Evidence is capped so a pathological value (a 50 KB alt text) cannot bloat result payloads. */
export const MAX_EVIDENCE_CHARS = 300;

/**
 * Collects the findings of one page. Caps the number returned per check (a page with 2 000
 * images without alt is one problem, not 2 000 rows) while still counting every occurrence.
 */
export class FindingEmitter {
  readonly findings: Finding[] = [];
  /** Occurrences per check on this page, including the ones beyond the cap. */
  readonly occurrences = new Map<string, number>();

  constructor(
    private readonly maxPerCheck: number,
    private readonly knownChecks: ReadonlySet<string>,
  ) {}

  emit(checkId: string, url: string, element: ElementNode | string | null, message: string, evidence?: string | null): void {
    if (!this.knownChecks.has(checkId)) throw new Error(`Finding for unknown check "${checkId}"`);
    const seen = (this.occurrences.get(checkId) ?? 0) + 1;
    this.occurrences.set(checkId, seen);
    if (seen > this.maxPerCheck) return;
    const selector = element === null ? null : typeof element === 'string' ? element : selectorOf(element);
    this.findings.push({
      checkId,
      url,
      selector,
      message,
      evidence: evidence === undefined || evidence === null ? null : truncate(evidence, MAX_EVIDENCE_CHARS),
    });
  }
}
