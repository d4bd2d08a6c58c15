import { unreachableReason } from '@seology/net';

/**
 * Hosts of checked resources that could not be reached (no DNS answer, connection refused or timed
 * out). The first failure is remembered for the crawl, so the other URLs on that host are reported
 * unreachable at once instead of each waiting out the same failure.
 */
export class UnreachableHosts {
  private readonly down = new Map<string, string>();

  /** Reason the host failed earlier in this crawl, or undefined. Keyed by `URL.host` (name and port). */
  reasonFor(host: string): string | undefined {
    return this.down.get(host);
  }

  /** Classifies a failed request; remembers the host when the failure is the host's. Null when the error is not about reachability. */
  record(host: string, error: unknown): string | null {
    const why = unreachableReason(error);
    if (why === null) return null;
    if (why.hostWide) this.down.set(host, why.reason);
    return why.reason;
  }

  get size(): number {
    return this.down.size;
  }
}
