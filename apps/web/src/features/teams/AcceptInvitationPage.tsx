import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { useAcceptInvitation, useDeclineInvitation } from './api';

/**
 * Where the invitation email links to (APP_URL/invitations/accept?token=...). The route sits behind the
 * sign-in guard, which brings a signed-out visitor back here after signing in or up.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const { user, signOut } = useAuth();
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const navigate = useNavigate();
  const notify = useNotify();
  const [declined, setDeclined] = useState(false);
  const failure = accept.error ?? decline.error;
  const busy = accept.isPending || decline.isPending;

  if (!token) {
    return (
      <>
        <PageHeader title="Team invitation" />
        <Alert tone="error" title="This invitation link is incomplete.">
          Open the link from the invitation email again, or ask the person who invited you to resend it.
        </Alert>
      </>
    );
  }

  if (declined) {
    return (
      <>
        <PageHeader title="Invitation declined" />
        <Alert tone="info" title="You declined the invitation.">
          The team can invite you again if you change your mind. <Link to="/sites">Go to your sites</Link>
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Join a team"
        description={
          <>
            You have been invited to a team on Seology. Accepting gives you access to the team’s sites with the role the invitation names. You are signed in as{' '}
            <strong>{user?.email ?? '…'}</strong>.
          </>
        }
      />
      {failure ? (
        <Alert
          tone="error"
          title={accept.isError ? 'Could not accept the invitation' : 'Could not decline the invitation'}
          actions={
            // Sent to another address: the way out is the account that has it.
            failure instanceof ApiError && failure.status === 403 ? (
              <Button variant="secondary" size="sm" onClick={signOut}>
                Sign in with another account
              </Button>
            ) : undefined
          }
        >
          {errorMessage(failure)}
        </Alert>
      ) : null}
      <section className="card" aria-label="Your answer">
        <p className="card__text">The invitation was sent to one email address; it can only be answered from the account with that address.</p>
        <div className="form-actions">
          <Button
            variant="primary"
            loading={accept.isPending}
            disabled={busy}
            onClick={() =>
              accept.mutate(token, {
                onSuccess: (team) => {
                  notify(`Welcome to ${team.name}.`);
                  void navigate(`/teams/${team.id}`);
                },
              })
            }
          >
            Accept invitation
          </Button>
          <Button variant="secondary" loading={decline.isPending} disabled={busy} onClick={() => decline.mutate(token, { onSuccess: () => setDeclined(true) })}>
            Decline
          </Button>
        </div>
      </section>
    </>
  );
}
