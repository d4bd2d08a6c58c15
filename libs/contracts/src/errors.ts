/** The one body every 4xx/5xx answer has. */
export interface ApiErrorBody {
  statusCode: number;
  /** HTTP reason phrase, e.g. "Bad Request". */
  error: string;
  /** A sentence a person can act on. */
  message: string;
  /** Machine-readable code for the few errors clients branch on (e.g. QUOTA_EXCEEDED). */
  code?: string;
  /** Per-field validation messages, or structured context such as { limit, used }. */
  details?: unknown;
  path: string;
  timestamp: string;
  requestId: string;
}
