import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Crawl } from './api';
import { classMeaning, IssueClassesChart } from './IssueClassesChart';

const crawl = (id: string, day: number, issueClasses: Crawl['issueClasses'], status: Crawl['status'] = 'COMPLETED'): Crawl => ({
  id, connectionId: 's1', status, jobId: null, pagesCrawled: 5, pagesQueued: 0, issuesFound: issueClasses ? issueClasses.errors + issueClasses.warnings + issueClasses.notices : 0,
  newIssues: 0, resolvedIssues: 0, issueClasses, healthScore: 70, durationMs: 1000, error: null, stats: {}, resumable: false,
  startedAt: `2026-11-0${day}T10:00:00.000Z`, completedAt: `2026-11-0${day}T10:01:00.000Z`, createdAt: `2026-11-0${day}T10:00:00.000Z`,
});

describe('IssueClassesChart', () => {
  it('shows the latest crawl’s errors, warnings and notices with the change since the crawl before', () => {
    // Newest first, as the history lists them; a running crawl and a crawl without counts are left out.
    render(
      <IssueClassesChart
        crawls={[
          crawl('c4', 4, null, 'RUNNING'),
          crawl('c3', 3, { errors: 4, warnings: 7, notices: 2 }),
          crawl('c2', 2, { errors: 6, warnings: 7, notices: 1 }),
          crawl('c1', 1, null),
        ]}
      />,
    );
    const trend = screen.getByRole('list', { name: 'Errors, warnings and notices of the latest crawl, and the change since the crawl before' });
    const [errors, warnings, notices] = within(trend).getAllByRole('listitem');
    expect(errors).toHaveTextContent('Errors4−2critical and high severity');
    expect(warnings).toHaveTextContent('Warnings7no changemedium severity');
    expect(notices).toHaveTextContent('Notices2+1low and info severity');
    // The numbers behind the bars, oldest first, for screen readers.
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['6', '7', '1'],
      ['4', '7', '2'],
    ]);
  });

  it('says when no crawl has been analysed yet', () => {
    render(<IssueClassesChart crawls={[crawl('c1', 1, null)]} />);
    expect(screen.getByText('Errors, warnings and notices appear here once a crawl has been analysed.')).toBeInTheDocument();
  });

  it('names the severities of each class from the shared definition', () => {
    expect([classMeaning('errors'), classMeaning('warnings'), classMeaning('notices')]).toEqual(['critical and high severity', 'medium severity', 'low and info severity']);
  });
});
