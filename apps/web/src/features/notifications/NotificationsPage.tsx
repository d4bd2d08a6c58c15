import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { BellIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { userTimeZone } from '../../lib/format';
import { NOTIFICATIONS_PAGE_SIZE, useMarkAllRead, useMarkRead, useNotifications } from './api';
import type { Notification } from './stream';

const TYPE_TONE: Partial<Record<Notification['type'], BadgeTone>> = {
  'crawl.failed': 'danger',
  'fix.failed': 'danger',
  'payment.failed': 'danger',
  'quota.exceeded': 'danger',
  'webhook.disabled': 'warning',
  'quota.warning': 'warning',
  'plan.awaiting_approval': 'info',
  'invitation.received': 'accent',
};

function typeLabel(type: Notification['type']): string {
  const text = type.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Only dashboard paths are followed; anything else stays plain text. */
function safeLink(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';
  const pageNumber = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1;
  const list = useNotifications(page, unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const notify = useNotify();
  const unread = list.data?.unread ?? 0;

  const go = (next: { unread: boolean; page: number }) => {
    const search: Record<string, string> = {};
    if (next.unread) search.filter = 'unread';
    if (next.page > 1) search.page = String(next.page);
    setParams(search);
  };

  return (
    <>
      <PageHeader
        title="Notifications"
        description={`Crawls, fixes, plans waiting for you, quotas and invitations. New ones appear here as they happen. Times are in your time zone, ${userTimeZone()}.`}
        actions={
          unread > 0 ? (
            <Button
              variant="secondary"
              loading={markAll.isPending}
              onClick={() => markAll.mutate(undefined, { onSuccess: (result) => notify(`${result.updated} notification${result.updated === 1 ? '' : 's'} marked as read.`) })}
            >
              Mark all as read
            </Button>
          ) : undefined
        }
      />
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Which notifications">
          <button type="button" aria-pressed={!unreadOnly} onClick={() => go({ unread: false, page: 1 })}>
            All
          </button>
          <button type="button" aria-pressed={unreadOnly} onClick={() => go({ unread: true, page: 1 })}>
            Unread{unread > 0 ? ` (${unread})` : ''}
          </button>
        </div>
      </div>
      {markRead.isError || markAll.isError ? (
        <Alert tone="error" title="Could not mark as read">
          {errorMessage(markRead.error ?? markAll.error)}
        </Alert>
      ) : null}
      {list.isPending ? (
        <LoadingState label="Loading notifications…" />
      ) : list.isError ? (
        <ErrorState title="Could not load your notifications" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={unreadOnly ? 'You are all caught up' : 'No notifications yet'} icon={<BellIcon />}>
          <p>{unreadOnly ? 'Nothing unread.' : 'You will hear about finished crawls, applied fixes and plans that need your approval here.'}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="notification-list" aria-label="Notifications, newest first">
            {list.data.items.map((item) => {
              const link = safeLink(item.link);
              return (
                <li key={item.id} className={`notification ${item.read ? '' : 'notification--unread'}`}>
                  <div className="notification__body">
                    <p className="notification__title">
                      {item.read ? null : <span className="visually-hidden">Unread: </span>}
                      {link ? (
                        <Link to={link} onClick={() => (item.read ? undefined : markRead.mutate(item.id))}>
                          {item.title}
                        </Link>
                      ) : (
                        item.title
                      )}
                    </p>
                    <p className="notification__message">{item.message}</p>
                    <p className="notification__meta">
                      <Badge tone={TYPE_TONE[item.type] ?? 'neutral'}>{typeLabel(item.type)}</Badge> <RelativeTime value={item.createdAt} />
                    </p>
                  </div>
                  {item.read ? null : (
                    <Button
                      size="sm"
                      variant="ghost"
                      loading={markRead.isPending && markRead.variables === item.id}
                      onClick={() => markRead.mutate(item.id)}
                      aria-label={`Mark “${item.title}” as read`}
                    >
                      Mark as read
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageSize={NOTIFICATIONS_PAGE_SIZE} total={list.data.total} noun="notifications" onPageChange={(next) => go({ unread: unreadOnly, page: next })} />
        </>
      )}
    </>
  );
}
