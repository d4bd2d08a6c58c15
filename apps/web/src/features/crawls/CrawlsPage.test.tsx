import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { crawlProgress, isAwaitingAnalysis } from './api';
import { CrawlsPage } from './CrawlsPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 2, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const crawl = (id: string, overrides: Record<string, unknown> = {}) => ({
  id, connectionId: 'site-1', status: 'COMPLETED', pagesCrawled: 5, pagesQueued: 0, issuesFound: 3, newIssues: 1, resolvedIssues: 0, healthScore: 70,
  durationMs: 4000, stats: {}, resumable: false, createdAt: '2026-01-02T00:00:00.000Z', startedAt: '2026-01-02T00:00:00.000Z', completedAt: '2026-01-02T00:00:04.000Z', ...overrides,
});

describe('Crawls', () => {
  it('follows a running crawl live and compares the latest completed crawl with the one before', async () => {
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/crawls': () => json(200, { items: [crawl('c3', { status: 'RUNNING', pagesCrawled: 3, pagesQueued: 1, completedAt: null }), crawl('c2'), crawl('c1')], total: 3, page: 1, pageSize: 10 }),
      'GET /api/crawls/c3': () => json(200, crawl('c3', { status: 'RUNNING', pagesCrawled: 3, pagesQueued: 1, completedAt: null })),
      'GET /api/crawls/c2/diff': () =>
        json(200, {
          crawlId: 'c2', againstCrawlId: 'c1',
          newIssues: [{ id: 'i1', type: 'title-missing', severity: 'HIGH', pageUrl: 'https://bakery.example/menu/', title: 'Page has no title' }],
          resolvedIssues: [], newIssueCount: 1, resolvedIssueCount: 0, pagesAdded: ['https://bakery.example/menu/'], pagesRemoved: [], pagesChanged: [{ url: 'https://bakery.example/', fields: ['title'] }],
        }),
    });
    renderWithProviders(client, <CrawlsPage />, '/sites/site-1/crawls', '/sites/:siteId/crawls');

    const live = await screen.findByRole('region', { name: 'Crawl in progress' });
    expect(within(live).getByRole('progressbar', { name: 'Crawl progress' })).toHaveAttribute('aria-valuenow', '75');
    expect(within(live).getByText('3 of 4 pages found so far')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start crawl' })).toBeDisabled();
    const diff = await screen.findByTestId('crawl-diff');
    expect(within(diff).getByText('Page has no title — /menu/')).toBeInTheDocument();
    expect(within(diff).getByText('/: Title')).toBeInTheDocument();
    expect(requests.some((r) => r.url === '/api/crawls/c2/diff')).toBe(true);
  });

  it('estimates progress from pages crawled of those found', () => {
    expect(crawlProgress({ status: 'QUEUED', pagesCrawled: 0, pagesQueued: 0 })).toBe(0);
    expect(crawlProgress({ status: 'RUNNING', pagesCrawled: 1, pagesQueued: 3 })).toBe(25);
    expect(crawlProgress({ status: 'COMPLETED', pagesCrawled: 4, pagesQueued: 2 })).toBe(100);
  });

  it('waits for the analysis of a just-completed crawl, but not forever', () => {
    const done = { status: 'COMPLETED' as const, completedAt: '2026-01-02T00:00:10.000Z' };
    const now = Date.parse('2026-01-02T00:00:20.000Z');
    expect(isAwaitingAnalysis({ lastAnalysisAt: '2026-01-02T00:00:00.000Z' }, done, now)).toBe(true);
    expect(isAwaitingAnalysis({ lastAnalysisAt: null }, done, now)).toBe(true);
    expect(isAwaitingAnalysis({ lastAnalysisAt: '2026-01-02T00:00:12.000Z' }, done, now)).toBe(false);
    expect(isAwaitingAnalysis({ lastAnalysisAt: null }, done, now + 10 * 60_000)).toBe(false);
    expect(isAwaitingAnalysis({ lastAnalysisAt: null }, { status: 'RUNNING', completedAt: null }, now)).toBe(false);
  });
});
