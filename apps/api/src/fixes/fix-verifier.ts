import { Injectable } from '@nestjs/common';
import type { Fix } from '@prisma/client';
import { readPageSeo, type PageSeoSnapshot } from '@seology/audit';
import { samePage, type AppliedChange } from '@seology/connectors';
import { findingStays } from '@seology/fixes';
import { safeRequest } from '@seology/net';
import { AppConfig } from '../config/app-config';
import { FixesRepository } from './fixes.repository';

export type VerifyOutcome = { ok: true; detail: string } | { ok: false; reason: string };

/** What a snippet site's fix is verified by: the snippet applies it in the browser, the served HTML never shows it. */
export const SNIPPET_VERIFICATION = 'Served by the Seology snippet (applied in the browser, not visible in the served HTML).';

/** Reads the live site after a write: did the fix take effect, and did nothing regress? */
@Injectable()
export class FixVerifier {
  constructor(private readonly config: AppConfig, private readonly fixes: FixesRepository) {}

  /** The broken URL (the fix's target) must now lead, through the redirect, to a live destination page. */
  async verifyRedirect(fix: Fix): Promise<VerifyOutcome> {
    const from = new URL(fix.target ?? '', fix.pageUrl).href;
    const to = new URL(fix.afterValue, fix.pageUrl).href;
    try {
      const res = await safeRequest(from, { policy: { allowHosts: this.config.ssrfAllowHosts }, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, headers: { 'cache-control': 'no-cache' } });
      if (res.status >= 400) return { ok: false, reason: `After the change ${from} still answers HTTP ${res.status}.` };
      if (!res.redirects.length || !samePage(res.url, to)) return { ok: false, reason: `After the change ${from} does not redirect to ${to} (it ends at ${res.url}).` };
    } catch (error) {
      return { ok: false, reason: `${from} could not be fetched after the change (${(error as Error).message}).` };
    }
    return { ok: true, detail: `${from} redirects to the live page ${to} (checked ${new Date().toISOString()}).` };
  }

  /** Fetches the live page: the new value must be visible, the issue gone and nothing may have regressed. */
  async verifyLive(fix: Fix, applied: AppliedChange): Promise<VerifyOutcome> {
    if (applied.platform === 'snippet') return { ok: true, detail: SNIPPET_VERIFICATION };
    if (fix.type === 'redirect') return this.verifyRedirect(fix);
    let snapshot: PageSeoSnapshot;
    let html: string;
    try {
      const res = await safeRequest(fix.pageUrl, { policy: { allowHosts: this.config.ssrfAllowHosts }, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, headers: { 'cache-control': 'no-cache' } });
      if (res.status >= 400) return { ok: false, reason: `After the change the page answers HTTP ${res.status}.` };
      html = res.body.toString('utf8');
      snapshot = readPageSeo(html, res.url);
    } catch (error) {
      return { ok: false, reason: `The page could not be fetched after the change (${(error as Error).message}).` };
    }
    const regression = liveVerdict(fix, snapshot, applied.value);
    if (regression) return { ok: false, reason: regression };
    const issue = await this.fixes.findIssueCheck(fix.issueId);
    if (issue && findingStays(html, fix.pageUrl, issue)) {
      return { ok: false, reason: `The new ${fix.type} is live on ${fix.pageUrl}, but the page is still reported for ${issue.checkId}.` };
    }
    return { ok: true, detail: `The new ${fix.type} is visible on ${fix.pageUrl} (checked ${new Date().toISOString()}).` };
  }
}

/**
 * Compares the live page with the value written: null when the new value is visible and the page
 * did not regress (noindex, a canonical leaving the site), else the reason the fix failed.
 */
export function liveVerdict(fix: Pick<Fix, 'type' | 'target' | 'pageUrl'>, snapshot: PageSeoSnapshot, value: string): string | null {
  if (fix.type !== 'robots' && snapshot.robots && /noindex|none/i.test(snapshot.robots)) return `After the change the page is noindex ("${snapshot.robots}").`;
  if (snapshot.canonical) {
    let broken = false;
    try {
      broken = new URL(snapshot.canonical).host !== new URL(fix.pageUrl).host;
    } catch {
      broken = true;
    }
    // Also for canonical fixes: a canonical leaving the site is never what a fix should do.
    if (broken) return `After the change the canonical URL is broken ("${snapshot.canonical}").`;
  }
  const want = value.trim();
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  let visible: boolean;
  switch (fix.type) {
    case 'title': visible = norm(snapshot.title) === norm(want); break;
    case 'metaDescription': visible = norm(snapshot.metaDescription) === norm(want); break;
    case 'ogTitle': visible = norm(snapshot.ogTitle) === norm(want); break;
    case 'ogDescription': visible = norm(snapshot.ogDescription) === norm(want); break;
    case 'h1': visible = snapshot.h1.some((h) => norm(h) === norm(want)); break;
    case 'canonical': visible = !!snapshot.canonical && samePage(snapshot.canonical, want); break;
    case 'robots': visible = norm(snapshot.robots ?? 'index,follow').replace(/\s/g, '') === want.replace(/\s/g, '') || !/noindex/i.test(snapshot.robots ?? ''); break;
    case 'imageAlt': {
      const target = fix.target ?? '';
      const path = (u: string) => { try { return new URL(u, fix.pageUrl).pathname; } catch { return u; } };
      const images = snapshot.images.filter((i) => !target || i.src === target || path(i.src) === path(target) || /^\d+$/.test(target));
      visible = images.some((i) => norm(i.alt) === norm(want));
      break;
    }
    case 'jsonLd': {
      const canonicalJson = (s: string) => { try { return JSON.stringify(JSON.parse(s)); } catch { return s; } };
      visible = snapshot.jsonLd.some((block) => canonicalJson(block) === canonicalJson(want));
      break;
    }
    default: visible = true;
  }
  return visible ? null : `The new ${fix.type} is not visible on the live page ${fix.pageUrl}.`;
}
