import type { Fix, Prisma } from '@prisma/client';
import { ConflictError, type AppliedChange } from '@seology/connectors';
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers are not part of the libraries' public entry points
import { startStaticSiteServer, type StaticSiteServer } from '../../../../libs/connectors/src/testing';
import { SnippetService } from '../snippet/snippet.service';
import { createTestApp, signUpUser, teardown, type TestApp } from '../testing/test-app';
import { FixStateMachine } from './fix-state-machine';
import { PlatformConnectors } from './platform-connectors';

describe('snippet fixes through the snippet connector (real Postgres)', () => {
  let t: TestApp;
  let site: StaticSiteServer;
  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1' });
    site = await startStaticSiteServer({ '/menu': '<!doctype html><title>Menu</title><h1>Menu</h1>' });
  }, 180_000);
  afterAll(() => teardown([['site', () => site?.close()], ['app', () => t?.close()]]));

  async function snippetSite() {
    const user = await signUpUser(t);
    const connection = await t.prisma.connection.create({
      data: { userId: user.id, domain: `s${randomBytes(4).toString('hex')}.example`, siteUrl: `${site.url}/`, platform: 'CUSTOM', snippetKey: `sk_${randomBytes(8).toString('hex')}` },
    });
    return { user, connection };
  }
  const approved = (connectionId: string, userId: string, afterValue: string) =>
    t.prisma.fix.create({ data: { connectionId, userId, type: 'title', status: 'APPLYING', pageUrl: `${site.url}/menu`, afterValue } });
  const reload = (fix: Fix) => t.prisma.fix.findUniqueOrThrow({ where: { id: fix.id } });

  /** What the executor does: the connector's apply, the change stored, then APPLIED through the state machine. */
  async function applyThroughConnector(connection: Awaited<ReturnType<typeof snippetSite>>['connection'], fix: Fix): Promise<AppliedChange> {
    const connector = t.app.get(PlatformConnectors).forFix(connection, fix);
    const ref = await connector.findResourceByUrl(fix.pageUrl);
    expect(ref).toMatchObject({ platform: 'snippet', kind: 'page' });
    const applied = await connector.applyChange(ref!, { field: 'title', value: fix.afterValue });
    await t.prisma.fix.update({ where: { id: fix.id }, data: { rollbackData: applied as unknown as Prisma.InputJsonValue, appliedAt: new Date(applied.appliedAt) } });
    expect(await t.app.get(FixStateMachine).transition(fix.id, ['APPLYING'], 'APPLIED')).toBe(true);
    return applied;
  }
  const served = async (snippetKey: string) => (await t.app.get(SnippetService).build(snippetKey)).script;

  it('applies: the fix row is the snippet record, served once APPLIED; reverting it finds no conflict', async () => {
    const { user, connection } = await snippetSite();
    const fix = await approved(connection.id, user.id, 'Our menu | Bakery');
    const applied = await applyThroughConnector(connection, fix);
    expect(applied).toMatchObject({ platform: 'snippet', before: null, after: 'Our menu | Bakery', meta: { fixId: fix.id } });
    expect(await served(connection.snippetKey)).toContain('Our menu | Bakery');

    await t.app.get(FixStateMachine).transition(fix.id, ['APPLIED'], 'ROLLING_BACK');
    const rollingBack = await reload(fix);
    const reverted = await t.app.get(PlatformConnectors).forFix(connection, rollingBack).revertChange(applied.ref, applied);
    expect(reverted).toMatchObject({ restored: null, replaced: 'Our menu | Bakery', forced: false });
    await t.app.get(FixStateMachine).transition(fix.id, ['ROLLING_BACK'], 'ROLLED_BACK');
    expect(await served(connection.snippetKey)).not.toContain('Our menu | Bakery');
  });

  it('a newer fix of the same place is a conflict for the older one\'s rollback, unless forced; the newest value is served', async () => {
    const { user, connection } = await snippetSite();
    const older = await approved(connection.id, user.id, 'Older menu title');
    const olderApplied = await applyThroughConnector(connection, older);
    const newer = await approved(connection.id, user.id, 'Newer menu title');
    const newerApplied = await applyThroughConnector(connection, newer);
    expect(newerApplied.before).toBe('Older menu title');
    const script = await served(connection.snippetKey);
    expect(script).toContain('Newer menu title');
    expect(script).not.toContain('Older menu title');

    const connector = t.app.get(PlatformConnectors).forFix(connection, await reload(older));
    await expect(connector.revertChange(olderApplied.ref, olderApplied)).rejects.toBeInstanceOf(ConflictError);
    // Rolling the newer one back restores the older value: the older fix is still APPLIED and serves it.
    const back = await t.app.get(PlatformConnectors).forFix(connection, await reload(newer)).revertChange(newerApplied.ref, newerApplied);
    expect(back).toMatchObject({ restored: 'Older menu title', replaced: 'Newer menu title', forced: false });
  });
});
