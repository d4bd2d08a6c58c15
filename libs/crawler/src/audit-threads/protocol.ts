/** Messages between the crawl's thread and the page-audit workers (structured-clone safe). */
export interface AuditRequest {
  id: number;
  /** A FetchedPage; when `body` is set its `html` is null and the worker decodes `body` into it. */
  page: unknown;
  body: Uint8Array | null;
}

export type AuditReply = { id: number; audit: unknown; error?: undefined } | { id: number; error: string; audit?: undefined };
