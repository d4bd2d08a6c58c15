import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, signUpAdmin, type TestApp } from '../testing/test-app';
import { AuditAnchors } from './audit-anchors.service';
import type { AuditChainVerificationDto } from './dto/audit.dto';

/**
 * What a database superuser can do behind the append-only trigger: delete the newest rows, or replace
 * the tail with rows whose hashes they recomputed. The chain alone stays consistent; the anchors kept
 * in Redis and in AUDIT_ANCHOR_FILE must give it away.
 */
describe('audit chain anchors (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let anchorFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-anchor-'));
    anchorFile = join(dir, 'audit-anchor.log');
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', AUDIT_ANCHOR_FILE: anchorFile });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const anchorKey = () => `${t.queuePrefix}:audit:anchors`;

  async function writeEntries(auth: Record<string, string>, n: number, tag: string): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await t.http().post('/api/webhooks').set(auth).send({ url: `http://127.0.0.1:9/${tag}-${i}`, events: ['crawl.completed'] }).expect(201);
    }
    await t.app.get(AuditAnchors).flush();
  }

  /** Superuser only: the application's own DELETE is refused by the trigger. */
  async function deleteFrom(seq: bigint): Promise<void> {
    await t.prisma.$transaction([
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"'),
      t.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "seq" >= ${seq}`,
      t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"'),
    ]);
  }

  const verify = async (auth: Record<string, string>) =>
    (await t.http().get('/api/audit-logs/verify').set(auth).expect(200)).body as AuditChainVerificationDto;

  it('anchors the head in Redis and in the anchor file, and the intact chain verifies against both', async () => {
    const admin = await signUpAdmin(t);
    await writeEntries(admin.auth, 3, 'intact');
    const head = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const [top] = await t.redis.zrange(anchorKey(), '-1', '-1');
    expect(top).toBe(`${head.seq}:${head.hash}`);
    const lines = (await readFile(anchorFile, 'utf8')).trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^${head.seq} ${head.hash} \\d{4}-`));
    expect(await verify(admin.auth)).toEqual({ valid: true, checked: Number(head.seq), firstBrokenSeq: null, reason: null, anchoredSeq: Number(head.seq), anchorNote: null });
  });

  it('reports a tail deleted with the trigger disabled, and the anchor never moves back', async () => {
    const admin = await signUpAdmin(t);
    await writeEntries(admin.auth, 4, 'rewind');
    const head = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });

    await deleteFrom(head.seq - 2n);
    const report = await verify(admin.auth);
    expect(report).toMatchObject({ valid: false, firstBrokenSeq: Number(head.seq - 2n), anchoredSeq: Number(head.seq) });
    expect(report.reason).toBe(`the chain ends at seq ${head.seq - 3n}, but seq ${head.seq} was anchored: the newest rows were deleted`);

    // The app keeps writing on top of the shortened chain; the anchor stays where it was.
    await writeEntries(admin.auth, 1, 'after-rewind');
    const [top] = await t.redis.zrange(anchorKey(), '-1', '-1');
    expect(top).toBe(`${head.seq}:${head.hash}`);
    expect((await verify(admin.auth)).valid).toBe(false);

    // Grown back past the old head, the rows at the anchored seqs carry other hashes: still caught.
    await writeEntries(admin.auth, 4, 'regrown');
    const regrown = await verify(admin.auth);
    // The first anchored seq among the replaced rows (anchors are taken per burst, not per row).
    expect(regrown.valid).toBe(false);
    expect(regrown.firstBrokenSeq).toBeGreaterThanOrEqual(Number(head.seq - 2n));
    expect(regrown.firstBrokenSeq).toBeLessThanOrEqual(Number(head.seq));
    expect(regrown.reason).toContain('differs from the one anchored');
  });

  it('still catches the rewind from the anchor file when the Redis anchor is gone too', async () => {
    // Continues from the previous test: its tail was replaced. Now the Redis anchor is lost as well.
    const admin = await signUpAdmin(t);
    await t.app.get(AuditAnchors).flush();
    await t.redis.del(anchorKey());
    const fileOnly = await verify(admin.auth);
    expect(fileOnly).toMatchObject({ valid: false });
    expect(fileOnly.reason).toContain('differs from the one anchored');
    expect(fileOnly.anchorNote).toBeNull();
  });
});
