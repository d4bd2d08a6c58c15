import { BadRequestException, ConflictException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { SearchConsoleLink } from '@prisma/client';
import { AppConfig } from '../config/app-config';
import type { Actor } from '../common/decorators/auth.decorators';
import { EncryptionService } from '../common/crypto/encryption.service';
import { ConnectionsService } from '../connections/connections.service';
import { JobsService } from '../jobs/jobs.service';
import { GoogleSearchConsoleClient, SEARCH_CONSOLE_SCOPE, SearchConsoleRevokedError } from './google-search-console.client';
import { signOAuthState, verifyOAuthState } from './oauth-state';
import { rankProperties, type PropertyChoice } from './property-match';
import { SearchConsoleRepository } from './search-console.repository';
import { REFRESH_TOKEN_CONTEXT } from './search-console-sync.service';
import { TRAFFIC_WINDOW_DAYS } from './traffic-priority';
import { toFixImpactDto, type FixImpactSummaryDto } from './dto/fix-impact.dto';
import type { ImpactConfidence } from './fix-impact';
import type { ChoosePropertyDto, IssuePriorityBasisDto, OAuthCallbackQueryDto, SearchConsoleAuthorizationDto, SearchConsolePropertiesDto, SearchConsoleStatusDto } from './dto/search-console.dto';

/** How the site's issues are ranked, and why; the same rule as SearchConsoleSyncService.reprioritise. */
function prioritiesOf(link: SearchConsoleLink | null): IssuePriorityBasisDto {
  const alone = 'so issues are ranked by their check score alone (severity × weight)';
  if (!link) return { basis: 'check-score', reason: `Search Console is not connected, ${alone}.` };
  if (link.status === 'REVOKED') return { basis: 'check-score', reason: `Google no longer accepts the Search Console consent, ${alone}; connect Search Console again.` };
  if (!link.syncedThrough) return { basis: 'check-score', reason: `Search Console data has not arrived yet, ${alone} until the first sync completes.` };
  return { basis: 'search-traffic', reason: `Issues are ranked by check score weighted by each page's Search Console impressions and clicks over the last ${TRAFFIC_WINDOW_DAYS} days.` };
}

/** Connecting, inspecting and disconnecting a site's Search Console; the sync itself is SearchConsoleSyncService. */
@Injectable()
export class SearchConsoleService {
  constructor(
    private readonly repository: SearchConsoleRepository,
    private readonly google: GoogleSearchConsoleClient,
    private readonly connections: ConnectionsService,
    private readonly encryption: EncryptionService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async status(actor: Actor, connectionId: string): Promise<SearchConsoleStatusDto> {
    await this.connections.getAccessible(actor, connectionId);
    const link = await this.repository.findLink(connectionId);
    if (!link) return { available: this.google.configured, connected: false, priorities: prioritiesOf(null) };
    return {
      priorities: prioritiesOf(link),
      available: this.google.configured,
      connected: true,
      status: link.status,
      propertyUrl: link.propertyUrl,
      syncedThrough: link.syncedThrough ? link.syncedThrough.toISOString().slice(0, 10) : null,
      lastSyncAt: link.lastSyncAt?.toISOString() ?? null,
      lastError: link.lastError,
      scope: link.scope,
    };
  }

  /** The site overview's summary of what measured fixes did. */
  async impactSummary(actor: Actor, connectionId: string): Promise<FixImpactSummaryDto> {
    await this.connections.getAccessible(actor, connectionId);
    const measured = (await this.repository.findMeasuredFixes(connectionId)).flatMap((fix) => {
      const impact = toFixImpactDto(fix.impactMetrics);
      if (!impact) return [];
      const widest = impact.windows.at(-1);
      return [{
        fixId: fix.id, type: fix.type, pageUrl: fix.pageUrl, status: fix.status, appliedAt: fix.appliedAt, confidence: impact.confidence, summary: impact.summary,
        clicksPct: widest?.effect.clicksPct ?? null, days: widest?.days ?? null,
      }];
    });
    const count = (confidence: ImpactConfidence) => measured.filter((m) => m.confidence === confidence).length;
    const clarity: Record<ImpactConfidence, number> = { likely: 0, possible: 1, 'no-measurable-change': 2, 'not-enough-data': 3, 'too-early': 4 };
    // Stable: equal clarity and size keep the repository's newest-first order.
    const fixes = [...measured].sort((a, b) => clarity[a.confidence] - clarity[b.confidence] || Math.abs(b.clicksPct ?? 0) - Math.abs(a.clicksPct ?? 0)).slice(0, 10);
    return {
      measured: measured.length,
      counts: { likely: count('likely'), possible: count('possible'), noMeasurableChange: count('no-measurable-change'), notEnoughData: count('not-enough-data'), tooEarly: count('too-early') },
      fixes,
    };
  }

  async authorize(actor: Actor, connectionId: string): Promise<SearchConsoleAuthorizationDto> {
    await this.connections.getAccessible(actor, connectionId, 'site:manage');
    if (!this.google.configured) throw new ServiceUnavailableException('Search Console is not set up on this server: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (README, "Search Console").');
    return { authorizationUrl: this.google.authorizationUrl(signOAuthState({ userId: actor.userId, connectionId }, this.config.JWT_SECRET)) };
  }

  /**
   * Google's redirect back. The signed state says which user started it for which site; the user must
   * still be allowed to manage that site. Returns where to send the browser (the site's page).
   */
  async completeAuthorization(query: OAuthCallbackQueryDto): Promise<string> {
    const state = verifyOAuthState(query.state, this.config.JWT_SECRET);
    if (!state) throw new BadRequestException('This Search Console sign-in link has expired or was altered; start connecting again from the site.');
    const back = (result: string) => `${this.config.APP_URL.replace(/\/$/, '')}/sites/${encodeURIComponent(state.connectionId)}?searchConsole=${result}`;
    const connection = await this.connections.getAccessible({ userId: state.userId }, state.connectionId, 'site:manage');
    if (query.error || !query.code) return back(query.error === 'access_denied' ? 'denied' : 'failed');
    const { refreshToken, scope } = await this.google.exchangeCode(query.code).catch(() => {
      throw new BadRequestException('Google did not accept the sign-in code (it is used once and expires after a few minutes); start connecting again.');
    });
    if (!refreshToken) throw new BadRequestException("Google sent no refresh token. Remove Seology's access at https://myaccount.google.com/permissions and connect again.");
    if (!scope.split(' ').includes(SEARCH_CONSOLE_SCOPE)) throw new BadRequestException('Read access to Search Console was not granted; connect again and keep the Search Console box ticked.');
    await this.repository.saveConsent(connection.id, state.userId, this.encryption.encrypt(refreshToken, REFRESH_TOKEN_CONTEXT), scope);
    // The best matching property is taken at once, so the backfill starts; the user can pick another.
    const best = (await this.rankedFor(connection.siteUrl, refreshToken).catch(() => [])).find((p) => p.matches);
    if (best) await this.startBackfill(connection.id, best.siteUrl, state.userId);
    return back(best ? 'connected' : 'choose-property');
  }

  async properties(actor: Actor, connectionId: string): Promise<SearchConsolePropertiesDto> {
    const connection = await this.connections.getAccessible(actor, connectionId);
    const link = await this.activeLink(connectionId);
    const ranked = await this.rankedFor(connection.siteUrl, this.encryption.decrypt(link.refreshToken, REFRESH_TOKEN_CONTEXT));
    return { items: ranked.map((p) => ({ ...p, selected: p.siteUrl === link.propertyUrl })) };
  }

  async chooseProperty(actor: Actor, connectionId: string, dto: ChoosePropertyDto): Promise<SearchConsoleStatusDto> {
    const connection = await this.connections.getAccessible(actor, connectionId, 'site:manage');
    const link = await this.activeLink(connectionId);
    const ranked = await this.rankedFor(connection.siteUrl, this.encryption.decrypt(link.refreshToken, REFRESH_TOKEN_CONTEXT));
    const chosen = ranked.find((p) => p.siteUrl === dto.propertyUrl);
    if (!chosen) throw new BadRequestException(`The Google account has no Search Console property ${dto.propertyUrl}; pick one listed by GET /api/connections/${connectionId}/search-console/properties.`);
    if (chosen.permissionLevel === 'siteUnverifiedUser') throw new BadRequestException(`${dto.propertyUrl} is not verified for this Google account, so Search Console gives no data for it.`);
    if (chosen.siteUrl !== link.propertyUrl) await this.startBackfill(connectionId, chosen.siteUrl, actor.userId);
    return this.status(actor, connectionId);
  }

  /** Withdraws the consent at Google and forgets the token; the metrics already stored stay. */
  async disconnect(actor: Actor, connectionId: string): Promise<void> {
    await this.connections.getAccessible(actor, connectionId, 'site:manage');
    const link = await this.repository.findLink(connectionId);
    if (!link) throw new NotFoundException('Search Console is not connected for this site.');
    if (link.status === 'ACTIVE') await this.google.revoke(this.encryption.decrypt(link.refreshToken, REFRESH_TOKEN_CONTEXT));
    await this.repository.deleteLink(connectionId);
  }

  private async activeLink(connectionId: string): Promise<SearchConsoleLink> {
    const link = await this.repository.findLink(connectionId);
    if (!link) throw new NotFoundException('Search Console is not connected for this site.');
    if (link.status === 'REVOKED') throw new ConflictException(`Google no longer accepts this site's Search Console consent (${link.lastError ?? 'revoked'}); connect Search Console again.`);
    return link;
  }

  private async rankedFor(siteUrl: string, refreshToken: string): Promise<PropertyChoice[]> {
    try {
      return rankProperties(siteUrl, await this.google.session(refreshToken).listProperties());
    } catch (error) {
      if (error instanceof SearchConsoleRevokedError) throw new ConflictException(error.message);
      throw error;
    }
  }

  private async startBackfill(connectionId: string, propertyUrl: string, userId: string): Promise<void> {
    await this.repository.chooseProperty(connectionId, propertyUrl);
    await this.jobs.enqueue('SYNC_METRICS', { connectionId }, { connectionId, userId, priority: 3, maxAttempts: 6 });
  }
}
