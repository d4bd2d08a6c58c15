import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { User } from '../../api/session';
import { useApi } from '../../app/api-context';
import { meQueryKey, useAuth } from '../../auth/auth-context';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { userTimeZone } from '../../lib/format';
import { useFormErrors } from '../../lib/use-form-errors';
import { PLAN_LABELS } from '../billing/plans';

export function ProfilePage() {
  const { user } = useAuth();
  return (
    <>
      <PageHeader title="Profile" description="The account you are signed in with." />
      {!user ? (
        <LoadingState label="Loading your profile…" />
      ) : (
        <>
          <section className="card" aria-labelledby="profile-title">
            <h2 id="profile-title" className="card__title">
              Account
            </h2>
            <dl className="details">
              <div>
                <dt>Name</dt>
                <dd>{user.name || <span className="muted">Not set</span>}</dd>
              </div>
              <div>
                <dt>Email</dt>
                <dd>{user.email}</dd>
              </div>
              <div>
                <dt>Plan</dt>
                <dd>
                  {PLAN_LABELS[user.plan]} · <Link to="/billing">Billing and usage</Link>
                </dd>
              </div>
              <div>
                <dt>Member since</dt>
                <dd>
                  <RelativeTime value={user.createdAt} />
                </dd>
              </div>
              <div>
                <dt>Time zone</dt>
                <dd>
                  {userTimeZone()} <span className="muted">(your browser’s; every time in the dashboard is shown in it)</span>
                </dd>
              </div>
              {user.role === 'ADMIN' ? (
                <div>
                  <dt>Access</dt>
                  <dd>Platform administrator</dd>
                </div>
              ) : null}
            </dl>
            <p className="card__text muted">Contact support to change your email address.</p>
          </section>
          <NameForm user={user} />
          <PasswordForm />
        </>
      )}
    </>
  );
}

const NAME_IDS = { name: 'profile-name' };
const NAME_SERVER_FIELDS = { name: { field: 'name', label: 'Name' } } as const;

function NameForm({ user }: { user: User }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [name, setName] = useState(user.name ?? '');
  const { errors, summary, summaryRef, check, showServerError, failedOnServer } = useFormErrors(NAME_IDS, NAME_SERVER_FIELDS);
  const save = useMutation({
    mutationFn: (next: string) => api.patch('/api/auth/me', { body: { name: next } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(meQueryKey, updated);
      notify(updated.name ? `Your name is now ${updated.name}.` : 'Your name was removed.');
    },
    onError: showServerError,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(name.trim().length > 100 ? { name: 'Use at most 100 characters.' } : {})) return;
    save.mutate(name);
  };
  return (
    <section className="card" aria-labelledby="name-title">
      <h2 id="name-title" className="card__title">
        Your name
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="name-title">
        <ErrorSummary ref={summaryRef} title={failedOnServer ? 'Your name could not be saved' : 'Please fix the following'} items={summary} />
        <TextField id={NAME_IDS.name} label="Name" hint="Shown to the members of your teams. Leave it empty to remove it." autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} optional />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={save.isPending}>
            Save name
          </Button>
        </div>
      </form>
    </section>
  );
}

type PasswordField = 'currentPassword' | 'newPassword';
const PASSWORD_IDS: Record<PasswordField, string> = { currentPassword: 'profile-current-password', newPassword: 'profile-new-password' };
const PASSWORD_SERVER_FIELDS = {
  currentPassword: { field: 'currentPassword', label: 'Current password' },
  newPassword: { field: 'newPassword', label: 'New password' },
} as const;
export const PASSWORD_CHANGED_MESSAGE = 'Your password was changed and every session was signed out. Sign in with your new password.';

function PasswordForm() {
  const api = useApi();
  const { signOut } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { errors, summary, summaryRef, check, showServerError, failedOnServer } = useFormErrors(PASSWORD_IDS, PASSWORD_SERVER_FIELDS);
  const change = useMutation({
    mutationFn: () => api.post('/api/auth/me/password', { body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => signOut(PASSWORD_CHANGED_MESSAGE),
    onError: showServerError,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<PasswordField, string>> = {};
    if (!current) found.currentPassword = 'Enter the password you sign in with now.';
    if (next.length < 10) found.newPassword = 'Use at least 10 characters; a few unrelated words work well.';
    else if (next === current) found.newPassword = 'Choose a password different from the current one.';
    if (!check(found)) return;
    change.mutate();
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title" className="card__title">
        Password
      </h2>
      <p className="card__text">Changing it signs you out everywhere, here too: sign in again with the new password.</p>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
        <ErrorSummary ref={summaryRef} title={failedOnServer ? 'The password could not be changed' : 'Please fix the following'} items={summary} />
        <TextField id={PASSWORD_IDS.currentPassword} label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.currentPassword} required />
        <TextField id={PASSWORD_IDS.newPassword} label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." value={next} onChange={(e) => setNext(e.target.value)} error={errors.newPassword} required />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
