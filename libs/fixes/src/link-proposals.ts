import { clip, isGenericLinkText } from './guardrails';
import { titleParts } from './text-rules';
import type { FixableFinding, LivePage, PageData, SiteContext } from './types';

/** The broken URL of a broken-internal-link finding: its evidence reads "<url> (<status>)". */
export function brokenUrlOf(finding: FixableFinding): string | null {
  const raw = /^(\S+)/.exec((finding.evidence ?? '').trim())?.[1];
  if (!raw) return null;
  try {
    const u = new URL(raw, finding.page.url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Lower-case words of a URL path ("/products/old-trail-shoe.html" → products, old, trail, shoe). */
function pathWords(path: string): string[] {
  return decodeURIComponent(path)
    .toLowerCase()
    .replace(/\.[a-z0-9]{1,5}$/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname.replace(/\/+$/, '') || '/';
}

/**
 * The live page a broken URL should redirect to: the one whose path shares the most words with the
 * broken path (the last segment, the slug, counts double), ties going to the page in the same
 * section, then the shorter path; a live parent (the blog index for a deleted post) scores through
 * its own words. Never the site's home page: search engines treat mass redirects to the home page
 * as soft 404s, so without a shared word a person has to decide.
 */
export function bestRedirectTarget(brokenUrl: string, livePages: LivePage[]): { url: string; reason: string } | null {
  const broken = new URL(brokenUrl);
  const brokenPath = pathOf(brokenUrl);
  const candidates = livePages.filter((p) => {
    try {
      const u = new URL(p.url);
      return u.host === broken.host && pathOf(p.url) !== brokenPath && pathOf(p.url) !== '/';
    } catch {
      return false;
    }
  });
  const segments = brokenPath.split('/').filter(Boolean);
  const slugWords = new Set(pathWords(segments[segments.length - 1] ?? ''));
  const allWords = new Set(pathWords(brokenPath));
  const section = segments.slice(0, -1).join('/');
  let best: { url: string; score: number; sameSection: boolean; length: number } | null = null;
  for (const page of candidates) {
    const path = pathOf(page.url);
    const words = new Set([...pathWords(path), ...pathWords(page.title ?? '')]);
    let score = 0;
    for (const w of allWords) if (words.has(w)) score += slugWords.has(w) ? 2 : 1;
    if (score === 0) continue;
    const pageSegments = path.split('/').filter(Boolean);
    const sameSection = pageSegments.slice(0, -1).join('/') === section;
    const better = !best || score > best.score || (score === best.score && (sameSection !== best.sameSection ? sameSection : path.length < best.length));
    if (better) best = { url: page.url, score, sameSection, length: path.length };
  }
  if (best) return { url: best.url, reason: `its address shares the most words with the broken one` };
  return null;
}

/** The link a non-descriptive (or empty) anchor-text finding is about. */
export function linkOf(finding: FixableFinding): { href: string; text: string } | null {
  const links = finding.page.links ?? [];
  const evidence = (finding.evidence ?? '').trim();
  if (finding.checkId === 'anchor-empty') return links.find((l) => l.href === evidence && l.text === '') ?? null;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return links.find((l) => norm(l.text) === norm(evidence)) ?? null;
}

/** The site name and separators themes add to titles ("Trail shoe – My Store", "My Store | Trail shoe"). */
function withoutSiteName(title: string, siteName: string | null): string {
  const parts = titleParts(title);
  const kept = parts.filter((p) => p.toLowerCase() !== siteName?.toLowerCase());
  return (kept[0] ?? parts[0] ?? title).trim();
}

/**
 * Descriptive text for a link: the destination's own name (its title without the site name, as the
 * crawl saw it), else words from its address. Facts come only from the site itself.
 */
export function anchorTextFor(href: string, site: SiteContext, page: PageData, current = ''): string | null {
  const name = destinationName(href, site, page);
  if (!name) return null;
  // "Read more" becomes "Read more about <name>": the reader keeps the call to action, search engines get the topic.
  const lead = current.replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim();
  if (/^(read|learn|see|view|find out|discover)\b/i.test(lead)) return clip(`${lead.charAt(0).toUpperCase()}${lead.slice(1)} about ${name}`, 100);
  return name;
}

function destinationName(href: string, site: SiteContext, page: PageData): string | null {
  let target: URL;
  try {
    target = new URL(href, page.url);
  } catch {
    return null;
  }
  const live = (site.livePages ?? []).find((p) => {
    try {
      return pathOf(p.url) === pathOf(target.href) && new URL(p.url).host === target.host;
    } catch {
      return false;
    }
  });
  const fromTitle = live?.title ? withoutSiteName(live.title, site.siteName) : null;
  if (fromTitle && !isGenericLinkText(fromTitle)) return clip(fromTitle, 100);
  const slug = pathWords(target.pathname.split('/').filter(Boolean).pop() ?? '').join(' ');
  if (slug.length >= 3 && !isGenericLinkText(slug)) return clip(slug.charAt(0).toUpperCase() + slug.slice(1), 100);
  return null;
}
