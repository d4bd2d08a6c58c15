import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Body, Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';
import type { AssignableRole } from './permissions';

export type Team = Schemas['TeamDto'];
export type TeamDetail = Schemas['TeamDetailDto'];
export type TeamMember = Schemas['TeamMemberDto'];
export type Invitation = Schemas['InvitationDto'];

export const teamKeys = {
  all: ['teams'] as const,
  list: ['teams', 'list'] as const,
  detail: (id: string) => ['teams', 'detail', id] as const,
};

export function useTeams() {
  const api = useApi();
  return useQuery({ queryKey: teamKeys.list, queryFn: ({ signal }) => api.get('/api/teams', { signal }) });
}

export function useTeam(teamId: string) {
  const api = useApi();
  return useQuery({ queryKey: teamKeys.detail(teamId), queryFn: ({ signal }) => api.get('/api/teams/{teamId}', { path: { teamId }, signal }) });
}

export function useCreateTeam() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'post', '/api/teams'>) => api.post('/api/teams', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.list }),
  });
}

/** Every change to a team's members or invitations refreshes the team (and the list, whose roles may change). */
function useTeamMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useInvite(teamId: string) {
  const api = useApi();
  return useTeamMutation((body: { email: string; role: AssignableRole }) => api.post('/api/teams/{teamId}/invitations', { path: { teamId }, body }));
}

export function useResendInvitation(teamId: string) {
  const api = useApi();
  return useTeamMutation((invitationId: string) => api.post('/api/teams/{teamId}/invitations/{invitationId}/resend', { path: { teamId, invitationId } }));
}

export function useRevokeInvitation(teamId: string) {
  const api = useApi();
  return useTeamMutation((invitationId: string) => api.post('/api/teams/{teamId}/invitations/{invitationId}/revoke', { path: { teamId, invitationId } }));
}

export function useChangeRole(teamId: string) {
  const api = useApi();
  return useTeamMutation(({ userId, role }: { userId: string; role: AssignableRole }) =>
    api.patch('/api/teams/{teamId}/members/{userId}', { path: { teamId, userId }, body: { role } }),
  );
}

export function useRemoveMember(teamId: string) {
  const api = useApi();
  return useTeamMutation((userId: string) => api.delete('/api/teams/{teamId}/members/{userId}', { path: { teamId, userId } }));
}

export function useTransferOwnership(teamId: string) {
  const api = useApi();
  return useTeamMutation((userId: string) => api.post('/api/teams/{teamId}/transfer', { path: { teamId }, body: { userId } }));
}

export function useLeaveTeam(teamId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/teams/{teamId}/leave', { path: { teamId } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: teamKeys.detail(teamId) });
      // The team's sites disappear from the list too.
      return Promise.all([queryClient.invalidateQueries({ queryKey: teamKeys.list }), queryClient.invalidateQueries({ queryKey: ['sites'] })]);
    },
  });
}

/** The team's sites among those the caller reaches (the API has no per-team site list). */
export function useAllSites() {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'list', 'all'],
    queryFn: ({ signal }) => api.get('/api/connections', { query: { page: 1, pageSize: 100 }, signal }),
  });
}

export function useMoveSite() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ siteId, teamId }: { siteId: string; teamId: string | null }) => api.patch('/api/connections/{id}', { path: { id: siteId }, body: { teamId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sites'] }),
  });
}

export type InvitationPreview = Schemas['InvitationPreviewDto'];

/** What an invitation link is about (team, role, sender) and whether it is the signed-in user's. */
export function useInvitationPreview(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api.post('/api/invitations/preview', { body: { token } }),
    enabled: token !== '',
    retry: false,
  });
}

export function useAcceptInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post('/api/invitations/accept', { body: { token } }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: teamKeys.all }), queryClient.invalidateQueries({ queryKey: ['sites'] })]),
  });
}

export function useDeclineInvitation() {
  const api = useApi();
  return useMutation({ mutationFn: (token: string) => api.post('/api/invitations/decline', { body: { token } }) });
}
