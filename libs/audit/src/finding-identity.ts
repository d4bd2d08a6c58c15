import { createHash } from 'node:crypto';
import type { Finding } from './model';

type Identified = Pick<Finding, 'checkId' | 'url' | 'selector' | 'evidence'>;

/**
 * What tells two findings of one check on one URL apart: the element when there is one, else the
 * value found (a link target, a duplicate's partner). The message is left out on purpose: it often
 * carries a measurement ("72 characters") that changes without the finding changing.
 */
export function findingDetailKey(f: Pick<Finding, 'selector' | 'evidence'>): string {
  return f.selector ?? f.evidence ?? '';
}

/**
 * Stable identity of a finding across runs (check + URL + detail key), as 13 hex digits (52 bits):
 * small enough to hold as a JavaScript number, so a baseline of millions of findings stays compact.
 */
export function findingIdentity(f: Identified): string {
  return createHash('sha1').update(`${f.checkId}\n${f.url}\n${findingDetailKey(f)}`).digest('hex').slice(0, 13);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Total order used for every listing (by URL, check, detail, then message), independent of crawl timing. */
export function compareFindings(a: Identified & Pick<Finding, 'message'>, b: Identified & Pick<Finding, 'message'>): number {
  return cmp(a.url, b.url) || cmp(a.checkId, b.checkId) || cmp(findingDetailKey(a), findingDetailKey(b)) || cmp(a.message, b.message);
}
