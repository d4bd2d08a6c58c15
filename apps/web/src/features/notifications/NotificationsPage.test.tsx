import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { NotificationBell } from './NotificationBell';
import { NotificationsPage } from './NotificationsPage';

function note(id: string, read: boolean, extra: Record<string, unknown> = {}) {
  return { id, type: 'crawl.completed', title: `Crawl ${id} finished`, message: '12 pages, 3 open issues', link: '/sites/site-1', icon: null, color: null, read, readAt: null, createdAt: new Date().toISOString(), ...extra };
}

describe('Notifications', () => {
  it('lists notifications, marks one and then all as read', async () => {
    const user = userEvent.setup();
    let items = [note('a', false), note('b', false, { link: 'https://evil.example/' }), note('c', true)];
    const page = () => json(200, { items, total: items.length, page: 1, pageSize: 20, unread: items.filter((n) => !n.read).length });
    const { client, requests } = createTestClient({
      'GET /api/notifications': page,
      'POST /api/notifications/a/read': () => {
        items = items.map((n) => (n.id === 'a' ? { ...n, read: true } : n));
        return json(200, items[0]);
      },
      'POST /api/notifications/read-all': () => {
        const updated = items.filter((n) => !n.read).length;
        items = items.map((n) => ({ ...n, read: true }));
        return json(200, { updated });
      },
    });
    renderWithProviders(client, <NotificationsPage />, '/notifications');

    expect(await screen.findByRole('link', { name: 'Crawl a finished' })).toHaveAttribute('href', '/sites/site-1');
    // Links that leave the dashboard are not followed.
    expect(screen.queryByRole('link', { name: 'Crawl b finished' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unread (2)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Mark “Crawl a finished” as read' }));
    expect(await screen.findByRole('button', { name: 'Unread (1)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('1 notification marked as read.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Unread' })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/notifications/a/read', '/api/notifications/read-all']);
  });

  it('shows an empty state for the unread filter', async () => {
    const { client } = createTestClient({ 'GET /api/notifications': () => json(200, { items: [], total: 0, page: 1, pageSize: 20, unread: 0 }) });
    renderWithProviders(client, <NotificationsPage />, '/notifications?filter=unread');
    expect(await screen.findByText('You are all caught up')).toBeInTheDocument();
  });

  it('bell: shows the unread count and updates it when the stream delivers a notification', async () => {
    let unread = 2;
    let push: ((text: string) => void) | undefined;
    const streamFetch = () =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              push = (text) => controller.enqueue(new TextEncoder().encode(text));
              push('event: ready\ndata: {}\n\n');
            },
          }),
          { status: 200 },
        ),
      );
    const { client } = createTestClient({
      'GET /api/notifications': () => json(200, { items: [], total: unread, page: 1, pageSize: 1, unread }),
    });
    renderWithProviders(client, <NotificationBell streamFetch={streamFetch} />, '/');
    const bell = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(bell).toHaveAttribute('href', '/notifications');
    expect(within(bell).getByText('2')).toBeInTheDocument();

    unread = 3;
    push?.(`event: notification\ndata: ${JSON.stringify(note('z', false, { title: 'Fix applied on bakery.example' }))}\n\n`);
    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(screen.getByText('Fix applied on bakery.example')).toBeInTheDocument();
  });
});
