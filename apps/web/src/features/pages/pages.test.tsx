import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { IssuesPage } from '../issues/IssuesPage';
import { PagesExplorerPage } from './PagesExplorerPage';
import { PageViewPage } from './PageViewPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 2, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const CHECKS = [
  { id: 'image-alt-missing', category: 'images', severity: 'MEDIUM', weight: 3, title: 'Images need alt text', explanation: 'Alt text describes an image to search engines.', howToFix: 'Add an alt attribute that says what the image shows.', scope: 'page' },
];
const GROUP = {
  checkId: 'image-alt-missing', title: 'Images need alt text', severity: 'MEDIUM', category: 'images', count: 9, affectedPages: 8, openFixes: 1, fixableByRule: 9,
  examplePages: ['https://bakery.example/about/', 'https://bakery.example/menu/'],
};
const PAGE = {
  id: 'page-1', crawlId: 'crawl-1', url: 'https://bakery.example/about/', finalUrl: 'https://bakery.example/about/', status: 200, title: 'About us', description: null, canonical: null,
  h1: 'About', depth: 1, wordCount: 420, bodyBytes: 9000, ttfbMs: 40, totalMs: 80, indexable: true, inlinks: 12, issueCount: 2, crawledAt: '2026-01-02T00:00:00.000Z',
};

describe('Issues by kind', () => {
  it('groups issues by check by default, explains them and links to every issue of the kind', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, CHECKS),
      'GET /api/connections/site-1/issue-groups': () => json(200, { items: [GROUP], total: 1, page: 1, pageSize: 100 }),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues', '/sites/:siteId/issues');
    const list = await screen.findByRole('list', { name: 'Issues of bakery.example by check' });
    expect(within(list).getByText('9 issues on 8 pages')).toBeInTheDocument();
    expect(within(list).getByText('Seology can fix 9')).toBeInTheDocument();
    await user.click(within(list).getByText('Images need alt text'));
    expect(within(list).getByText('Add an alt attribute that says what the image shows.')).toBeVisible();
    expect(within(list).getByRole('link', { name: '/about/' })).toHaveAttribute('href', '/sites/site-1/page?url=https%3A%2F%2Fbakery.example%2Fabout%2F');
    expect(within(list).getByRole('link', { name: 'See all 9 issues of this kind' })).toHaveAttribute('href', '/sites/site-1/issues?view=pages&type=image-alt-missing');
    expect(screen.getByRole('link', { name: 'Every issue, page by page' })).toHaveAttribute('href', '/sites/site-1/issues?view=pages');

    await user.selectOptions(screen.getByLabelText('Severity'), 'HIGH');
    await screen.findByRole('list', { name: 'Issues of bakery.example by check' });
    expect(new URL(requests.filter((r) => r.url.includes('/issue-groups')).at(-1)!.url, 'http://x').searchParams.get('severity')).toBe('HIGH');
  });
});

describe('Crawled pages', () => {
  it('lists the pages with status, depth, inlinks and issues, sends the filters, and pages by cursor', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/pages': () => json(200, { items: [PAGE], total: 51, page: 1, pageSize: 50, nextCursor: 'next-1', crawlId: 'crawl-1' }),
    });
    renderWithProviders(client, <PagesExplorerPage />, '/sites/site-1/pages', '/sites/:siteId/pages');
    const table = await screen.findByRole('table', { name: 'Crawled pages of bakery.example' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByRole('link', { name: '/about/' })).toHaveAttribute('href', '/sites/site-1/page?url=https%3A%2F%2Fbakery.example%2Fabout%2F');
    expect(row).toHaveTextContent('200');
    expect(row).toHaveTextContent('12');
    const lastQuery = () => new URL(requests.filter((r) => r.url.includes('/pages?')).at(-1)!.url, 'http://x').searchParams;
    await user.selectOptions(screen.getByLabelText('Status'), '4xx');
    await user.selectOptions(screen.getByLabelText('Indexable'), 'false');
    await user.selectOptions(screen.getByLabelText('Sort'), 'inlinks:asc');
    await screen.findByRole('table', { name: 'Crawled pages of bakery.example' });
    expect(Object.fromEntries(lastQuery())).toMatchObject({ statusClass: '4xx', indexable: 'false', sort: 'inlinks', order: 'asc' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('table', { name: 'Crawled pages of bakery.example' });
    expect(lastQuery().get('cursor')).toBe('next-1');
  });

  it('shows one URL with its facts, issues, fixes with their history, and past crawls', async () => {
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/page': () =>
        json(200, {
          page: PAGE,
          issues: [{ id: 'issue-1', connectionId: 'site-1', type: 'image-alt-missing', category: 'images', severity: 'MEDIUM', status: 'OPEN', title: 'Image without alt text', description: 'd', pageUrl: PAGE.url, elementSelector: null, evidence: null, impactScore: 40, fixable: true, firstSeenAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-02T00:00:00.000Z', resolvedAt: null, ignoredAt: null }],
          fixes: [{ id: 'fix-1', connectionId: 'site-1', issueId: 'issue-1', planId: null, type: 'imageAlt', method: 'RULE', status: 'APPLIED', risk: 'LOW', pageUrl: PAGE.url, target: '/oven.jpg', beforeValue: null, afterValue: 'Our oven', rationale: null, appliedAt: '2026-01-03T00:00:00.000Z', verifiedAt: null, verificationDetail: null, failureReason: null, rollbackDeadline: null, rolledBackAt: null, rollbackConflict: null, approvedAt: null, rejectedAt: null, rejectionReason: null, createdAt: '2026-01-02T00:00:00.000Z',
            history: [{ event: 'proposed', at: '2026-01-02T00:00:00.000Z', detail: null }, { event: 'applied', at: '2026-01-03T00:00:00.000Z', detail: null }] }],
          history: [{ crawlId: 'crawl-1', crawledAt: '2026-01-02T00:00:00.000Z', status: 200, title: 'About us', indexable: true, issueCount: 2 }],
        }),
    });
    renderWithProviders(client, <PageViewPage />, '/sites/site-1/page?url=https%3A%2F%2Fbakery.example%2Fabout%2F', '/sites/:siteId/page');
    expect(await screen.findByRole('heading', { name: 'Issues (1 open of 1)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Image without alt text' })).toHaveAttribute('href', '/sites/site-1/issues/issue-1');
    const history = screen.getByRole('list', { name: 'History of the Image alt fix' });
    expect(within(history).getAllByRole('listitem').map((li) => li.textContent?.split(' ')[0])).toEqual(['Proposed', 'Applied']);
    expect(screen.getByText('12')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'This page in past crawls' })).toHaveTextContent('200');
  });
});
