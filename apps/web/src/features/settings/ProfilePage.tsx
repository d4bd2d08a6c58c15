import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/auth-context';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { PLAN_LABELS } from '../billing/plans';

export function ProfilePage() {
  const { user } = useAuth();
  return (
    <>
      <PageHeader title="Profile" description="The account you are signed in with." />
      {!user ? (
        <LoadingState label="Loading your profile…" />
      ) : (
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
              <dd>{formatDateTime(user.createdAt)}</dd>
            </div>
            {user.role === 'ADMIN' ? (
              <div>
                <dt>Access</dt>
                <dd>Platform administrator</dd>
              </div>
            ) : null}
          </dl>
          <p className="card__text muted">Your name and email are set when you sign up; contact support to change your email address.</p>
        </section>
      )}
    </>
  );
}
