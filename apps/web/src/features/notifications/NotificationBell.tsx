import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../app/api-context';
import { useAuth } from '../../auth/auth-context';
import { useNotify } from '../../components/Announcer';
import { BellIcon } from '../../components/icons';
import { notificationKeys, useUnreadCount } from './api';
import { followNotifications, type StreamDeps } from './stream';

type StreamFetch = StreamDeps['fetch'];

/**
 * The shell's bell: unread count, kept live by the notification stream. A new notification refreshes
 * the count and any open list, and is announced as a toast (which screen readers hear too).
 */
export function NotificationBell({ streamFetch }: { streamFetch?: StreamFetch }) {
  const api = useApi();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [live, setLive] = useState(false);
  const unread = useUnreadCount(live);
  const signedIn = session !== null;

  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    void followNotifications(
      {
        session: () => api.session,
        refresh: (stale) => api.refresh(stale),
        fetch: streamFetch ?? ((input, init) => globalThis.fetch(input, init)),
        onStatus: setLive,
        onNotification: (notification) => {
          void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
          notify(notification.title, 'info');
        },
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, queryClient, notify, signedIn, streamFetch]);

  const count = unread.data ?? 0;
  const label = count === 0 ? 'Notifications' : `Notifications, ${count} unread`;
  return (
    <Link to="/notifications" className="icon-button bell" aria-label={label} title={label} data-testid="notification-bell">
      <BellIcon />
      {count > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
