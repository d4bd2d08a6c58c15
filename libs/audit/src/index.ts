export * from './model';
export { CHECKS, CATEGORY_ORDER, getCheck, requireCheck, validateCatalogue } from './catalogue';
export { SiteAudit, type SiteAuditOptions } from './site-audit';
export { PageAuditor, summarizePage, type PageAudit, type PageAuditOptions, type PageContentRecord } from './page-audit';
export { DEFAULT_THRESHOLDS, resolveThresholds, type AuditThresholds } from './thresholds';
export { SEVERITY_FACTOR, computeHealthScore, impactScore, impactScoreOf, type HealthInput } from './scoring';
export { normalizeUrl, urlKey } from './url/url-utils';
export { AI_CRAWLERS } from './site/site-checks';
export { renderChecksDoc } from './docs/render-checks-doc';
