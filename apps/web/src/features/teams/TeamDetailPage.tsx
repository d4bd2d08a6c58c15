import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { DetailLoadError, ErrorState } from '../../components/ErrorState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/Field';
import { ArrowLeftIcon, GlobeIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { useFormErrors } from '../../lib/use-form-errors';
import { validateEmail } from '../auth/validation';
import { UpgradeHint } from '../billing/upgrade';
import {
  useAllSites, useChangeRole, useInvite, useLeaveTeam, useMoveSite, useRemoveMember, useResendInvitation, useRevokeInvitation, useTeam,
  useTransferOwnership, type Invitation, type TeamDetail, type TeamMember,
} from './api';
import { ASSIGNABLE_ROLES, can, ROLE_DESCRIPTIONS, ROLE_LABELS, type AssignableRole } from './permissions';

const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function BackToTeams() {
  return (
    <Link to="/teams" className="back-link">
      <ArrowLeftIcon /> Teams
    </Link>
  );
}

export function TeamDetailPage() {
  const { teamId = '' } = useParams();
  const team = useTeam(teamId);
  if (team.isPending) return <LoadingState label="Loading the team…" />;
  if (team.isError) {
    return (
      <DetailLoadError
        error={team.error}
        onRetry={() => void team.refetch()}
        noun="Team"
        eyebrow={<BackToTeams />}
        notFoundMessage="This team does not exist or you are no longer a member."
        back={{ to: '/teams', label: 'Back to your teams' }}
      />
    );
  }
  return <TeamDetailView team={team.data} />;
}

function TeamDetailView({ team }: { team: TeamDetail }) {
  const canManage = can(team.role, 'members:manage');
  const pending = team.invitations.filter((invitation) => invitation.status === 'PENDING');
  const seatsUsed = team.members.length + pending.length;
  return (
    <>
      <PageHeader
        eyebrow={<BackToTeams />}
        title={team.name}
        description={
          <>
            Your role: <strong>{ROLE_LABELS[team.role]}</strong> ({ROLE_DESCRIPTIONS[team.role]}) · {seatsUsed} of {team.seatLimit} seats used
          </>
        }
      />
      <MembersSection team={team} canManage={canManage} />
      {canManage ? <InviteForm team={team} seatsLeft={team.seatLimit - seatsUsed} /> : null}
      {canManage ? <InvitationsSection team={team} invitations={pending} /> : null}
      <TeamSitesSection team={team} />
      <LeaveOrTransfer team={team} />
    </>
  );
}

function MembersSection({ team, canManage }: { team: TeamDetail; canManage: boolean }) {
  const { user } = useAuth();
  const changeRole = useChangeRole(team.id);
  const remove = useRemoveMember(team.id);
  const notify = useNotify();
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const label = (member: TeamMember) => member.name || member.email;

  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title" className="card__title">
        Members
      </h2>
      {changeRole.isError ? (
        <Alert tone="error" title="Could not change the role">
          {errorMessage(changeRole.error)}
        </Alert>
      ) : null}
      <div className="table-wrap">
        <table className="table table--responsive">
          <caption className="visually-hidden">Members of {team.name}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {team.members.map((member) => {
              const isSelf = member.userId === user?.id;
              const editable = canManage && member.role !== 'OWNER' && !isSelf;
              return (
                <tr key={member.userId}>
                  <th scope="row" data-label="Member">
                    {member.name ? <span className="member-name">{member.name}</span> : null}
                    <span className={member.name ? 'cell-note' : undefined}>{member.email}</span>
                    {isSelf ? <span className="cell-note">That’s you</span> : null}
                  </th>
                  <td data-label="Role">
                    {editable ? (
                      <SelectField
                        inline
                        label={`Role of ${label(member)}`}
                        className="field--label-hidden"
                        value={member.role}
                        options={ROLE_OPTIONS}
                        disabled={changeRole.isPending}
                        onChange={(event) =>
                          changeRole.mutate(
                            { userId: member.userId, role: event.target.value as AssignableRole },
                            { onSuccess: (updated) => notify(`${label(member)} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`) },
                          )
                        }
                      />
                    ) : (
                      <Badge tone={member.role === 'OWNER' ? 'accent' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>
                    )}
                  </td>
                  <td data-label="Joined">
                    <RelativeTime value={member.joinedAt} />
                  </td>
                  {canManage ? (
                    <td className="actions">
                      {editable ? (
                        <Button size="sm" variant="danger" onClick={() => setRemoving(member)} aria-label={`Remove ${label(member)}`}>
                          Remove
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing ? label(removing) : ''} from ${team.name}?`}
        confirmLabel="Remove member"
        {...mutationDialogProps(remove, () => setRemoving(null))}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.userId, {
            onSuccess: () => {
              notify(`${label(removing)} was removed from the team.`);
              setRemoving(null);
            },
          });
        }}
      >
        <p>They lose access to the team’s sites at once. You can invite them again later.</p>
      </ConfirmDialog>
    </section>
  );
}

type InviteField = 'email' | 'role';
const INVITE_FIELD_IDS: Record<InviteField, string> = { email: 'invite-email', role: 'invite-role' };
const INVITE_SERVER_FIELDS = { email: { field: 'email', label: 'Email' }, role: { field: 'role', label: 'Role' } } as const;

function InviteForm({ team, seatsLeft }: { team: TeamDetail; seatsLeft: number }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AssignableRole>('MEMBER');
  const { errors, summary, summaryRef, check, showServerError, failedOnServer } = useFormErrors(INVITE_FIELD_IDS, INVITE_SERVER_FIELDS);
  const invite = useInvite(team.id);
  const notify = useNotify();
  const full = seatsLeft <= 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const emailError = validateEmail(email);
    if (!check(emailError ? { email: emailError } : {})) return;
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (invitation) => {
          notify(`Invitation sent to ${invitation.email}.`);
          setEmail('');
          invite.reset();
        },
        onError: showServerError,
      },
    );
  };

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title" className="card__title">
        Invite someone
      </h2>
      <p className="card__text">We email them a link that is valid for a week. They sign in (or create an account) and accept.</p>
      {full ? (
        <UpgradeHint plan={team.ownerPlan} limit="teamSeats" whose={team.role === 'OWNER' ? 'Your plan' : 'The team owner’s plan'}>
          <span id="invite-full">
            <strong>Every seat is taken</strong> (members and pending invitations): revoke an invitation or remove a member to free one.
          </span>
        </UpgradeHint>
      ) : null}
      <form className="form form--wide" onSubmit={onSubmit} noValidate aria-labelledby="invite-title" aria-describedby={full ? 'invite-full' : undefined}>
        <fieldset className="fieldset-plain" disabled={full}>
        <ErrorSummary ref={summaryRef} title={failedOnServer ? 'The invitation could not be sent' : 'Please fix the following'} items={summary} />
        <div className="grid-2">
          <TextField id="invite-email" label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
          <SelectField
            id="invite-role"
            label="Role"
            hint={ROLE_DESCRIPTIONS[role]}
            value={role}
            options={ROLE_OPTIONS}
            error={errors.role}
            onChange={(e) => setRole(e.target.value as AssignableRole)}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={invite.isPending} disabled={full}>
            Send invitation
          </Button>
        </div>
        </fieldset>
      </form>
    </section>
  );
}

const INVITATION_TONE: Record<Invitation['status'], BadgeTone> = {
  PENDING: 'info',
  ACCEPTED: 'success',
  DECLINED: 'neutral',
  EXPIRED: 'warning',
  REVOKED: 'neutral',
};

function InvitationsSection({ team, invitations }: { team: TeamDetail; invitations: Invitation[] }) {
  const resend = useResendInvitation(team.id);
  const revoke = useRevokeInvitation(team.id);
  const notify = useNotify();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  return (
    <section className="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title" className="card__title">
        Pending invitations
      </h2>
      {resend.isError ? (
        <Alert tone="error" title="Could not resend the invitation">
          {errorMessage(resend.error)}
        </Alert>
      ) : null}
      {invitations.length === 0 ? (
        <p className="muted">No invitations are waiting for an answer.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--responsive">
            <caption className="visually-hidden">Pending invitations to {team.name}</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" data-label="Email">
                    {invitation.email}
                  </th>
                  <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
                  <td data-label="Expires">
                    <RelativeTime value={invitation.expiresAt} />
                  </td>
                  <td data-label="Status">
                    <Badge tone={INVITATION_TONE[invitation.status]}>{invitation.status === 'PENDING' ? 'Waiting' : invitation.status.toLowerCase()}</Badge>
                  </td>
                  <td className="actions">
                    <Button
                      size="sm"
                      variant="secondary"
                      loading={resend.isPending && resend.variables === invitation.id}
                      onClick={() => resend.mutate(invitation.id, { onSuccess: () => notify(`Invitation sent again to ${invitation.email}.`) })}
                      aria-label={`Resend the invitation to ${invitation.email}`}
                    >
                      Resend
                    </Button>
                    <Button size="sm" variant="danger" onClick={() => setRevoking(invitation)} aria-label={`Revoke the invitation to ${invitation.email}`}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the invitation to ${revoking?.email ?? ''}?`}
        confirmLabel="Revoke invitation"
        {...mutationDialogProps(revoke, () => setRevoking(null))}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notify(`Invitation to ${revoking.email} revoked.`);
              setRevoking(null);
            },
          });
        }}
      >
        <p>The link in their email stops working. You can invite them again later.</p>
      </ConfirmDialog>
    </section>
  );
}

function TeamSitesSection({ team }: { team: TeamDetail }) {
  const sites = useAllSites();
  const move = useMoveSite();
  const notify = useNotify();
  const [choice, setChoice] = useState('');
  const canMoveIn = can(team.role, 'site:manage');

  const inTeam = sites.data?.items.filter((site) => site.teamId === team.id) ?? [];
  // Sites the caller may move: their own or ones they manage elsewhere, not already here.
  const movable = sites.data?.items.filter((site) => site.teamId !== team.id && can(site.role, 'site:manage')) ?? [];

  const onMove = (event: FormEvent) => {
    event.preventDefault();
    const site = movable.find((s) => s.id === choice);
    if (!site) return;
    move.mutate(
      { siteId: site.id, teamId: team.id },
      {
        onSuccess: () => {
          notify(`${site.displayName ?? site.domain} now belongs to ${team.name}.`);
          setChoice('');
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="team-sites-title">
      <h2 id="team-sites-title" className="card__title">
        Sites of this team
      </h2>
      {sites.isPending ? (
        <LoadingState label="Loading sites…" />
      ) : sites.isError ? (
        <ErrorState title="Could not load the sites" error={sites.error} onRetry={() => void sites.refetch()} />
      ) : (
        <>
          {inTeam.length === 0 ? (
            <EmptyState title="No sites in this team yet" icon={<GlobeIcon />}>
              <p>{canMoveIn ? 'Move one of your sites here, or add a new site and choose this team.' : 'An owner or admin can move sites into the team.'}</p>
            </EmptyState>
          ) : (
            <ul className="link-list">
              {inTeam.map((site) => (
                <li key={site.id}>
                  <Link to={`/sites/${site.id}`}>{site.displayName ?? site.domain}</Link>
                  {site.displayName ? <span className="muted"> · {site.domain}</span> : null}
                </li>
              ))}
            </ul>
          )}
          {canMoveIn && movable.length > 0 ? (
            <form className="form inline-form" onSubmit={onMove}>
              <SelectField
                label="Move a site into this team"
                hint="Members of the team get access to it according to their role."
                value={choice}
                options={[{ value: '', label: 'Choose a site…' }, ...movable.map((site) => ({ value: site.id, label: site.displayName ?? site.domain }))]}
                onChange={(event) => setChoice(event.target.value)}
              />
              <div className="form-actions">
                <Button type="submit" variant="secondary" disabled={!choice} loading={move.isPending}>
                  Move site
                </Button>
              </div>
            </form>
          ) : null}
          {move.isError ? (
            <Alert tone="error" title="Could not move the site">
              {errorMessage(move.error)}
            </Alert>
          ) : null}
        </>
      )}
    </section>
  );
}

function LeaveOrTransfer({ team }: { team: TeamDetail }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const notify = useNotify();
  const leave = useLeaveTeam(team.id);
  const transfer = useTransferOwnership(team.id);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [newOwner, setNewOwner] = useState('');
  const [confirmTransfer, setConfirmTransfer] = useState(false);
  const candidates = team.members.filter((member) => member.userId !== user?.id);
  const target = candidates.find((member) => member.userId === newOwner);
  const isOwner = team.role === 'OWNER';

  return (
    <section className="card" aria-labelledby="team-danger-title">
      <h2 id="team-danger-title" className="card__title">
        {isOwner ? 'Ownership' : 'Leave the team'}
      </h2>
      {isOwner && can(team.role, 'ownership:transfer') ? (
        candidates.length === 0 ? (
          <p className="muted">Once someone has joined, you can hand the team over to them. The owner cannot leave before that.</p>
        ) : (
          <form
            className="form inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (target) setConfirmTransfer(true);
            }}
            aria-label="Transfer ownership"
          >
            <SelectField
              label="Transfer ownership to"
              hint="You become an admin; the new owner controls billing and can remove you."
              value={newOwner}
              options={[{ value: '', label: 'Choose a member…' }, ...candidates.map((m) => ({ value: m.userId, label: m.name ? `${m.name} (${m.email})` : m.email }))]}
              onChange={(event) => setNewOwner(event.target.value)}
            />
            <div className="form-actions">
              <Button type="submit" variant="danger" disabled={!target}>
                Transfer ownership
              </Button>
            </div>
          </form>
        )
      ) : (
        <div className="danger-zone">
          <div>
            <h3 className="danger-zone__title">Leave {team.name}</h3>
            <p className="danger-zone__text">You lose access to the team’s sites. Someone will have to invite you again.</p>
          </div>
          <Button variant="danger" onClick={() => setConfirmLeave(true)}>
            Leave team
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirmTransfer}
        title={`Make ${target?.name || target?.email || ''} the owner of ${team.name}?`}
        confirmLabel="Transfer ownership"
        {...mutationDialogProps(transfer, () => setConfirmTransfer(false))}
        onConfirm={() =>
          transfer.mutate(newOwner, {
            onSuccess: () => {
              notify(`${target?.email ?? 'The member'} now owns ${team.name}.`);
              setConfirmTransfer(false);
              setNewOwner('');
            },
          })
        }
      >
        <p>Only the new owner can give it back.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmLeave}
        title={`Leave ${team.name}?`}
        confirmLabel="Leave team"
        {...mutationDialogProps(leave, () => setConfirmLeave(false))}
        onConfirm={() =>
          leave.mutate(undefined, {
            onSuccess: () => {
              notify(`You left ${team.name}.`);
              void navigate('/teams');
            },
          })
        }
      >
        <p>You lose access to the team’s sites at once.</p>
      </ConfirmDialog>
    </section>
  );
}
