import type { Fix } from '@prisma/client';
import type { AppliedChange } from '@seology/connectors';
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers are not part of the libraries' public entry points
import { startStaticSiteServer, type StaticSiteServer } from '../../../../libs/connectors/src/testing';
import { createTestApp, signUpUser, teardown, type TestApp } from '../testing/test-app';
import { FixQuota } from './fix-quota';
import { FixVerifier, SNIPPET_VERIFICATION } from './fix-verifier';

describe('FixQuota and FixVerifier (real Postgres, a real web site)', () => {
  let t: TestApp;
  let site: StaticSiteServer;
  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1' });
    site = await startStaticSiteServer();
  }, 180_000);
  afterAll(() => teardown([['site', () => site?.close()], ['app', () => t?.close()]]));

  async function siteOf(userId: string) {
    return t.prisma.connection.create({
      data: { userId, domain: `s${randomBytes(4).toString('hex')}.example`, siteUrl: `${site.url}/`, platform: 'CUSTOM', snippetKey: randomBytes(8).toString('hex') },
    });
  }

  describe('FixQuota', () => {
    it('reserves up to the month\'s limit, then answers 402 (reserve) or false (tryReserve)', async () => {
      const quota = t.app.get(FixQuota);
      const user = await signUpUser(t);
      const left = await quota.remaining(user.id);
      expect(left).toBeGreaterThan(1);
      await quota.reserve(user.id, left - 1);
      expect(await quota.tryReserve(user.id)).toBe(true);
      expect(await quota.remaining(user.id)).toBe(0);
      expect(await quota.tryReserve(user.id)).toBe(false);
      await expect(quota.reserve(user.id)).rejects.toThrow(/Your plan allows \d+ applied fixes a month/);
      await quota.release(user.id, 2);
      expect(await quota.remaining(user.id)).toBe(2);
    });

    it('gives a fix\'s unit back to its approver, or to the site owner for an automatic approval', async () => {
      const quota = t.app.get(FixQuota);
      const owner = await signUpUser(t);
      const approver = await signUpUser(t);
      const connection = await siteOf(owner.id);
      const [ownerLeft, approverLeft] = [await quota.remaining(owner.id), await quota.remaining(approver.id)];
      await quota.reserve(owner.id);
      await quota.reserve(approver.id);
      await quota.releaseFor({ approvedById: approver.id, connectionId: connection.id });
      expect([await quota.remaining(owner.id), await quota.remaining(approver.id)]).toEqual([ownerLeft - 1, approverLeft]);
      await quota.releaseFor({ approvedById: null, connectionId: connection.id });
      expect(await quota.remaining(owner.id)).toBe(ownerLeft);
    });
  });

  describe('FixVerifier', () => {
    const applied = (fix: Fix, platform: AppliedChange['platform'] = 'wordpress'): AppliedChange => ({
      platform, ref: { platform, kind: 'page', id: '1', url: fix.pageUrl }, field: 'title', value: fix.afterValue, before: 'Old', after: fix.afterValue, appliedAt: new Date().toISOString(),
    });
    async function titleFix(path: string, html: string): Promise<Fix> {
      site.setPage(path, html);
      const user = await signUpUser(t);
      const connection = await siteOf(user.id);
      return t.prisma.fix.create({ data: { connectionId: connection.id, userId: user.id, type: 'title', status: 'APPLYING', pageUrl: `${site.url}${path}`, afterValue: 'Fresh bread daily | Bakery' } });
    }

    it('passes when the live page shows the new value', async () => {
      const fix = await titleFix('/ok', '<!doctype html><html><head><title>Fresh bread  daily | Bakery</title></head><body><h1>Bread</h1></body></html>');
      const verdict = await t.app.get(FixVerifier).verifyLive(fix, applied(fix));
      expect(verdict).toMatchObject({ ok: true, detail: expect.stringContaining(`The new title is visible on ${fix.pageUrl}`) as unknown });
    });

    it('fails when the value is not live, when the page went noindex, and when it answers an error', async () => {
      const verifier = t.app.get(FixVerifier);
      const stale = await titleFix('/stale', '<!doctype html><html><head><title>Old</title></head><body></body></html>');
      expect(await verifier.verifyLive(stale, applied(stale))).toEqual({ ok: false, reason: `The new title is not visible on the live page ${stale.pageUrl}.` });
      const hidden = await titleFix('/hidden', '<!doctype html><html><head><title>Fresh bread daily | Bakery</title><meta name="robots" content="noindex"></head></html>');
      expect(await verifier.verifyLive(hidden, applied(hidden))).toEqual({ ok: false, reason: 'After the change the page is noindex ("noindex").' });
      const gone = await titleFix('/gone', '');
      site.setPage('/gone', { status: 503, html: 'down' });
      expect(await verifier.verifyLive(gone, applied(gone))).toEqual({ ok: false, reason: 'After the change the page answers HTTP 503.' });
    });

    it('takes a snippet fix as served without fetching the page (the served HTML never shows it)', async () => {
      const fix = await titleFix('/snippet', '<!doctype html><title>Old</title>');
      const before = site.requests.length;
      expect(await t.app.get(FixVerifier).verifyLive(fix, applied(fix, 'snippet'))).toEqual({ ok: true, detail: SNIPPET_VERIFICATION });
      expect(site.requests.length).toBe(before);
    });
  });
});
