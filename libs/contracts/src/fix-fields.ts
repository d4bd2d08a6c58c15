/**
 * One vocabulary for what a fix changes, shared by the audit catalogue, the proposals, the connectors,
 * the API and the dashboard:
 * - a check's `fixKind` (FixKind, kebab-case) says what kind of fix its findings take;
 * - a fix's field (FixField, camelCase, stored as `Fix.type`) is the SEO field the fix writes;
 * - `fixFieldOf` is the one mapping from a finding (its check's kind and id, `Issue.type`) to the field.
 */

/** What kind of automatic fix the product can propose for a finding of a check (the catalogue's `fixKind`). */
export const FIX_KINDS = ['title', 'meta-description', 'image-alt', 'h1', 'canonical', 'robots-meta', 'json-ld', 'open-graph', 'redirect', 'anchor-text'] as const;
export type FixKind = (typeof FIX_KINDS)[number];

/** The SEO field a fix changes (stored as `Fix.type`). */
export const FIX_FIELDS = [
  'title', 'metaDescription', 'imageAlt', 'h1', 'canonical', 'robots', 'jsonLd', 'ogTitle', 'ogDescription', 'redirect', 'anchorText',
] as const;
export type FixField = (typeof FIX_FIELDS)[number];

/** The field a finding's fix changes, from its check's fix kind and the check's id (`Issue.type`); null when none can be set. */
export function fixFieldOf(kind: FixKind, checkId: string): FixField | null {
  switch (kind) {
    case 'title': return 'title';
    case 'meta-description': return 'metaDescription';
    case 'image-alt': return 'imageAlt';
    case 'h1': return 'h1';
    case 'canonical': return 'canonical';
    case 'robots-meta': return 'robots';
    case 'json-ld': return 'jsonLd';
    // og:image, og:url and twitter:card have no settable field on the platforms.
    case 'open-graph': return /desc/.test(checkId) ? 'ogDescription' : /title/.test(checkId) ? 'ogTitle' : null;
    case 'redirect': return 'redirect';
    case 'anchor-text': return 'anchorText';
  }
}
