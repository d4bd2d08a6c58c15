import { startWordPressContractServer, type WordPressContractServer } from '@seology/connectors/testing';
import { DEMO_MEDIA, DEMO_PAGES, DEMO_POSTS, DEMO_SITE_CREDENTIALS, DEMO_SITE_NAME, DEMO_THEME } from '@seology/scripts/demo-site-content';
import type { Page } from '../../common/dto/pagination.dto';
import type { ConnectionDto } from '../../connections/dto/connection.dto';
import type { CrawlDto } from '../../crawls/dto/crawl.dto';
import type { PlanDetailDto } from '../../plans/dto/plan.dto';
import { type signUpUser, type TestApp, until } from '../../testing/test-app';

/** A fix as the API answers it, for the fixes e2e tests. */
export interface FixBody {
  id: string;
  type: string;
  status: string;
  risk: string;
  method: string;
  pageUrl: string;
  target: string | null;
  beforeValue: string | null;
  afterValue: string;
  failureReason: string | null;
  manualReason: string | null;
  verifiedAt: string | null;
  rollbackConflict: { expected: string | null; actual: string | null } | null;
  planId: string | null;
  issueId: string | null;
}

/** A page of fixes (GET /api/connections/:id/fixes). */
export type FixPageBody = Page<FixBody>;

/** The estimate a plan is proposed with (PlanDto.estimatedImpact). */
export interface PlanImpactBody {
  fixes: number;
  byRisk: Record<string, number>;
  byType: Record<string, number>;
  expectedScoreGain: number;
  scoreGainBasis: string;
}

/** A plan as the API answers it (GET /api/plans/:id): its estimate, per-fix results and fixes spelled out. */
export type PlanBody = Omit<PlanDetailDto, 'estimatedImpact' | 'results' | 'fixes'> & {
  estimatedImpact: PlanImpactBody;
  results: Record<string, { status: string; error?: string }> | null;
  fixes: FixBody[];
};

/** A page of plans (GET /api/connections/:id/plans): the list leaves out each plan's fixes. */
export type PlanPageBody = Page<Omit<PlanBody, 'fixes'>>;

export type Mode = 'APPROVE' | 'AUTOMATIC' | 'PLAN';

/**
 * The demo site on the contract server; `withDuplicate` adds a linked copy of the About page, which
 * gets a (HIGH risk) canonical proposal; `plugins: []` is a stock WordPress (titles and image alt only).
 */
export function startDemoSite(withDuplicate = false, plugins: Array<'yoast'> = ['yoast']): Promise<WordPressContractServer> {
  const pages = withDuplicate
    ? [...DEMO_PAGES.map((p) => (p.id === 2 ? { ...p, content: `${p.content}<p><a href="/about-us-copy/">About (copy)</a></p>` } : p)), { ...DEMO_PAGES[1]!, id: 5, slug: 'about-us-copy' }]
    : DEMO_PAGES;
  return startWordPressContractServer({
    siteName: DEMO_SITE_NAME, theme: DEMO_THEME, plugins, users: [{ ...DEMO_SITE_CREDENTIALS, role: 'editor' }],
    pages, posts: DEMO_POSTS, media: DEMO_MEDIA, frontPageId: 2,
  });
}

/** Connects the site for `user`, crawls it, waits for the analysis (and its proposals) and lists the fixes. */
export async function connectAndCrawlSite(
  t: TestApp,
  user: Awaited<ReturnType<typeof signUpUser>>,
  site: { url: string },
  executionMode: Mode,
  platform: 'WORDPRESS' | 'CUSTOM' = 'WORDPRESS',
  wordpress: { username: string; applicationPassword: string } = DEMO_SITE_CREDENTIALS,
) {
  const connection = (await t.http().post('/api/connections').set(user.auth)
    .send({ siteUrl: `${site.url}/`, platform, executionMode, displayName: 'Demo bakery (local WordPress)', ...(platform === 'WORDPRESS' ? { wordpress } : {}) }).expect(201)).body as ConnectionDto;
  const started = (await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth).expect(201)).body as CrawlDto;
  const job = await until(
    () => t.prisma.job.findFirst({ where: { type: 'ANALYZE_SITE', payload: { path: ['crawlId'], equals: started.id } } }),
    (j) => j?.status === 'COMPLETED' || j?.status === 'FAILED',
  );
  expect(job?.error ?? null).toBeNull();
  const fixes = ((await t.http().get(`/api/connections/${connection.id}/fixes?pageSize=100`).set(user.auth).expect(200)).body as FixPageBody).items;
  return { user, connection, fixes, analyze: job!.result as { proposals: { generator: string; created: number } } };
}
