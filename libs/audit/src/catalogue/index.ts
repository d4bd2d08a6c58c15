import type { CheckCategory, CheckDefinition } from '../model';
import { CANONICAL_CHECKS, INDEXABILITY_CHECKS } from './indexability-canonical-checks';
import { HREFLANG_CHECKS, STRUCTURED_DATA_CHECKS } from './international-schema-checks';
import { ARCHITECTURE_CHECKS, IMAGE_CHECKS, LINK_CHECKS } from './media-link-checks';
import { CONTENT_CHECKS, DESCRIPTION_CHECKS, HEADING_CHECKS, TITLE_CHECKS } from './on-page-checks';
import { REDIRECT_CHECKS, RESPONSE_CHECKS } from './response-redirect-checks';
import { RENDERING_CHECKS } from './rendering-checks';
import { AI_SEARCH_CHECKS, MOBILE_CHECKS, PERFORMANCE_CHECKS, SECURITY_CHECKS, SOCIAL_CHECKS, URL_CHECKS } from './technical-checks';

/** Category order used in reports and docs. */
export const CATEGORY_ORDER: readonly CheckCategory[] = [
  'response',
  'redirects',
  'indexability',
  'canonical',
  'titles',
  'descriptions',
  'headings',
  'content',
  'images',
  'links',
  'architecture',
  'hreflang',
  'structured-data',
  'social',
  'mobile',
  'performance',
  'security',
  'url',
  'ai-search',
  'rendering',
];

function freezeAll(definitions: CheckDefinition[]): readonly CheckDefinition[] {
  for (const definition of definitions) Object.freeze(definition);
  return Object.freeze(definitions);
}

export const CHECKS: readonly CheckDefinition[] = freezeAll([
  ...RESPONSE_CHECKS,
  ...REDIRECT_CHECKS,
  ...INDEXABILITY_CHECKS,
  ...CANONICAL_CHECKS,
  ...TITLE_CHECKS,
  ...DESCRIPTION_CHECKS,
  ...HEADING_CHECKS,
  ...CONTENT_CHECKS,
  ...IMAGE_CHECKS,
  ...LINK_CHECKS,
  ...ARCHITECTURE_CHECKS,
  ...HREFLANG_CHECKS,
  ...STRUCTURED_DATA_CHECKS,
  ...SOCIAL_CHECKS,
  ...MOBILE_CHECKS,
  ...PERFORMANCE_CHECKS,
  ...SECURITY_CHECKS,
  ...URL_CHECKS,
  ...AI_SEARCH_CHECKS,
  ...RENDERING_CHECKS,
]);

const BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CHECKS.map((check) => [check.id, check]));

export function getCheck(id: string): CheckDefinition | undefined {
  return BY_ID.get(id);
}

export function requireCheck(id: string): CheckDefinition {
  const check = BY_ID.get(id);
  if (check === undefined) throw new Error(`Unknown check id "${id}"`);
  return check;
}

/** Catalogue invariants; the spec asserts this returns no problems. */
export function validateCatalogue(checks: readonly CheckDefinition[] = CHECKS): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) problems.push(`duplicate id ${check.id}`);
    seen.add(check.id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(check.id)) problems.push(`id not kebab-case: ${check.id}`);
    if (!Number.isInteger(check.weight) || check.weight < 1 || check.weight > 10) problems.push(`weight out of range: ${check.id}`);
    if (!CATEGORY_ORDER.includes(check.category)) problems.push(`unknown category: ${check.id}`);
    if (check.title.trim().length === 0 || check.explanation.trim().length < 40 || check.howToFix.trim().length < 20) {
      problems.push(`missing text: ${check.id}`);
    }
  }
  return problems;
}
