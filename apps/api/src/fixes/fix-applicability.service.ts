import { Injectable, Logger } from '@nestjs/common';
import type { Connection, Fix } from '@prisma/client';
import type { ConnectorCapabilities, ResourceKind } from '@seology/connectors';
import { fixApplicability } from './fix-applicability';
import { FixStateMachine } from './fix-state-machine';
import { FixesRepository } from './fixes.repository';
import { PlatformConnectors } from './platform-connectors';

const LOOKUPS_AT_ONCE = 3;

/** The URL whose resource a fix changes: a redirect is filed under the page it leads to. */
export function resourceUrlOf(fix: Pick<Fix, 'type' | 'pageUrl' | 'afterValue'>): string {
  return fix.type === 'redirect' ? new URL(fix.afterValue, fix.pageUrl).href : fix.pageUrl;
}

/**
 * Sorts new proposals into the ones the connection can apply and manual recommendations (MANUAL,
 * with what would unlock them), from what the connector reports it can change on each URL.
 */
@Injectable()
export class FixApplicabilityService {
  private readonly logger = new Logger(FixApplicabilityService.name);

  constructor(
    private readonly connectors: PlatformConnectors,
    private readonly fixes: FixesRepository,
    private readonly states: FixStateMachine,
  ) {}

  /**
   * Moves the new fixes that cannot be applied to MANUAL and returns the others, with the earlier
   * MANUAL fixes that can be applied now (a plugin installed since): those become PROPOSED again.
   * Most impactful first: automatic approval spends the month's quota in this order.
   */
  async keepApplicable(connection: Connection, created: Fix[]): Promise<Fix[]> {
    const earlier = await this.fixes.findManual(connection.id);
    // Manual because of the page (two h1 headings): no capability of the connection changes that.
    const all = [...created, ...earlier].filter((fix) => !fix.manualByPage);
    if (!all.length) return [];
    const { capabilities, kindOf } = await this.lookups(connection, [...new Set(all.map(resourceUrlOf))]);
    const applicable: Fix[] = [];
    for (const fix of all) {
      const verdict = fixApplicability(fix.type, { platform: connection.platform, capabilities, resourceKind: kindOf.get(resourceUrlOf(fix)) });
      if (fix.status === 'MANUAL') {
        // Only a positive answer from the site itself unlocks a manual fix, never a failed lookup.
        if (verdict.applicable && capabilities && (await this.states.transition(fix.id, ['MANUAL'], 'PROPOSED', { manualReason: null }, { reason: 'the site can make this change now' }))) applicable.push(fix);
      } else if (verdict.applicable) applicable.push(fix);
      else await this.states.transition(fix.id, ['PROPOSED'], 'MANUAL', { manualReason: verdict.reason.slice(0, 2000) }, { reason: 'not applicable on this connection' });
    }
    return this.fixes.sortByImpact(applicable);
  }

  private async lookups(connection: Connection, urls: string[]): Promise<{ capabilities: ConnectorCapabilities | null; kindOf: Map<string, ResourceKind | null> }> {
    const kindOf = new Map<string, ResourceKind | null>();
    const connector = this.connectors.for(connection);
    if (!connector) return { capabilities: null, kindOf };
    let capabilities: ConnectorCapabilities | null;
    try {
      capabilities = await connector.capabilities();
    } catch (error) {
      // The site not answering now must not turn every proposal into a manual one: the executor decides later.
      this.logger.warn(`capabilities of connection ${connection.id} not read: ${(error as Error).message}`);
      return { capabilities: null, kindOf };
    }
    const queue = [...urls];
    const worker = async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        try {
          kindOf.set(url, (await connector.findResourceByUrl(url))?.kind ?? null);
        } catch (error) {
          this.logger.warn(`resource of ${url} not looked up: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: LOOKUPS_AT_ONCE }, worker));
    return { capabilities, kindOf };
  }
}
