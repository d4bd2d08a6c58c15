/**
 * Errors, warnings and notices, as SEO crawlers show them per crawl, from the five severities of the
 * audit catalogue. One definition for the API's per-crawl counts and the dashboard's chart legend.
 */
export const SEVERITY_CLASSES = {
  errors: ['CRITICAL', 'HIGH'],
  warnings: ['MEDIUM'],
  notices: ['LOW', 'INFO'],
} as const;
export type SeverityClass = keyof typeof SEVERITY_CLASSES;
export type SeverityClassCounts = Record<SeverityClass, number>;

/** Counts by severity (CRITICAL, HIGH, ...) folded into errors, warnings and notices. */
export function severityClassCounts(bySeverity: Readonly<Record<string, number | undefined>>): SeverityClassCounts {
  const sum = (severities: readonly string[]) => severities.reduce((total, severity) => total + (bySeverity[severity] ?? 0), 0);
  return { errors: sum(SEVERITY_CLASSES.errors), warnings: sum(SEVERITY_CLASSES.warnings), notices: sum(SEVERITY_CLASSES.notices) };
}
