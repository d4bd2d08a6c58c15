import { BadRequestException, ConflictException, ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { can, PLAN_LABELS, PLAN_LIMITS, PLANS, type PlanName, type SiteAction } from '@seology/contracts';
import type { Connection, Prisma, TeamRole } from '@prisma/client';
import { isSsrfError, type SsrfPolicy } from '@seology/net';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../common/filters/http-error.filter';
import type { Actor } from '../common/decorators/auth.decorators';
import { EncryptionService } from '../common/crypto/encryption.service';
import { toPage, type Page, PaginationQueryDto } from '../common/dto/pagination.dto';
import { TeamAccessService } from '../teams/team-access.service';
import { UsageService } from '../usage/usage.service';
import { ConnectionsRepository } from './connections.repository';
import {
  ConnectionDto, CreateConnectionDto, CrawlSettingsDto, HealthTrendQueryDto, HealthTrendsDto, PublicCrawlSettingsDto, ShopifyCredentialsDto, UpdateConnectionDto, WordPressCredentialsDto, type RenderMode,
} from './dto/connection.dto';
import { normaliseAndCheckSite } from './site-url';

export type PlatformCredentials =
  | { platform: 'WORDPRESS'; username: string; applicationPassword: string }
  | { platform: 'SHOPIFY'; shopDomain: string; accessToken: string };

interface StoredCrawlSettings {
  maxPages?: number;
  maxDepth?: number;
  include?: string[];
  exclude?: string[];
  /** Encrypted JSON of the custom headers. */
  headers?: string;
  headerNames?: string[];
  requestsPerSecond?: number;
  userAgent?: string;
  render?: RenderMode;
}

const CREDENTIALS_CONTEXT = 'connection.credentials';
const HEADERS_CONTEXT = 'connection.crawl-headers';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly encryption: EncryptionService,
    private readonly config: AppConfig,
    private readonly teamAccess: TeamAccessService,
    private readonly usage: UsageService,
  ) {}

  get ssrfPolicy(): SsrfPolicy {
    return { allowHosts: this.config.ssrfAllowHosts };
  }

  async create(actor: Actor, dto: CreateConnectionDto): Promise<ConnectionDto> {
    const site = await this.checkSite(dto.siteUrl);
    if (await this.connections.findOwnedByDomain(actor.userId, site.domain)) {
      throw new ConflictException(`You already connected ${site.domain}.`);
    }
    if (dto.teamId) await this.teamAccess.require(actor, dto.teamId, 'site:manage');
    const credentials = this.credentialsFor(dto.platform, dto);
    const crawlSettings = this.storeCrawlSettings(dto.crawlSettings, {}) as Prisma.InputJsonValue;
    const plan = await this.usage.planOf(actor.userId);
    checkScheduleAllowed(plan, dto.crawlFrequencyHours);
    // The quota is checked last, so an invalid request is told what is wrong with it, not to upgrade.
    const connection = await this.usage.withSiteSlot(actor.userId, (tx) => this.connections.create({
      userId: actor.userId,
      teamId: dto.teamId ?? null,
      domain: site.domain,
      siteUrl: site.siteUrl,
      displayName: dto.displayName ?? null,
      platform: dto.platform,
      executionMode: dto.executionMode ?? 'APPROVE',
      credentials: credentials ? this.encryption.encryptJson(credentials, CREDENTIALS_CONTEXT) : null,
      snippetKey: `sk_site_${randomBytes(12).toString('base64url')}`,
      crawlSettings,
      crawlFrequencyHours: dto.crawlFrequencyHours ?? null,
      nextCrawlAt: dto.crawlFrequencyHours ? new Date(Date.now() + dto.crawlFrequencyHours * 3_600_000) : null,
    }, tx));
    return toConnectionDto(connection, null, plan);
  }

  async list(actor: Actor, query: PaginationQueryDto): Promise<Page<ConnectionDto>> {
    const [items, total] = await this.connections.findAccessiblePage(actor.userId, query.skip, query.pageSize);
    const plans = await this.ownerPlans(items.map((i) => i.connection.userId));
    return toPage(items.map(({ connection, teamRole }) => toConnectionDto(connection, teamRole, plans.get(connection.userId)!)), total, query);
  }

  async get(actor: Actor, id: string): Promise<ConnectionDto> {
    const { connection, teamRole } = await this.getAccessibleWithRole(actor, id, 'site:read');
    return toConnectionDto(connection, teamRole, await this.usage.planOf(connection.userId));
  }

  /** Daily health scores of the requested sites; ids the caller cannot reach are simply absent. */
  async healthTrends(actor: Actor, query: HealthTrendQueryDto): Promise<HealthTrendsDto> {
    const ids = [...new Set(query.ids)];
    const today = new Date(new Date().toISOString().slice(0, 10));
    const since = new Date(today.getTime() - (query.days - 1) * 86_400_000);
    const rows = await this.connections.findHealthHistory(actor.userId, ids, since);
    const byId = new Map<string, { date: string; healthScore: number }[]>();
    for (const row of rows) {
      if (row.healthScore === null) continue;
      const points = byId.get(row.connectionId) ?? [];
      points.push({ date: row.date.toISOString().slice(0, 10), healthScore: row.healthScore });
      byId.set(row.connectionId, points);
    }
    return { items: [...byId].map(([connectionId, points]) => ({ connectionId, points })) };
  }

  async update(actor: Actor, id: string, dto: UpdateConnectionDto): Promise<ConnectionDto> {
    const { connection, teamRole } = await this.getAccessibleWithRole(actor, id, 'site:manage');
    const credentials = dto.wordpress || dto.shopify ? this.credentialsFor(connection.platform, dto) : undefined;
    // Moving a site into a team needs site:manage there too; null takes it out of its team.
    if (dto.teamId) await this.teamAccess.require(actor, dto.teamId, 'site:manage');
    const plan = await this.usage.planOf(connection.userId);
    checkScheduleAllowed(plan, dto.crawlFrequencyHours);
    const updated = await this.connections.update(connection.id, {
      ...(dto.teamId !== undefined ? { teamId: dto.teamId } : {}),
      ...(dto.executionMode ? { executionMode: dto.executionMode } : {}),
      ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}),
      ...(credentials ? { credentials: this.encryption.encryptJson(credentials, CREDENTIALS_CONTEXT) } : {}),
      ...(dto.crawlSettings
        ? { crawlSettings: this.storeCrawlSettings(dto.crawlSettings, connection.crawlSettings as StoredCrawlSettings) as Prisma.InputJsonValue }
        : {}),
      ...(dto.crawlFrequencyHours !== undefined
        ? {
            crawlFrequencyHours: dto.crawlFrequencyHours,
            nextCrawlAt: dto.crawlFrequencyHours ? new Date(Date.now() + dto.crawlFrequencyHours * 3_600_000) : null,
          }
        : {}),
    });
    return toConnectionDto(updated, teamRole, plan);
  }

  /** The plan of each distinct owner (a page of sites has few owners). */
  private async ownerPlans(userIds: string[]): Promise<Map<string, PlanName>> {
    const owners = [...new Set(userIds)];
    return new Map(await Promise.all(owners.map(async (id) => [id, await this.usage.planOf(id)] as const)));
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const connection = await this.getAccessible(actor, id, 'site:manage');
    await this.connections.delete(connection.id);
  }

  /**
   * The raw row, for other modules. A site the actor cannot reach answers 404 (never 403, so ids of
   * other tenants' sites reveal nothing); a team site the actor can see but whose team role does not
   * allow `action` answers 403 naming the missing permission.
   */
  async getAccessible(actor: Pick<Actor, 'userId'>, id: string, action: SiteAction = 'site:read'): Promise<Connection> {
    return (await this.getAccessibleWithRole(actor, id, action)).connection;
  }

  private async getAccessibleWithRole(actor: Pick<Actor, 'userId'>, id: string, action: SiteAction): Promise<{ connection: Connection; teamRole: TeamRole | null }> {
    const found = await this.connections.findAccessibleWithRole(id, actor.userId);
    if (!found) throw new NotFoundException('No site with this id.');
    if (found.teamRole && !can(found.teamRole, action)) {
      throw new ForbiddenException(`Your role in this team (${found.teamRole}) does not allow ${action}.`);
    }
    return found;
  }

  /** Stores the WordPress REST root the connector discovered, so the next connector starts from it. */
  rememberWordPressApiRoot(id: string, root: string): Promise<void> {
    return this.connections.setWordPressApiRoot(id, root);
  }

  decryptCredentials(connection: Connection): PlatformCredentials | null {
    return connection.credentials ? this.encryption.decryptJson<PlatformCredentials>(connection.credentials, CREDENTIALS_CONTEXT) : null;
  }

  decryptCrawlHeaders(connection: Connection): Record<string, string> {
    const stored = connection.crawlSettings as StoredCrawlSettings;
    return stored.headers ? this.encryption.decryptJson<Record<string, string>>(stored.headers, HEADERS_CONTEXT) : {};
  }

  private async checkSite(siteUrl: string) {
    try {
      return await normaliseAndCheckSite(siteUrl, this.ssrfPolicy);
    } catch (error) {
      if (isSsrfError(error)) throw new BadRequestException(`siteUrl cannot be used: ${error.message}.`);
      throw error;
    }
  }

  private credentialsFor(
    platform: Connection['platform'],
    dto: { wordpress?: WordPressCredentialsDto; shopify?: ShopifyCredentialsDto },
  ): PlatformCredentials | null {
    switch (platform) {
      case 'WORDPRESS':
        if (!dto.wordpress) throw new BadRequestException('A WordPress site needs wordpress.username and wordpress.applicationPassword.');
        return { platform, username: dto.wordpress.username, applicationPassword: dto.wordpress.applicationPassword };
      case 'SHOPIFY':
        if (!dto.shopify) throw new BadRequestException('A Shopify store needs shopify.shopDomain and shopify.accessToken.');
        return { platform, shopDomain: dto.shopify.shopDomain, accessToken: dto.shopify.accessToken };
      case 'CUSTOM':
        if (dto.wordpress || dto.shopify) throw new BadRequestException('A CUSTOM (snippet) site takes no platform credentials.');
        return null;
    }
  }

  private storeCrawlSettings(dto: CrawlSettingsDto | undefined, current: StoredCrawlSettings): StoredCrawlSettings {
    if (!dto) return current;
    const next: StoredCrawlSettings = { ...current };
    if (dto.maxPages !== undefined) next.maxPages = dto.maxPages;
    if (dto.maxDepth !== undefined) next.maxDepth = dto.maxDepth;
    if (dto.include !== undefined) next.include = dto.include;
    if (dto.exclude !== undefined) next.exclude = dto.exclude;
    if (dto.requestsPerSecond !== undefined) next.requestsPerSecond = dto.requestsPerSecond;
    // An empty user agent goes back to the crawler's default name.
    if (dto.userAgent !== undefined) next.userAgent = dto.userAgent.trim() || undefined;
    // 'off' is the default and is not stored, like an empty user agent.
    if (dto.render !== undefined) next.render = dto.render === 'off' ? undefined : dto.render;
    if (dto.headers !== undefined) {
      const entries = Object.entries(dto.headers);
      if (entries.length > 20) throw new BadRequestException('crawlSettings.headers may hold at most 20 headers.');
      for (const [name, value] of entries) {
        if (!HEADER_NAME.test(name) || FORBIDDEN_HEADERS.has(name.toLowerCase())) {
          throw new BadRequestException(`crawlSettings.headers: "${name.slice(0, 100)}" cannot be used as a header name.`);
        }
        if (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 4000) {
          throw new BadRequestException(`crawlSettings.headers: the value of "${name}" must be a single-line string of at most 4000 characters.`);
        }
      }
      next.headers = entries.length ? this.encryption.encryptJson(dto.headers, HEADERS_CONTEXT) : undefined;
      next.headerNames = entries.map(([name]) => name);
    }
    return next;
  }
}

/** `teamRole` is null when the caller created the site, which gives them every right (the OWNER row of the matrix). */
/**
 * A schedule shorter than the owner's plan allows is refused with what would allow it, before
 * anything is written (the cron also never runs a site more often than its plan allows).
 */
function checkScheduleAllowed(plan: PlanName, hours: number | null | undefined): void {
  if (hours === null || hours === undefined) return;
  const min = PLAN_LIMITS[plan].minCrawlFrequencyHours;
  if (hours >= min) return;
  const allowing = PLANS.find((p) => PLAN_LIMITS[p].minCrawlFrequencyHours <= hours);
  throw new ApiError(
    HttpStatus.PAYMENT_REQUIRED,
    `The ${PLAN_LABELS[plan]} plan re-crawls a site at most every ${everyHours(min)}; choose a longer schedule` +
      (allowing ? ` or upgrade (${PLAN_LABELS[allowing]} allows every ${everyHours(hours)}).` : '.'),
    'PLAN_LIMIT',
    { plan, minCrawlFrequencyHours: min, requested: hours },
  );
}

function everyHours(hours: number): string {
  if (hours % 168 === 0) return hours === 168 ? 'week (168 hours)' : `${hours / 168} weeks`;
  if (hours % 24 === 0) return hours === 24 ? 'day (24 hours)' : `${hours / 24} days`;
  return hours === 1 ? 'hour' : `${hours} hours`;
}

export function toConnectionDto(connection: Connection, teamRole: TeamRole | null, ownerPlan: PlanName): ConnectionDto {
  const settings = connection.crawlSettings as StoredCrawlSettings;
  const crawlSettings: PublicCrawlSettingsDto = {
    maxPages: settings.maxPages,
    maxDepth: settings.maxDepth,
    include: settings.include,
    exclude: settings.exclude,
    headerNames: settings.headerNames ?? [],
    requestsPerSecond: settings.requestsPerSecond,
    userAgent: settings.userAgent,
    render: settings.render ?? 'off',
  };
  return {
    id: connection.id,
    domain: connection.domain,
    siteUrl: connection.siteUrl,
    displayName: connection.displayName,
    platform: connection.platform,
    status: connection.status,
    executionMode: connection.executionMode,
    hasCredentials: connection.credentials !== null,
    snippetKey: connection.snippetKey,
    crawlSettings,
    crawlFrequencyHours: connection.crawlFrequencyHours,
    nextCrawlAt: connection.crawlFrequencyHours === null ? null : connection.nextCrawlAt,
    ownerPlan,
    minCrawlFrequencyHours: PLAN_LIMITS[ownerPlan].minCrawlFrequencyHours,
    healthStatus: connection.healthStatus,
    healthScore: connection.healthScore,
    pageCount: connection.pageCount,
    issueCount: connection.issueCount,
    lastCrawlAt: connection.lastCrawlAt,
    lastAnalysisAt: connection.lastAnalysisAt,
    teamId: connection.teamId,
    role: teamRole ?? 'OWNER',
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}
