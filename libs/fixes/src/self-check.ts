import { editPage, PageAuditor, type FetchedPage, type PageEdit } from '@seology/audit';
import type { PageData, Proposal } from './types';

/** The change a proposal makes to the served HTML, or null when it changes no markup of this page (redirects, link text). */
export function editOf(proposal: Pick<Proposal, 'field' | 'after' | 'target'>, pageUrl: string): PageEdit | null {
  switch (proposal.field) {
    case 'title': return { kind: 'title', value: proposal.after };
    case 'metaDescription': return { kind: 'meta', key: 'description', value: proposal.after };
    case 'ogTitle': return { kind: 'meta', key: 'og:title', value: proposal.after };
    case 'ogDescription': return { kind: 'meta', key: 'og:description', value: proposal.after };
    case 'robots': return { kind: 'meta', key: 'robots', value: proposal.after };
    case 'canonical': return { kind: 'canonical', href: proposal.after };
    case 'h1': return { kind: 'h1', value: proposal.after };
    case 'imageAlt': return proposal.target ? { kind: 'imageAlt', src: proposal.target, alt: proposal.after, baseUrl: pageUrl } : null;
    case 'jsonLd': return { kind: 'jsonLd', json: proposal.after, ...(proposal.target ? { type: proposal.target } : {}) };
    case 'redirect': case 'anchorText': return null;
  }
}

function asFetched(url: string, html: string): FetchedPage {
  return {
    url, finalUrl: url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, contentType: 'text/html; charset=utf-8', html,
    bodyBytes: html.length, truncated: false, ttfbMs: 0, totalMs: 0, redirects: [], depth: 0, discoveredFrom: null, inSitemap: false,
  };
}

function counts(auditor: PageAuditor, url: string, html: string): Map<string, number> {
  return new Map(auditor.audit(asFetched(url, html)).occurrences);
}

/**
 * Applies the proposal to a copy of the page's HTML and audits both with the audit engine. Returns
 * why it must not be offered (its finding stays, or it causes a finding the page did not have), or
 * null when it passes. Site-level checks (duplicates) cannot fire on one page: for them only "no new
 * finding" is checked here, and uniqueness by the guardrails. A proposal with a manual reason is kept
 * although its finding stays: a person makes the rest of the change.
 */
export function selfCheck(proposal: Proposal, page: PageData, checkId: string, auditor = new PageAuditor({ startUrl: page.url })): string | null {
  // A manual recommendation says itself why the change alone does not clear the issue (two h1 headings):
  // it must still not cause anything new.
  const mayStay = proposal.manualReason !== undefined;
  if (!page.html) return null;
  const edit = editOf(proposal, page.url);
  if (!edit) return null;
  const after = editPage(page.html, edit);
  // A manual recommendation may keep the value it names (the heading to keep): a person removes the rest.
  if (mayStay && after === page.html) return null;
  if (after === page.html) return `the change could not be placed in the page's HTML (no element to change for ${proposal.field})`;
  const before = counts(auditor, page.url, page.html);
  const now = counts(auditor, page.url, after);
  const had = before.get(checkId) ?? 0;
  if (!mayStay && had > 0 && (now.get(checkId) ?? 0) >= had) return `the page would still be reported for ${checkId} after the change`;
  const caused = [...now].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
  return caused.length ? `the change would cause new findings: ${caused.join(', ')}` : null;
}

/** Checks that only a whole crawl can see (several pages sharing a value): one page cannot show them gone. */
const SITE_LEVEL_CHECK = /duplicate|orphan|broken-internal-link|redirect-chain/;

/**
 * Whether the audit engine still reports the issue on the page as served (live verification: the
 * issue must be gone, not only the new text visible). The same element when the issue names one
 * (one of several images). Site-level checks answer false here: only a re-crawl can tell.
 */
export function findingStays(html: string, url: string, issue: { checkId: string; selector: string | null }, auditor = new PageAuditor({ startUrl: url })): boolean {
  if (SITE_LEVEL_CHECK.test(issue.checkId)) return false;
  return auditor.audit(asFetched(url, html)).findings
    .some((f) => f.checkId === issue.checkId && (issue.selector === null || f.selector === null || f.selector === issue.selector));
}
