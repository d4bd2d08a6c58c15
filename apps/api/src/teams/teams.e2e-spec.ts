import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { decodeQuotedPrintable, startMailCapture, type MailCapture } from '@seology/scripts/mail-capture';
import type { ApiErrorBody, TeamRoleName } from '@seology/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpUser, type TestApp, until, teardown } from '../testing/test-app';
import type { UsageOverviewDto } from '../usage/dto/usage.dto';
import type { InvitationDto, InvitationPreviewDto, TeamDetailDto, TeamDto, TeamMemberDto } from './dto/team.dto';

type User = Awaited<ReturnType<typeof signUpUser>>;

describe('teams, invitations and the permission matrix (e2e: API + worker + real SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let mail: MailCapture;

  beforeAll(async () => {
    mail = await startMailCapture();
    t = await createTestApp({ SMTP_URL: mail.url, SSRF_ALLOW_HOSTS: '127.0.0.1', APP_URL: 'https://app.seology.test' });
    const { WorkerModule } = await import('../worker/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  });
  afterAll(async () => {
    await teardown([
      ['worker', () => worker?.close()],
      ['API and test database', () => t?.close()],
      ['SMTP server', () => mail?.close()],
    ]);
  });

  /** Waits for the n-th email to `to` and returns the invitation token in its link. */
  async function invitationToken(to: string, nth = 1): Promise<string> {
    const mails = await until(() => mail.inbox.filter((m) => m.to.includes(to.toLowerCase())), (list) => list.length >= nth);
    const match = decodeQuotedPrintable(mails[nth - 1]!.raw).match(/https:\/\/app\.seology\.test\/invitations\/accept\?token=([A-Za-z0-9_%-]+)/);
    expect(match).not.toBeNull();
    return decodeURIComponent(match![1]!);
  }

  async function teamOf(owner: User, plan: 'FREE' | 'STARTER' | 'PRO' | 'AGENCY' = 'PRO'): Promise<string> {
    await t.prisma.user.update({ where: { id: owner.id }, data: { plan } });
    const team = (await t.http().post('/api/teams').set(owner.auth).send({ name: 'Acme Marketing' }).expect(201)).body as TeamDto;
    expect(team).toMatchObject({ role: 'OWNER', ownerId: owner.id });
    return team.id;
  }

  async function addMember(teamId: string, user: User, role: TeamRoleName): Promise<void> {
    await t.prisma.teamMember.create({ data: { teamId, userId: user.id, role } });
  }

  it('invites by email through SMTP; only the invited address can accept, once', async () => {
    const owner = await signUpUser(t, 'owner');
    const invitee = await signUpUser(t, 'invitee');
    const stranger = await signUpUser(t, 'stranger');
    const teamId = await teamOf(owner);

    const invitation = (await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth)
      .send({ email: invitee.email, role: 'MEMBER' }).expect(201)).body as InvitationDto;
    expect(invitation).toMatchObject({ email: invitee.email, role: 'MEMBER', status: 'PENDING' });
    const expiresIn = new Date(invitation.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(6.9 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 86_400_000);
    await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: invitee.email, role: 'VIEWER' }).expect(409);
    await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: invitee.email, role: 'OWNER' }).expect(400);

    const token = await invitationToken(invitee.email);
    expect(await t.prisma.notification.count({ where: { userId: invitee.id, type: 'invitation.received' } })).toBe(1);
    const row = await t.prisma.teamInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    // The link's page can say what it is about before anyone answers: team, role, sender, and whose it is.
    const preview = (await t.http().post('/api/invitations/preview').set(invitee.auth).send({ token }).expect(200)).body as InvitationPreviewDto;
    expect(preview).toMatchObject({ id: invitation.id, teamName: expect.any(String) as unknown, role: 'MEMBER', email: invitee.email, invitedBy: owner.email, status: 'PENDING', forYou: true });
    expect(((await t.http().post('/api/invitations/preview').set(stranger.auth).send({ token }).expect(200)).body as InvitationPreviewDto).forYou).toBe(false);
    await t.http().post('/api/invitations/preview').set(invitee.auth).send({ token: 'x'.repeat(43) }).expect(404);
    await t.http().post('/api/invitations/preview').set(invitee.auth).send({ token: 'short' }).expect(400);
    await t.http().post('/api/invitations/preview').send({ token }).expect(401);

    const wrongUser = await t.http().post('/api/invitations/accept').set(stranger.auth).send({ token }).expect(403);
    expect((wrongUser.body as ApiErrorBody).message).toContain('another email address');
    await t.http().post('/api/invitations/accept').set(invitee.auth).send({ token: 'x'.repeat(43) }).expect(404);
    const accepted = await t.http().post('/api/invitations/accept').set(invitee.auth).send({ token }).expect(200);
    expect(accepted.body).toMatchObject({ id: teamId, role: 'MEMBER' });
    await t.http().post('/api/invitations/accept').set(invitee.auth).send({ token }).expect(409);
    expect(((await t.http().post('/api/invitations/preview').set(invitee.auth).send({ token }).expect(200)).body as InvitationPreviewDto).status).toBe('ACCEPTED');

    const detail = (await t.http().get(`/api/teams/${teamId}`).set(owner.auth).expect(200)).body as TeamDetailDto;
    expect(detail.members.map((m) => [m.userId, m.role])).toEqual([[owner.id, 'OWNER'], [invitee.id, 'MEMBER']]);
    expect(detail.invitations[0]).toMatchObject({ status: 'ACCEPTED' });
    expect([detail.seatLimit, detail.ownerPlan]).toEqual([5, 'PRO']);
    // A member sees the team but not its invitations; the team list shows the caller's role.
    expect(((await t.http().get(`/api/teams/${teamId}`).set(invitee.auth).expect(200)).body as TeamDetailDto).invitations).toEqual([]);
    expect((await t.http().get('/api/teams').set(invitee.auth).expect(200)).body).toEqual([expect.objectContaining({ id: teamId, role: 'MEMBER' })]);
    await t.http().get(`/api/teams/${teamId}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/teams/${teamId}/invitations`).set(invitee.auth).expect(403);
  });

  it('resends with a new link, revokes and declines', async () => {
    const owner = await signUpUser(t, 'owner');
    const resent = await signUpUser(t, 'resent');
    const decliner = await signUpUser(t, 'decliner');
    const teamId = await teamOf(owner);

    const first = (await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: resent.email, role: 'VIEWER' }).expect(201)).body as InvitationDto;
    const oldToken = await invitationToken(resent.email, 1);
    await t.prisma.teamInvitation.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    const again = (await t.http().post(`/api/teams/${teamId}/invitations/${first.id}/resend`).set(owner.auth).expect(200)).body as InvitationDto;
    expect(new Date(again.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const newToken = await invitationToken(resent.email, 2);
    expect(newToken).not.toBe(oldToken);
    await t.http().post('/api/invitations/accept').set(resent.auth).send({ token: oldToken }).expect(404);

    const revoked = (await t.http().post(`/api/teams/${teamId}/invitations/${first.id}/revoke`).set(owner.auth).expect(200)).body as InvitationDto;
    expect(revoked.status).toBe('REVOKED');
    const late = await t.http().post('/api/invitations/accept').set(resent.auth).send({ token: newToken }).expect(409);
    expect((late.body as ApiErrorBody).message).toContain('revoked');
    await t.http().post(`/api/teams/${teamId}/invitations/${first.id}/resend`).set(owner.auth).expect(409);

    await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: decliner.email, role: 'ADMIN' }).expect(201);
    const declineToken = await invitationToken(decliner.email);
    expect(((await t.http().post('/api/invitations/decline').set(decliner.auth).send({ token: declineToken }).expect(200)).body as InvitationDto).status).toBe('DECLINED');
    await t.http().post('/api/invitations/accept').set(decliner.auth).send({ token: declineToken }).expect(409);
    const list = (await t.http().get(`/api/teams/${teamId}/invitations`).set(owner.auth).expect(200)).body as InvitationDto[];
    expect(list.map((i) => i.status).sort()).toEqual(['DECLINED', 'REVOKED']);
  });

  it('refuses an expired invitation with 410 and marks it EXPIRED', async () => {
    const owner = await signUpUser(t, 'owner');
    const invitee = await signUpUser(t, 'late');
    const teamId = await teamOf(owner);
    const invitation = (await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: invitee.email, role: 'MEMBER' }).expect(201)).body as InvitationDto;
    const token = await invitationToken(invitee.email);
    await t.prisma.teamInvitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const gone = await t.http().post('/api/invitations/accept').set(invitee.auth).send({ token }).expect(410);
    expect(gone.body).toMatchObject({ code: 'INVITATION_EXPIRED' });
    expect((gone.body as ApiErrorBody).message).toContain('expired');
    expect((await t.prisma.teamInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('EXPIRED');
    await t.http().post('/api/invitations/accept').set(invitee.auth).send({ token }).expect(410);
    expect(await t.prisma.teamMember.count({ where: { teamId, userId: invitee.id } })).toBe(0);
  });

  it('holds invitations to the seats of the owner\'s plan (402 past the limit)', async () => {
    const owner = await signUpUser(t, 'owner');
    const teamId = await teamOf(owner, 'FREE'); // 1 seat: the owner
    const full = await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: 'a@example.com', role: 'MEMBER' }).expect(402);
    expect(full.body).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { meter: 'teamSeats', limit: 1, used: 1 } });
    await t.prisma.user.update({ where: { id: owner.id }, data: { plan: 'STARTER' } }); // 2 seats
    await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: 'b@example.com', role: 'MEMBER' }).expect(201);
    const pendingCounts = await t.http().post(`/api/teams/${teamId}/invitations`).set(owner.auth).send({ email: 'c@example.com', role: 'MEMBER' }).expect(402);
    expect((pendingCounts.body as ApiErrorBody).details).toEqual({ meter: 'teamSeats', limit: 2, used: 2 });
    expect(((await t.http().get('/api/usage').set(owner.auth).expect(200)).body as UsageOverviewDto).meters.teamSeats).toEqual({ used: 2, limit: 2 });
  });

  it('changes roles, removes members, lets members leave and transfers ownership', async () => {
    const owner = await signUpUser(t, 'owner');
    const admin = await signUpUser(t, 'admin');
    const member = await signUpUser(t, 'member');
    const teamId = await teamOf(owner);
    await addMember(teamId, admin, 'ADMIN');
    await addMember(teamId, member, 'MEMBER');

    const ownerLeaves = await t.http().post(`/api/teams/${teamId}/leave`).set(owner.auth).expect(409);
    expect((ownerLeaves.body as ApiErrorBody).message).toContain('transfer ownership');
    const demote = await t.http().patch(`/api/teams/${teamId}/members/${owner.id}`).set(admin.auth).send({ role: 'VIEWER' }).expect(403);
    expect((demote.body as ApiErrorBody).message).toContain('owner');
    await t.http().delete(`/api/teams/${teamId}/members/${owner.id}`).set(admin.auth).expect(403);
    await t.http().patch(`/api/teams/${teamId}/members/${admin.id}`).set(member.auth).send({ role: 'VIEWER' }).expect(403);
    expect(((await t.http().patch(`/api/teams/${teamId}/members/${member.id}`).set(admin.auth).send({ role: 'VIEWER' }).expect(200)).body as TeamMemberDto).role).toBe('VIEWER');
    await t.http().post(`/api/teams/${teamId}/transfer`).set(admin.auth).send({ userId: admin.id }).expect(403);
    await t.http().post(`/api/teams/${teamId}/transfer`).set(owner.auth).send({ userId: 'not-a-member' }).expect(404);

    const transferred = (await t.http().post(`/api/teams/${teamId}/transfer`).set(owner.auth).send({ userId: admin.id }).expect(200)).body as TeamDetailDto;
    expect(transferred.ownerId).toBe(admin.id);
    expect(transferred.role).toBe('ADMIN');
    expect(transferred.members.find((m) => m.userId === admin.id)?.role).toBe('OWNER');
    await t.http().post(`/api/teams/${teamId}/leave`).set(owner.auth).expect(204); // the former owner may leave now
    await t.http().delete(`/api/teams/${teamId}/members/${member.id}`).set(admin.auth).expect(204);
    await t.http().get(`/api/teams/${teamId}`).set(member.auth).expect(404);
    expect(((await t.http().get(`/api/teams/${teamId}`).set(admin.auth).expect(200)).body as TeamDetailDto).members).toHaveLength(1);
  });

  describe('permission matrix through the real endpoints', () => {
    // Written out by hand (not derived from PERMISSIONS) so a change to the matrix has to change this table too.
    const MATRIX: Record<string, Record<TeamRoleName, boolean>> = {
      'read site issues': { OWNER: true, ADMIN: true, MEMBER: true, VIEWER: true },
      'start crawl': { OWNER: true, ADMIN: true, MEMBER: true, VIEWER: false },
      'update site': { OWNER: true, ADMIN: true, MEMBER: false, VIEWER: false },
      'manage members': { OWNER: true, ADMIN: true, MEMBER: false, VIEWER: false },
      'transfer ownership': { OWNER: true, ADMIN: false, MEMBER: false, VIEWER: false },
    };
    const users = {} as Record<TeamRoleName | 'creator' | 'outsider', User>;
    const crawlSite = {} as Record<TeamRoleName | 'outsider', string>;
    let teamId: string;
    let sharedSite: string;

    beforeAll(async () => {
      for (const who of ['OWNER', 'creator', 'ADMIN', 'MEMBER', 'VIEWER', 'outsider'] as const) users[who] = await signUpUser(t, who.toLowerCase());
      teamId = await teamOf(users.OWNER, 'AGENCY');
      // The sites are created by another admin: their creator keeps full rights, so the roles under test never own them.
      await t.prisma.user.update({ where: { id: users.creator.id }, data: { plan: 'AGENCY' } });
      await addMember(teamId, users.creator, 'ADMIN');
      for (const role of ['ADMIN', 'MEMBER', 'VIEWER'] as const) await addMember(teamId, users[role], role);
      const site = async (port: number) =>
        (await t.http().post('/api/connections').set(users.creator.auth)
          .send({ siteUrl: `http://127.0.0.1:${port}/`, platform: 'CUSTOM', teamId }).expect(201)).body as ConnectionDto;
      const shared = await site(1);
      expect(shared.teamId).toBe(teamId);
      sharedSite = shared.id;
      let port = 2;
      for (const role of ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER', 'outsider'] as const) crawlSite[role] = (await site(port++)).id;
    });

    async function attempt(who: TeamRoleName | 'outsider', action: string): Promise<number> {
      const auth = users[who].auth;
      switch (action) {
        case 'read site issues':
          return (await t.http().get(`/api/connections/${sharedSite}/issues`).set(auth)).status;
        case 'start crawl':
          return (await t.http().post(`/api/connections/${crawlSite[who]}/crawls`).set(auth)).status;
        case 'update site':
          return (await t.http().patch(`/api/connections/${sharedSite}`).set(auth).send({ displayName: `renamed by ${who}` })).status;
        case 'manage members':
          return (await t.http().post(`/api/teams/${teamId}/invitations`).set(auth)
            .send({ email: `new-${randomBytes(3).toString('hex')}@example.com`, role: 'VIEWER' })).status;
        case 'transfer ownership':
          return (await t.http().post(`/api/teams/${teamId}/transfer`).set(auth).send({ userId: users.creator.id })).status;
        default:
          throw new Error(`unknown action ${action}`);
      }
    }

    const SUCCESS: Record<string, number> = { 'read site issues': 200, 'start crawl': 201, 'update site': 200, 'manage members': 201, 'transfer ownership': 200 };

    // OWNER last: its allowed transfer changes who owns the team.
    it.each(['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const)('%s may do exactly what the matrix says', async (role) => {
      for (const [action, allowed] of Object.entries(MATRIX)) {
        const status = await attempt(role, action);
        expect({ role, action, status }).toEqual({ role, action, status: allowed[role] ? SUCCESS[action] : 403 });
      }
    });

    it('answers 404 to someone outside the team, for every action', async () => {
      for (const action of Object.keys(MATRIX)) {
        expect({ action, status: await attempt('outsider', action) }).toEqual({ action, status: 404 });
      }
    });

    it('creates or moves a site into a team only for roles that may manage sites', async () => {
      await t.prisma.user.update({ where: { id: users.VIEWER.id }, data: { plan: 'PRO' } });
      const viewer = await t.http().post('/api/connections').set(users.VIEWER.auth).send({ siteUrl: 'http://127.0.0.1:9001/', platform: 'CUSTOM', teamId }).expect(403);
      expect((viewer.body as ApiErrorBody).message).toContain('site:manage');
      await t.http().post('/api/connections').set(users.outsider.auth).send({ siteUrl: 'http://127.0.0.1:9001/', platform: 'CUSTOM', teamId }).expect(404);
      const personal = (await t.http().post('/api/connections').set(users.VIEWER.auth).send({ siteUrl: 'http://127.0.0.1:9002/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
      await t.http().patch(`/api/connections/${personal.id}`).set(users.VIEWER.auth).send({ teamId }).expect(403);
      const moved = (await t.http().patch(`/api/connections/${personal.id}`).set(users.ADMIN.auth).send({ teamId: null })).status;
      expect(moved).toBe(404); // not ADMIN's site and not a team site
      const mine = (await t.http().post('/api/connections').set(users.creator.auth).send({ siteUrl: 'http://127.0.0.1:9003/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
      expect(((await t.http().patch(`/api/connections/${mine.id}`).set(users.creator.auth).send({ teamId }).expect(200)).body as ConnectionDto).teamId).toBe(teamId);
      expect(((await t.http().get(`/api/connections/${mine.id}`).set(users.VIEWER.auth).expect(200)).body as ConnectionDto).teamId).toBe(teamId);
      expect(((await t.http().patch(`/api/connections/${mine.id}`).set(users.creator.auth).send({ teamId: null }).expect(200)).body as ConnectionDto).teamId).toBeNull();
      await t.http().get(`/api/connections/${mine.id}`).set(users.VIEWER.auth).expect(404);
    });
  });
});
