import type { PageRenderRecord, RenderedSnapshot, RenderFacts } from '../model';
import { collapseWhitespace, truncate } from '../text/text-stats';
import type { PageAnalysis } from './analysis';
import type { FindingEmitter } from './emitter';

/** New internal links that count as "links only after rendering" (one injected consent-banner link does not). */
export const RENDER_NEW_LINKS_MIN = 3;
/** Rendered main text below this many words is too short to judge where it came from. */
export const RENDER_CONTENT_MIN_WORDS = 50;
/** The raw main text holds less than this share of the rendered words: the content is built by JavaScript. */
export const RENDER_CONTENT_RAW_MAX_PERCENT = 50;
const LINK_EXAMPLES = 3;

/** Failures the browser reports for requests it gave up itself (navigation away, a cancelled fetch). */
const ABORTED = /ERR_ABORTED|NS_BINDING_ABORTED|cancell?ed/i;

function robotsValue(a: PageAnalysis): string | null {
  const parts = a.metaRobots
    .filter((meta) => meta.content !== null && meta.content.trim().length > 0)
    .map((meta) => (meta.name === 'robots' ? collapseWhitespace(meta.content ?? '') : `${meta.name}: ${collapseWhitespace(meta.content ?? '')}`));
  return parts.length === 0 ? null : parts.join(', ');
}

function internalLinkSet(a: PageAnalysis): Set<string> {
  const out = new Set<string>();
  for (const anchor of a.anchors) if (anchor.internal && anchor.url !== null && anchor.url !== a.url) out.add(anchor.url);
  return out;
}

export function renderFactsOf(a: PageAnalysis): RenderFacts {
  return {
    title: a.title,
    description: a.description,
    canonical: a.canonical.url,
    robots: robotsValue(a),
    noindex: a.noindex,
    h1: a.h1,
    internalLinks: internalLinkSet(a).size,
    wordCount: a.mainText.wordCount,
  };
}

export function renderRecordOf(raw: PageAnalysis, rendered: PageAnalysis | null, snapshot: RenderedSnapshot): PageRenderRecord {
  return {
    raw: renderFactsOf(raw),
    rendered: rendered === null ? null : renderFactsOf(rendered),
    ms: Math.round(snapshot.ms),
    timedOut: snapshot.timedOut,
    crashed: snapshot.crashed,
    errors: snapshot.errors.length,
    failedRequests: meaningfulFailures(snapshot).length,
    blockedRequests: snapshot.blockedRequests.length,
  };
}

function meaningfulFailures(snapshot: RenderedSnapshot): RenderedSnapshot['failedRequests'] {
  return snapshot.failedRequests.filter((request) => !ABORTED.test(request.reason));
}

const present = (value: string | null): value is string => value !== null && value.trim().length > 0;
const normalized = (value: string | null): string => (value === null ? '' : collapseWhitespace(value));
const quote = (value: string | null): string => (present(value) ? `"${truncate(collapseWhitespace(value), 120)}"` : '(none)');

/** A raw text element and its rendered counterpart: absent in raw, or different. */
function compareText(
  out: FindingEmitter,
  url: string,
  raw: string | null,
  rendered: string | null,
  ids: { only: string; changed: string },
  what: string,
): void {
  if (!present(raw) && present(rendered)) {
    out.emit(ids.only, url, null, `The ${what} exists only after JavaScript runs; the HTML response has none.`, rendered);
  } else if (present(raw) && normalized(raw) !== normalized(rendered)) {
    const message = present(rendered) ? `JavaScript changes the ${what}.` : `JavaScript removes the ${what}.`;
    out.emit(ids.changed, url, null, message, `raw ${quote(raw)} → rendered ${quote(rendered)}`);
  }
}

/** Checks comparing the raw HTML of a page with the page the browser built from it. */
export function runRenderComparisonChecks(raw: PageAnalysis, rendered: PageAnalysis, out: FindingEmitter): void {
  const url = rendered.url;
  compareText(out, url, raw.title, rendered.title, { only: 'render-title-only-rendered', changed: 'render-title-changed' }, 'title');
  compareText(out, url, raw.description, rendered.description, { only: 'render-description-only-rendered', changed: 'render-description-changed' }, 'meta description');
  compareText(out, url, raw.h1, rendered.h1, { only: 'render-h1-only-rendered', changed: 'render-h1-changed' }, 'main heading (h1)');

  if (raw.canonical.url === null && rendered.canonical.url !== null) {
    out.emit('render-canonical-only-rendered', url, null, 'The canonical link exists only after JavaScript runs; the HTML response has none.', rendered.canonical.url);
  } else if (raw.canonical.url !== null && raw.canonical.url !== rendered.canonical.url) {
    const message = rendered.canonical.url === null ? 'JavaScript removes the canonical link.' : 'JavaScript changes the canonical URL.';
    out.emit('render-canonical-changed', url, null, message, `raw ${raw.canonical.url} → rendered ${rendered.canonical.url ?? '(none)'}`);
  }

  const rawRobots = robotsValue(raw);
  const renderedRobots = robotsValue(rendered);
  const robotsEvidence = `raw ${rawRobots ?? '(no robots meta tag)'} → rendered ${renderedRobots ?? '(no robots meta tag)'}`;
  if (raw.robotsMeta.noindex && !rendered.robotsMeta.noindex && !raw.robotsHeader.noindex) {
    out.emit('render-noindex-removed', url, null, 'The HTML response says noindex and only JavaScript removes it; Google does not render pages whose HTML says noindex.', robotsEvidence);
  } else if (!raw.noindex && rendered.robotsMeta.noindex) {
    out.emit('render-noindex-added', url, null, 'JavaScript adds noindex to a page whose HTML response may be indexed.', robotsEvidence);
  } else if (raw.robotsMeta.noindex === rendered.robotsMeta.noindex && normalized(rawRobots).toLowerCase().replace(/\s/g, '') !== normalized(renderedRobots).toLowerCase().replace(/\s/g, '')) {
    out.emit('render-robots-changed', url, null, 'JavaScript changes the robots meta tag.', robotsEvidence);
  }

  const rawLinks = internalLinkSet(raw);
  const added = [...internalLinkSet(rendered)].filter((link) => !rawLinks.has(link));
  if (added.length >= RENDER_NEW_LINKS_MIN || (rawLinks.size === 0 && added.length > 0)) {
    const examples = added.slice(0, LINK_EXAMPLES).join(' ');
    out.emit(
      'render-links-only-rendered',
      url,
      null,
      `${added.length} internal link${added.length === 1 ? '' : 's'} appear only after JavaScript runs (the HTML response links to ${rawLinks.size} page${rawLinks.size === 1 ? '' : 's'} of the site).`,
      added.length > LINK_EXAMPLES ? `${examples} (+${added.length - LINK_EXAMPLES} more)` : examples,
    );
  }

  const rawWords = raw.mainText.wordCount;
  const renderedWords = rendered.mainText.wordCount;
  if (renderedWords >= RENDER_CONTENT_MIN_WORDS && rawWords * 100 < renderedWords * RENDER_CONTENT_RAW_MAX_PERCENT) {
    const percent = Math.round((rawWords * 100) / renderedWords);
    out.emit(
      'render-content-only-rendered',
      url,
      null,
      `Only ${rawWords} of the ${renderedWords} words of the main content (${percent}%) are in the HTML response; JavaScript builds the rest.`,
      `raw ${rawWords} words → rendered ${renderedWords} words`,
    );
  }
}

/** Checks on how the rendering itself went (they also run when the browser crashed on the page). */
export function runRenderOutcomeChecks(snapshot: RenderedSnapshot, url: string, out: FindingEmitter): void {
  if (snapshot.crashed) {
    out.emit('render-crashed', url, null, 'The browser could not render this page; it was audited from its raw HTML.', snapshot.errors[0] ?? null);
    return;
  }
  if (snapshot.errors.length > 0) {
    const count = snapshot.errors.length;
    out.emit('render-js-error', url, null, `${count} uncaught JavaScript error${count === 1 ? '' : 's'} while the page rendered${count >= 10 ? ' (the first 10 are kept)' : ''}.`, snapshot.errors[0] ?? null);
  }
  if (snapshot.timedOut) {
    out.emit('render-timeout', url, null, `The page had not settled when the rendering budget ran out after ${Math.round(snapshot.ms)} ms; the audit used what it held then.`, `${Math.round(snapshot.ms)} ms`);
  }
  const robotsBlocked = snapshot.blockedRequests.filter((request) => request.reason === 'robots');
  if (robotsBlocked.length > 0) {
    const count = robotsBlocked.length;
    out.emit('render-resources-blocked', url, null, `robots.txt blocks ${count} request${count === 1 ? '' : 's'} the page makes while rendering.`, robotsBlocked.map((request) => request.url).join(' '));
  }
  const failed = meaningfulFailures(snapshot);
  if (failed.length > 0) {
    const count = failed.length;
    out.emit('render-requests-failed', url, null, `${count} request${count === 1 ? '' : 's'} failed while the page rendered.`, failed.map((request) => `${request.url} (${request.reason})`).join(' '));
  }
}
