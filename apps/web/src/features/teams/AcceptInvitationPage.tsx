import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type TeamRoleName } from './permissions';
import { useAcceptInvitation, useDeclineInvitation, useInvitationPreview, type InvitationPreview } from './api';

/**
 * Where the invitation email links to (APP_URL/invitations/accept?token=...). The route sits behind the
 * sign-in guard, which brings a signed-out visitor back here after signing in or up.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const { user, signOut } = useAuth();
  const preview = useInvitationPreview(token);
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

  if (preview.isPending) return <LoadingState label="Reading the invitation…" />;
  if (preview.isError && preview.error instanceof ApiError && preview.error.status === 404) {
    return (
      <>
        <PageHeader title="Team invitation" />
        <Alert tone="error" title="This invitation link is not valid.">
          It may have been replaced by a newer email, or revoked. Ask the person who invited you to send it again.
        </Alert>
      </>
    );
  }
  // Any other failure to read it leaves the answer buttons: accepting tells the whole story too.
  const invitation = preview.data ?? null;
  const signOutButton = (
    <Button variant="secondary" size="sm" onClick={() => signOut()}>
      Sign in with another account
    </Button>
  );
  const answered = invitation !== null && invitation.status !== 'PENDING' ? ANSWERED[invitation.status] : null;
  const canAnswer = answered === null && (invitation === null || invitation.forYou);

  return (
    <>
      <PageHeader
        title={invitation ? `Join ${invitation.teamName}` : 'Join a team'}
        description={
          invitation ? (
            <>
              {invitation.invitedBy} invited <strong>{invitation.email}</strong> to the team {invitation.teamName} as {roleLabel(invitation.role)}. You are signed
              in as <strong>{user?.email ?? '…'}</strong>.
            </>
          ) : (
            <>
              You have been invited to a team on Seology. Accepting gives you access to the team’s sites with the role the invitation names. You are signed in as{' '}
              <strong>{user?.email ?? '…'}</strong>.
            </>
          )
        }
      />
      {answered ? (
        <Alert tone={answered.tone} title={answered.title}>
          {answered.text} <Link to="/teams">Go to your teams</Link>
        </Alert>
      ) : null}
      {invitation && !invitation.forYou && !answered ? (
        <Alert tone="warning" title={`This invitation is for ${invitation.email}.`} actions={signOutButton}>
          Only the account with that address can answer it. Sign in with it, or ask {invitation.invitedBy} to invite this address instead.
        </Alert>
      ) : null}
      {failure ? (
        <Alert
          tone="error"
          title={accept.isError ? 'Could not accept the invitation' : 'Could not decline the invitation'}
          // Sent to another address: the way out is the account that has it.
          actions={failure instanceof ApiError && failure.status === 403 ? signOutButton : undefined}
        >
          {errorMessage(failure)}
        </Alert>
      ) : null}
      {canAnswer ? (
        <section className="card" aria-label="Your answer">
          <p className="card__text">
            {invitation
              ? `${roleLabel(invitation.role)}: ${ROLE_DESCRIPTIONS[invitation.role as TeamRoleName] ?? ''}`
              : 'The invitation was sent to one email address; it can only be answered from the account with that address.'}
          </p>
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
      ) : null}
    </>
  );
}

const ANSWERED: Record<Exclude<InvitationPreview['status'], 'PENDING'>, { tone: 'info' | 'error'; title: string; text: string }> = {
  ACCEPTED: { tone: 'info', title: 'This invitation was already accepted.', text: 'Its team is in your list if you accepted it.' },
  DECLINED: { tone: 'info', title: 'This invitation was declined.', text: 'The team can invite you again.' },
  REVOKED: { tone: 'error', title: 'This invitation was withdrawn.', text: 'Ask a team admin if you should still join.' },
  EXPIRED: { tone: 'error', title: 'This invitation has expired.', text: 'Invitations are valid for a week: ask a team admin to resend it.' },
};

function roleLabel(role: string): string {
  return ROLE_LABELS[role as TeamRoleName] ?? role;
}
