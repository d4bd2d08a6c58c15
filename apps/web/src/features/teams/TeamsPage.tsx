import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { TextField } from '../../components/Field';
import { TeamIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { mapServerErrors } from '../../lib/form-errors';
import { useCreateTeam, useTeams } from './api';
import { ROLE_LABELS } from './permissions';

export function TeamsPage() {
  const teams = useTeams();
  return (
    <>
      <PageHeader title="Teams" description="Share sites with colleagues or clients. Each member’s role decides what they can see and change." />
      <CreateTeamForm />
      <section className="card" aria-labelledby="teams-title">
        <h2 id="teams-title" className="card__title">
          Your teams
        </h2>
        {teams.isPending ? (
          <LoadingState label="Loading your teams…" />
        ) : teams.isError ? (
          <ErrorState title="Could not load your teams" error={teams.error} onRetry={() => void teams.refetch()} />
        ) : teams.data.length === 0 ? (
          <EmptyState title="You are not in a team yet" icon={<TeamIcon />}>
            <p>Create a team above, or accept an invitation from someone else’s team.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table--responsive">
              <caption className="visually-hidden">Your teams</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {teams.data.map((team) => (
                  <tr key={team.id}>
                    <th scope="row" data-label="Team">
                      <Link to={`/teams/${team.id}`}>{team.name}</Link>
                    </th>
                    <td data-label="Your role">
                      <Badge tone={team.role === 'OWNER' ? 'accent' : 'neutral'}>{ROLE_LABELS[team.role]}</Badge>
                    </td>
                    <td data-label="Created">
                      <RelativeTime value={team.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

const SERVER_FIELDS = { name: { field: 'name', label: 'Team name' } } as const;

function CreateTeamForm() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const create = useCreateTeam();
  const navigate = useNavigate();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormErrors([]);
    const trimmed = name.trim();
    const found = trimmed.length < 2 ? 'Give the team a name of at least 2 characters, such as your agency or client.' : trimmed.length > 80 ? 'Use at most 80 characters.' : undefined;
    setError(found);
    if (found) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (team) => void navigate(`/teams/${team.id}`),
        onError: (failure) => {
          const mapped = mapServerErrors(failure, SERVER_FIELDS);
          setError(mapped.fields.name);
          setFormErrors(mapped.other);
          requestAnimationFrame(() => summaryRef.current?.focus());
        },
      },
    );
  };

  const summary: SummaryItem[] = [...formErrors.map((message) => ({ message })), ...(error ? [{ message: error, fieldId: 'team-name' }] : [])];
  return (
    <section className="card" aria-labelledby="create-team-title">
      <h2 id="create-team-title" className="card__title">
        Create a team
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="create-team-title">
        <ErrorSummary ref={summaryRef} title={formErrors.length > 0 ? 'The team could not be created' : 'Please fix the following'} items={summary} />
        <TextField id="team-name" label="Team name" value={name} onChange={(e) => setName(e.target.value)} error={error} required maxLength={80} />
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create team
          </Button>
        </div>
      </form>
    </section>
  );
}
