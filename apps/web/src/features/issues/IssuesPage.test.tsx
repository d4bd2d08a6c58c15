import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { IssueDetailPage } from './IssueDetailPage';
import { IssuesPage } from './IssuesPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 2, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const ISSUE = {
  id: 'issue-1', connectionId: 'site-1', type: 'image-alt-missing', category: 'accessibility', severity: 'MEDIUM', status: 'OPEN', title: 'Image without alt text',
  description: 'An image has no alt attribute.', pageUrl: 'https://bakery.example/about/', elementSelector: 'main > p:nth-of-type(2) > img', evidence: '<img src="/oven.jpg">',
  impactScore: 40, fixable: true, firstSeenAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-02T00:00:00.000Z',
};
const CHECKS = [
  { id: 'image-alt-missing', category: 'accessibility', severity: 'MEDIUM', weight: 3, title: 'Images need alt text', explanation: 'Alt text describes an image to search engines.', howToFix: 'Add an alt attribute that says what the image shows.', scope: 'page' },
];

describe('Issues', () => {
  it('sends the filters, sort and search to the API and lists the matching issues', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, CHECKS),
      'GET /api/connections/site-1/issues': () => json(200, { items: [ISSUE], total: 1, page: 1, pageSize: 25 }),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues?view=pages', '/sites/:siteId/issues');

    const table = await screen.findByRole('table', { name: 'Issues of bakery.example' });
    expect(within(table).getByRole('link', { name: 'Image without alt text' })).toHaveAttribute('href', '/sites/site-1/issues/issue-1');
    expect(within(table).getByText('/about/')).toBeInTheDocument();
    const lastQuery = () => new URL(requests.filter((r) => r.url.includes('/issues?')).at(-1)!.url, 'http://x').searchParams;
    expect(lastQuery().get('status')).toBe('OPEN');
    expect(lastQuery().get('sort')).toBe('impactScore');

    await user.selectOptions(screen.getByLabelText('Severity'), 'MEDIUM');
    await user.selectOptions(await screen.findByLabelText('Type'), 'image-alt-missing');
    await user.selectOptions(screen.getByLabelText('Sort'), 'pageUrl:asc');
    await user.type(screen.getByLabelText('Search'), 'alt');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByRole('button', { name: 'Clear filters' });
    const query = lastQuery();
    expect(Object.fromEntries(query)).toMatchObject({ severity: 'MEDIUM', type: 'image-alt-missing', sort: 'pageUrl', order: 'asc', q: 'alt', status: 'OPEN', page: '1' });
  });

  it('says what to do when the list cannot load', async () => {
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, CHECKS),
      'GET /api/connections/site-1/issues': () => errorBody(500, 'Something went wrong on our side.'),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues?view=pages', '/sites/:siteId/issues');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the issues');
  });

  it('shows the offending element, the evidence and how to fix it, and ignores then restores the issue', async () => {
    const user = userEvent.setup();
    let status = 'OPEN';
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/issues/issue-1': () => json(200, { ...ISSUE, status, check: CHECKS[0] }),
      'POST /api/issues/issue-1/ignore': () => ((status = 'IGNORED'), json(200, { ...ISSUE, status })),
      'POST /api/issues/issue-1/unignore': () => ((status = 'OPEN'), json(200, { ...ISSUE, status })),
    });
    renderWithProviders(client, <IssueDetailPage />, '/sites/site-1/issues/issue-1', '/sites/:siteId/issues/:issueId');

    expect(await screen.findByRole('heading', { level: 1, name: 'Image without alt text' })).toBeInTheDocument();
    expect(screen.getByLabelText('CSS selector')).toHaveTextContent('main > p:nth-of-type(2) > img');
    expect(screen.getByLabelText('Evidence')).toHaveTextContent('<img src="/oven.jpg">');
    expect(screen.getByText('Add an alt attribute that says what the image shows.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ignore issue' }));
    expect(await screen.findByRole('button', { name: 'Stop ignoring' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stop ignoring' }));
    expect(await screen.findByRole('button', { name: 'Ignore issue' })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/issues/issue-1/ignore', '/api/issues/issue-1/unignore']);
  });
});
