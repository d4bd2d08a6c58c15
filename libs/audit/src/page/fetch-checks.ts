import type { FetchedPage } from '../model';
import type { AuditThresholds } from '../thresholds';
import type { FindingEmitter } from './emitter';
import { platformNoindexReason } from '../url/platform-pages';
import { normalizeUrl, safeParseUrl, siteHostKey } from '../url/url-utils';

/** Checks that depend only on the HTTP exchange (status, errors, redirects, timings, headers). */
export function runFetchChecks(page: FetchedPage, out: FindingEmitter, t: AuditThresholds): void {
  const url = page.url;
  const error = page.error;
  if (page.status === 0) {
    const reason = error ?? 'unknown error';
    if (reason === 'timeout') out.emit('fetch-timeout', url, null, `The request timed out after ${Math.round(page.totalMs)} ms.`, reason);
    else if (reason === 'redirect-loop') out.emit('redirect-loop', url, null, 'The redirects of this URL loop back on themselves.', hopsEvidence(page));
    else if (reason === 'too-many-redirects') out.emit('redirect-too-many', url, null, `The crawler stopped after ${page.redirects.length} redirects.`, hopsEvidence(page));
    else if (reason === 'too-large') out.emit('response-truncated', url, null, 'The response exceeded the size limit and was not processed.', reason);
    else out.emit('fetch-failed', url, null, `The page could not be fetched: ${reason}.`, reason);
  } else if (page.status >= 400 && page.status < 500) {
    out.emit('http-4xx', url, null, `The page returns HTTP ${page.status}.`, String(page.status));
  } else if (page.status >= 500 && page.status < 600) {
    out.emit('http-5xx', url, null, `The page returns HTTP ${page.status}.`, String(page.status));
  }
  if (page.truncated && page.status !== 0) {
    out.emit('response-truncated', url, null, `The body was cut off at ${page.bodyBytes} bytes.`, String(page.bodyBytes));
  }

  const hops = page.redirects;
  if (hops.length > 0) {
    const seen = new Set<string>();
    let looped = false;
    for (const hop of hops) {
      const key = normalizeUrl(hop.url) ?? hop.url;
      if (seen.has(key)) looped = true;
      seen.add(key);
    }
    const finalKey = normalizeUrl(page.finalUrl) ?? page.finalUrl;
    if (seen.has(finalKey) && page.status >= 300 && page.status < 400) looped = true;
    if (looped && error !== 'redirect-loop') out.emit('redirect-loop', url, null, 'The redirects of this URL loop back on themselves.', hopsEvidence(page));
    if (hops.length > 1 && error !== 'too-many-redirects' && error !== 'redirect-loop' && !looped) {
      out.emit('redirect-chain', url, null, `Reaching the final URL takes ${hops.length} redirects.`, hopsEvidence(page));
    }
    const temporary = hops.find((hop) => hop.status === 302 || hop.status === 303 || hop.status === 307);
    const temporaryFrom = temporary === undefined ? null : safeParseUrl(temporary.url);
    // Sign-in gates (wp-admin → wp-login.php) redirect temporarily by design: the target depends on the session.
    if (temporary !== undefined && (temporaryFrom === null || platformNoindexReason(temporaryFrom) === null)) {
      out.emit('redirect-temporary', url, null, `${temporary.url} redirects with a temporary ${temporary.status}.`, `${temporary.status} ${temporary.url} → ${temporary.location}`);
    }
    const firstHop = hops[0];
    const from = firstHop === undefined ? null : safeParseUrl(firstHop.url);
    const to = safeParseUrl(page.finalUrl);
    if (firstHop !== undefined && from !== null && to !== null && siteHostKey(from.hostname) !== siteHostKey(to.hostname)) {
      out.emit('redirect-cross-host', url, null, `The URL redirects to another host (${to.hostname}).`, `${firstHop.url} → ${page.finalUrl}`);
    }
    for (const hop of hops) {
      const target = normalizeUrl(hop.location, hop.url);
      if (hop.url.startsWith('https:') && target !== null && target.startsWith('http:')) {
        out.emit('redirect-https-to-http', url, null, 'A redirect downgrades from HTTPS to HTTP.', `${hop.url} → ${target}`);
        break;
      }
    }
  }

  const refreshHeader = page.headers['refresh'];
  if (refreshHeader !== undefined && /url\s*=/i.test(refreshHeader)) {
    out.emit('redirect-meta-refresh', page.finalUrl, null, 'The response redirects with a Refresh header.', `Refresh: ${refreshHeader}`);
  }

  if (page.status >= 200 && page.status < 400) {
    if (page.ttfbMs > t.ttfbSlowMs) out.emit('ttfb-slow', page.finalUrl, null, `Time to first byte was ${Math.round(page.ttfbMs)} ms (threshold ${t.ttfbSlowMs} ms).`, `${Math.round(page.ttfbMs)} ms`);
    if (page.totalMs > t.pageSlowMs) out.emit('page-slow', page.finalUrl, null, `The page took ${Math.round(page.totalMs)} ms to download (threshold ${t.pageSlowMs} ms).`, `${Math.round(page.totalMs)} ms`);
  }
}

function hopsEvidence(page: FetchedPage): string {
  if (page.redirects.length === 0) return page.url;
  return page.redirects.map((hop) => `${hop.status} ${hop.url}`).join(' → ') + ` → ${page.finalUrl}`;
}
