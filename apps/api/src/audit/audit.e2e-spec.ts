import type { ApiErrorBody } from '@seology/contracts';
import type { CreatedApiKeyDto } from '../api-keys/dto/api-key.dto';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpAdmin, signUpUser, type TestApp } from '../testing/test-app';
import type { CreatedWebhookDto } from '../webhooks/dto/webhook.dto';
import type { AuditChainVerificationDto, AuditLogPageDto } from './dto/audit.dto';

/** A list answer, typed as the page the controller returns. */
const auditPage = (res: { body: unknown }) => res.body as AuditLogPageDto;

describe('audit trail (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the actor and the site, and hides routine wizard saves on request', async () => {
    const user = await signUpUser(t);
    await t.prisma.user.update({ where: { id: user.id }, data: { name: 'Ada Lovelace' } });
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', displayName: 'Corner Bakery' }).expect(201)).body as ConnectionDto;
    await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 3 }).expect(200);
    await t.http().patch('/api/auth/me/onboarding').set(user.auth).send({ step: 4 }).expect(200);

    const all = auditPage(await t.http().get('/api/audit-logs').set(user.auth).expect(200));
    const created = all.items.find((r) => r.action === 'connection.create');
    expect(created).toMatchObject({ actorName: 'Ada Lovelace', siteName: 'Corner Bakery', resourceLabel: 'Corner Bakery', connectionId: connection.id });
    expect(all.items.filter((r) => r.action === 'auth.saveOnboarding')).toHaveLength(2);
    const decisions = auditPage(await t.http().get('/api/audit-logs?hideRoutine=true').set(user.auth).expect(200));
    expect(decisions.total).toBe(all.total - 2);
    expect(decisions.items.map((r) => r.action)).not.toContain('auth.saveOnboarding');
    expect(((await t.http().get('/api/audit-logs?hideRoutine=maybe').set(user.auth).expect(400)).body as ApiErrorBody).message).toContain('hideRoutine must be true or false');
  });

  it('records a connection create with actor, ip, user agent, route and the created resource', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth).set('User-Agent', 'audit-e2e/1.0')
      .send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;

    const page = auditPage(await t.http().get('/api/audit-logs?action=connection.create').set(user.auth).expect(200));
    expect(page.total).toBe(1);
    const row = page.items[0];
    expect(row).toMatchObject({
      action: 'connection.create', actorType: 'USER', userId: user.id, resourceId: connection.id, connectionId: connection.id, userAgent: 'audit-e2e/1.0',
    });
    expect(row?.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(row?.after).toMatchObject({ id: connection.id, domain: connection.domain });
    expect(row?.metadata).toMatchObject({ method: 'POST', route: '/api/connections', statusCode: 201 });

    // Filters: by connection, resource type, time window.
    expect(auditPage(await t.http().get(`/api/audit-logs?connectionId=${connection.id}`).set(user.auth)).total).toBe(1);
    expect(auditPage(await t.http().get('/api/audit-logs?resourceType=webhook').set(user.auth)).total).toBe(0);
    expect(auditPage(await t.http().get(`/api/audit-logs?from=${new Date(Date.now() + 60_000).toISOString()}`).set(user.auth)).total).toBe(0);
    // Reads and public routes (sign-in) are not recorded.
    await t.http().post('/api/auth/signin').send({ email: user.email, password: 'correct horse battery' }).expect(200);
    expect(auditPage(await t.http().get('/api/audit-logs').set(user.auth)).total).toBe(1);
  });

  it('records API-key actors, never stores secrets, and keeps each user to their own trail', async () => {
    const owner = await signUpUser(t);
    const other = await signUpUser(t);
    const key = (await t.http().post('/api/api-keys').set(owner.auth).send({ name: 'ci', scopes: ['webhooks:write', 'audit:read'] }).expect(201)).body as CreatedApiKeyDto;
    const hook = (await t.http().post('/api/webhooks').set({ 'X-API-Key': key.key })
      .send({ url: 'http://127.0.0.1:9/hook', events: ['crawl.completed'] }).expect(201)).body as CreatedWebhookDto;

    const rows = auditPage(await t.http().get('/api/audit-logs?action=webhook.create').set({ 'X-API-Key': key.key }).expect(200)).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: 'API_KEY', userId: owner.id, resourceId: hook.id });
    const stored = JSON.stringify(await t.prisma.auditLog.findMany({ where: { userId: owner.id } }), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(stored).not.toContain(hook.secret);
    expect(stored).not.toContain(key.key);

    expect(auditPage(await t.http().get('/api/audit-logs').set(other.auth).expect(200)).total).toBe(0);
    await t.http().get(`/api/audit-logs?userId=${owner.id}`).set(other.auth).expect(403);
    await t.http().get('/api/audit-logs?teamId=some-team').set(other.auth).expect(404);
    await t.http().get('/api/audit-logs/verify').set(other.auth).expect(403);
    const admin = await signUpAdmin(t);
    expect(auditPage(await t.http().get(`/api/audit-logs?userId=${owner.id}`).set(admin.auth).expect(200)).total).toBeGreaterThanOrEqual(2);
  });

  it('shows a team\'s trail to its owner and admins only', async () => {
    const owner = await signUpUser(t);
    const member = await signUpUser(t);
    const team = await t.prisma.team.create({ data: { name: 'Agency', slug: `agency-${Date.now()}`, ownerId: owner.id } });
    await t.prisma.teamMember.createMany({ data: [{ teamId: team.id, userId: owner.id, role: 'OWNER' }, { teamId: team.id, userId: member.id, role: 'MEMBER' }] });
    const connection = (await t.http().post('/api/connections').set(owner.auth).send({ siteUrl: 'http://127.0.0.1:10/', platform: 'CUSTOM' }).expect(201)).body as ConnectionDto;
    await t.prisma.connection.update({ where: { id: connection.id }, data: { teamId: team.id } });
    await t.http().delete(`/api/connections/${connection.id}`).set(owner.auth).expect((res) => expect(res.status).toBeLessThan(300));

    const teamTrail = auditPage(await t.http().get(`/api/audit-logs?teamId=${team.id}`).set(owner.auth).expect(200));
    expect(teamTrail.items.map((r) => r.action)).toContain('connection.remove');
    await t.http().get(`/api/audit-logs?teamId=${team.id}`).set(member.auth).expect(404);
  });

  it('exports CSV with spreadsheet formulas neutralised', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/webhooks').set(user.auth).set('User-Agent', '=HYPERLINK("http://evil.example","x")')
      .send({ url: 'http://127.0.0.1:9/hook', events: ['fix.applied'], description: '@SUM(1+1)' }).expect(201);
    const csv = await t.http().get('/api/audit-logs.csv').set(user.auth).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^seq,createdAt,action,/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[1]).not.toMatch(/,=|,"=/);
  });

  it('keeps seq contiguous and the chain valid under 20 concurrent writes', async () => {
    const user = await signUpUser(t);
    const before = await t.prisma.auditLog.count();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http().post('/api/webhooks').set(user.auth).send({ url: `http://127.0.0.1:9/hook-${i}`, events: ['crawl.completed'] })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const rows = await t.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(before + 20);
    rows.forEach((row, i) => expect(row.seq).toBe(BigInt(i + 1)));
    const admin = await signUpAdmin(t);
    const verification = (await t.http().get('/api/audit-logs/verify').set(admin.auth).expect(200)).body as AuditChainVerificationDto;
    expect(verification).toEqual({ valid: true, checked: rows.length, firstBrokenSeq: null, reason: null, anchoredSeq: expect.any(Number) as unknown, anchorNote: null });
  });

  it('detects a row changed behind the trigger\'s back, and a forged row', async () => {
    const admin = await signUpAdmin(t);
    const user = await signUpUser(t);
    await t.http().post('/api/webhooks').set(user.auth).send({ url: 'http://127.0.0.1:9/tamper', events: ['crawl.completed'] }).expect(201);
    const target = await t.prisma.auditLog.findFirstOrThrow({ where: { userId: user.id } });
    const original = JSON.stringify(target.after);

    // Only a database superuser can do this; the application's own writes are refused by the trigger.
    await t.prisma.$transaction([
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"'),
      t.prisma.$executeRaw`UPDATE "AuditLog" SET "after" = jsonb_set("after", '{url}', '"http://attacker.example/"') WHERE "id" = ${target.id}`,
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"'),
    ]);
    let report = (await t.http().get('/api/audit-logs/verify').set(admin.auth).expect(200)).body as AuditChainVerificationDto;
    expect(report).toMatchObject({ valid: false, firstBrokenSeq: Number(target.seq) });
    expect(report.reason).toContain('content');

    await t.prisma.$transaction([
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"'),
      t.prisma.$executeRaw`UPDATE "AuditLog" SET "after" = ${original}::jsonb WHERE "id" = ${target.id}`,
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"'),
    ]);
    expect(((await t.http().get('/api/audit-logs/verify').set(admin.auth)).body as AuditChainVerificationDto).valid).toBe(true);

    // A row inserted with raw SQL cannot produce a matching hash; it breaks the chain from there on.
    const last = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await t.prisma.$executeRaw`INSERT INTO "AuditLog" ("id", "seq", "action", "prevHash", "hash", "actorType")
      VALUES ('forged', ${last.seq + 1n}, 'connection.delete', ${last.hash}, ${'f'.repeat(64)}, 'SYSTEM')`;
    report = (await t.http().get('/api/audit-logs/verify').set(admin.auth).expect(200)).body as AuditChainVerificationDto;
    expect(report).toMatchObject({ valid: false, firstBrokenSeq: Number(last.seq + 1n) });
  });
});
