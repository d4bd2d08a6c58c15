import type { AuditResult, FetchedPage, PageOutcome, ResourceResult, SiteFiles } from '@seology/audit';

/**
 * The part of the audit the crawler drives (implemented by `SiteAudit` in @seology/audit). Typed
 * structurally so the crawler does not need the audit at compile time and tests can pass a small
 * stand-in.
 */
export interface AuditPort {
  setSiteFiles(files: SiteFiles): void;
  addPage(page: FetchedPage): PageOutcome;
  addResourceResult(url: string, result: ResourceResult): void;
  /** `fromUrl` is the linking page; for URLs nothing linked to (start URL, sitemap-only) it is the URL itself. */
  addRobotsBlocked(url: string, fromUrl: string): void;
  finish(): AuditResult;
  /** JSON-serialisable state for resume. Optional: without it a cancelled crawl cannot be resumed. */
  snapshot?(): unknown;
  /**
   * Optional split of addPage for audits whose page-level work can run in worker threads:
   * `pageAuditOptions()` is plain data from which @seology/audit's PageAuditor is built in each
   * thread, and `addAuditedPage(page, result)` applies that thread's result on the crawl's thread.
   * Together they must be equivalent to addPage. Both or neither.
   */
  pageAuditOptions?(): unknown;
  addAuditedPage?(page: FetchedPage, audit: never): PageOutcome;
}

export interface AuditFactory {
  create(options: { startUrl: string } & Record<string, unknown>): AuditPort;
  restore?(snapshot: unknown, options: { startUrl: string } & Record<string, unknown>): AuditPort;
}

interface AuditModule {
  SiteAudit: {
    new (options: { startUrl: string } & Record<string, unknown>): AuditPort;
    restore?(snapshot: unknown, options?: Record<string, unknown>): AuditPort;
  };
}

/**
 * Uses @seology/audit's SiteAudit, loaded on first use so that importing the crawler never pulls
 * the audit in when a caller supplies its own.
 */
export const defaultAuditFactory: AuditFactory = {
  create(options) {
    return new (loadAudit().SiteAudit)(options);
  },
  restore(snapshot, options) {
    const { SiteAudit } = loadAudit();
    if (typeof SiteAudit.restore !== 'function') throw new Error('this audit version cannot restore a snapshot');
    return SiteAudit.restore(snapshot, options);
  },
};

function loadAudit(): AuditModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@seology/audit') as AuditModule;
}

/**
 * The audit a crawl feeds: the caller's own, else a new one, or on resume the one restored from the
 * state's snapshot. Refuses to resume into a fresh audit once pages were audited (they would be
 * silently lost).
 */
export function openAudit(
  given: AuditPort | undefined,
  factory: AuditFactory,
  options: { startUrl: string } & Record<string, unknown>,
  resume?: { snapshot: unknown; pagesAudited: number },
): AuditPort {
  if (given) return given;
  if (!resume) return factory.create(options);
  if (resume.snapshot !== null && resume.snapshot !== undefined) {
    if (!factory.restore) throw new Error('the audit factory cannot restore a snapshot');
    return factory.restore(resume.snapshot, options);
  }
  if (resume.pagesAudited > 0) {
    throw new Error('the resume state has no audit snapshot (the audit in use cannot take one); pass the original audit as options.audit');
  }
  return factory.create(options);
}
