import { DEFAULT_THRESHOLDS, estimatePixelWidth } from '@seology/audit';
import { fixFieldOf } from '@seology/contracts';
import { applyGuardrails, clip, LENGTH_LIMITS, newGuardrailContext, riskOf, type GuardrailContext } from './guardrails';
import { acceptable, pixelLimitProblem, shorten, titleParts } from './text-rules';
import { buildJsonLd } from './json-ld';
import { anchorTextFor, bestRedirectTarget, brokenUrlOf, linkOf } from './link-proposals';
import type { FixableFinding, GenerateResult, PageData, Proposal, ProposalField, ProposalGenerator, SiteContext } from './types';

/** The field a kind of finding changes: the one mapping, in the contracts. */
export const fieldOf = fixFieldOf;

/**
 * The image a finding is about: the one whose src is in the evidence or selector, or whose alt text is
 * the evidence (a file name or too long alt is quoted as evidence), else the first without alt.
 */
export function imageOf(finding: FixableFinding): { src: string; alt: string | null } | null {
  const images = finding.page.images;
  const hint = `${finding.evidence ?? ''} ${finding.selector ?? ''}`;
  const evidence = (finding.evidence ?? '').replace(/\s+/g, ' ').trim();
  return images.find((i) => hint.includes(i.src) || hint.includes(new URL(i.src, finding.page.url).pathname))
    ?? (evidence ? images.find((i) => i.alt !== null && i.alt.replace(/\s+/g, ' ').trim() === evidence) : undefined)
    ?? images.find((i) => i.alt === null || i.alt.trim() === '' || i.alt.length > 125) ?? null;
}

export function currentValue(field: ProposalField, finding: FixableFinding, target?: string): string | null {
  const p = finding.page;
  switch (field) {
    case 'title': return p.title;
    case 'metaDescription': return p.description;
    case 'imageAlt': return p.images.find((i) => i.src === target)?.alt ?? null;
    case 'h1': return p.h1[0] ?? null;
    case 'canonical': return p.canonical;
    case 'robots': return p.robots;
    case 'ogTitle': return p.ogTitle;
    case 'ogDescription': return p.ogDescription;
    case 'jsonLd': return p.jsonLd[0] ?? null;
    case 'redirect': case 'anchorText': return finding.evidence ?? null;
  }
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const countWord = (n: number) => COUNT_WORDS[n] ?? String(n);

function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentences of the page's own paragraphs (never its chrome), in order. */
function sentencesOf(page: PageData): string[] {
  const paragraphs = (page.paragraphs ?? []).filter((p) => p.length >= 20);
  const source = paragraphs.length ? paragraphs : [page.firstParagraph ?? page.text].filter((s): s is string => !!s);
  return source.flatMap((text) => text.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [text]).map((s) => s.trim()).filter(Boolean);
}

/**
 * Consecutive whole sentences of the page's content within the limits, the earliest run that is long
 * enough; else one sentence shortened at a clause boundary; else nothing (never a cut inside a phrase).
 * `free`: whether no other page of the site has the text yet; a taken run gives way to a later one,
 * so a duplicate is avoided with the page's own words, never by gluing a heading on.
 */
function describe(page: PageData, min: number, fits: (text: string) => boolean, free: (text: string) => boolean = () => true): string | null {
  const sentences = sentencesOf(page);
  for (let start = 0; start < sentences.length; start++) {
    let out = '';
    for (const sentence of sentences.slice(start)) {
      const next = `${out} ${sentence}`.trim();
      if (!fits(next)) break;
      out = next;
      if (out.length >= min && free(out)) return out;
    }
  }
  for (const sentence of sentences) {
    const short = shorten(sentence, (text) => fits(`${text}.`), min - 1);
    const text = short && (/[.!?]$/.test(short) ? short : `${short}.`);
    if (text && text.length >= min && free(text)) return text;
  }
  return null;
}

const fitsDescription = (text: string) => text.length <= LENGTH_LIMITS.metaDescription![1] && pixelLimitProblem('metaDescription', text.length < 70 ? text.padEnd(70) : text) === null;
const fitsTitle = (text: string) => text.length <= LENGTH_LIMITS.title![1] && estimatePixelWidth(text, 20) <= DEFAULT_THRESHOLDS.titleMaxPixels;

/** The page's name without any site name a theme appended to its title. */
function pageName(page: PageData, site: SiteContext): string | null {
  const own = site.siteName?.toLowerCase();
  const fromTitle = page.title ? titleParts(page.title).filter((part) => part.toLowerCase() !== own) : [];
  return page.h1[0] ?? fromTitle[0] ?? page.headings[0] ?? null;
}

function titleFrom(page: PageData, site: SiteContext): string | null {
  const min = LENGTH_LIMITS.title![0];
  const base = pageName(page, site);
  if (!base) return null;
  const name = site.siteName;
  if (name && !base.toLowerCase().includes(name.toLowerCase())) {
    const suffix = ` ${site.titleSeparator ?? '–'} ${name}`;
    const short = shorten(base, (text) => fitsTitle(`${text}${suffix}`));
    if (short && `${short}${suffix}`.length >= min) return `${short}${suffix}`;
  }
  const alone = shorten(base, fitsTitle);
  return alone && alone.length >= min ? alone : null;
}

function altFrom(src: string, page: PageData): string | null {
  const file = decodeURIComponent(new URL(src, page.url).pathname.split('/').pop() ?? '')
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]\d+x\d+$/, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\b(img|image|dsc|photo|pic)\b/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (file.length >= 3 && /[a-z]{3}/i.test(file)) return clip(sentenceCase(file), 125);
  const context = page.h1[0] ?? null;
  return context ? clip(`Image: ${context}`, 125) : null;
}

/** Deterministic proposals built only from the page's own text. */
export function proposeByRule(finding: FixableFinding, site: SiteContext, ctx?: Pick<GuardrailContext, 'descriptions'>): Omit<Proposal, 'risk'> | { skip: string } {
  const field = fieldOf(finding.fixKind, finding.checkId);
  if (!field) return { skip: `${finding.checkId} has no field Seology can set` };
  const page = finding.page;
  const make = (after: string | null, rationale: string, target?: string) =>
    after ? { issueId: finding.issueId, field, target, before: currentValue(field, finding, target), after, rationale, method: 'RULE' as const } : { skip: `no source on the page for a ${field}` };
  switch (field) {
    case 'title':
      return make(titleFrom(page, site), 'Title built from the page heading and the site name, within 30-60 characters.');
    case 'metaDescription':
      return make(
        describe(page, 70, fitsDescription, (text) => !ctx?.descriptions.has(text.toLowerCase())),
        'Description taken from whole sentences of the page\'s own content, as wide as search results show.',
      );
    case 'ogTitle':
      return make(page.title ?? page.h1[0] ?? null, 'Open Graph title copied from the page title so shares show it.');
    case 'ogDescription':
      return make(page.description ?? describe(page, 30, (text) => text.length <= 200), 'Open Graph description copied from the page description.');
    case 'h1': {
      if (finding.checkId === 'h1-multiple' && page.h1.length > 1) {
        // The platforms change the post title, which is one heading; the extra <h1> is in the theme or the
        // content, so the change is a person's: keep the first (the post title in most themes), remove the others.
        const keep = page.h1[0]!;
        return {
          issueId: finding.issueId, field, before: page.h1.join(' | '), after: keep, method: 'RULE',
          rationale: `One main heading per page: keep "${keep}" and remove or demote the other${page.h1.length > 2 ? 's' : ''}.`,
          manualReason: `The page has ${countWord(page.h1.length)} h1 headings; remove one in the editor (or the theme) so only "${keep}" stays. Seology can rename the post title, which is one of them, but cannot remove the other.`,
        };
      }
      const own = site.siteName?.toLowerCase();
      const base = (page.title ? titleParts(page.title).find((part) => part.toLowerCase() !== own) : undefined) ?? page.headings[0] ?? null;
      return make(base ? clip(base, 70) : null, 'Main heading taken from the page title without the site name.');
    }
    case 'imageAlt': {
      const image = imageOf(finding);
      if (!image) return { skip: 'no image without alt text on the page' };
      return make(altFrom(image.src, page), 'Alt text derived from the image file name and the page heading.', image.src);
    }
    case 'canonical': {
      // Duplicate content: the evidence names the other page; the shorter (then alphabetically first) URL is kept as the original.
      const other = [...(finding.evidence ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).pop();
      if (other && other !== page.url) {
        const original = [page.url, other].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
        if (original === page.url) return { skip: 'this page is the original of the duplicate content; the copy gets the canonical' };
        return make(original, `The main content duplicates ${original}; the canonical URL points search engines to that page.`);
      }
      const u = new URL(page.url);
      u.hash = '';
      return make(u.href, 'Self-referencing canonical URL of the page.');
    }
    case 'robots':
      if (!page.robots) return { skip: 'the page has no robots directives' };
      if (/nosnippet|max-snippet\s*:\s*0/i.test(page.robots)) {
        const kept = page.robots.split(',').map((d) => d.trim()).filter((d) => d && !/^(nosnippet|max-snippet\s*:\s*0)$/i.test(d));
        return make(kept.length ? kept.join(',') : 'index,follow', 'Allows text snippets again so results and AI answers can quote the page.');
      }
      return /noindex|nofollow|\bnone\b/i.test(page.robots)
        ? make('index,follow', 'Lets search engines index the page and follow its links (check the page should be public).')
        : { skip: 'robots directives look fine' };
    case 'jsonLd': {
      const built = buildJsonLd(page, site);
      return built ? make(built.json, `${built.type} structured data built from the visible page content.`, built.type) : { skip: 'not enough visible content for valid structured data' };
    }
    case 'redirect': {
      if (finding.checkId !== 'broken-internal-link') return { skip: `${finding.checkId} needs a person to change the redirect rules` };
      const broken = brokenUrlOf(finding);
      if (!broken) return { skip: 'the finding does not name the broken URL' };
      const best = bestRedirectTarget(broken, site.livePages ?? []);
      if (!best) return { skip: `no live page resembles ${broken}; a person has to choose where it should lead` };
      const from = new URL(broken);
      return make(
        best.url,
        `${from.pathname}${from.search} is broken (${(finding.evidence ?? '').replace(/^\S+\s*/, '').replace(/^\((.*)\)$/, '$1') || 'error'}) and linked from this page; a permanent (301) redirect sends visitors and link equity to ${best.url}, chosen because ${best.reason}. Check it is the right replacement.`,
        broken,
      );
    }
    case 'anchorText': {
      const link = linkOf(finding);
      if (!link) return { skip: 'the link is not in the page any more' };
      const text = anchorTextFor(link.href, site, page, link.text);
      if (!text) return { skip: `nothing on the site describes ${link.href}` };
      return { issueId: finding.issueId, field, target: link.href, before: link.text, after: text, rationale: `The link text names its destination (${link.href}) instead of "${link.text || '(empty)'}".`, method: 'RULE' };
    }
  }
}

export class RulesProposalGenerator implements ProposalGenerator {
  readonly name = 'rules' as const;

  generate(site: SiteContext, findings: FixableFinding[], ctx: GuardrailContext = guardrailContextOf(site)): Promise<GenerateResult> {
    const result: GenerateResult = { proposals: [], rejected: [] };
    const seen = new Set<string>();
    const keepers = duplicateKeepers(findings);
    for (const finding of findings) {
      if (keepers.has(finding.issueId)) {
        result.rejected.push({ issueId: finding.issueId, reason: 'of the pages sharing this value, this one keeps it; the other page is changed' });
        continue;
      }
      const raw = proposeByRule(finding, site, ctx);
      if ('skip' in raw) {
        result.rejected.push({ issueId: finding.issueId, reason: raw.skip });
        continue;
      }
      // Several pages linking the same broken URL need one redirect, not one per page.
      const key = raw.field === 'redirect' ? `redirect|${raw.target ?? ''}` : `${finding.page.url}|${raw.field}|${raw.target ?? ''}`;
      if (seen.has(key)) {
        result.rejected.push({ issueId: finding.issueId, field: raw.field, reason: 'another finding already proposes this change' });
        continue;
      }
      const checked = applyGuardrails({ ...raw, risk: riskOf(raw.field) }, finding.page, ctx);
      if (checked.ok) {
        seen.add(key);
        result.proposals.push(checked.proposal);
      } else result.rejected.push(checked.rejected);
    }
    return Promise.resolve(result);
  }
}

export function guardrailContextOf(site: SiteContext): GuardrailContext {
  return newGuardrailContext(site.existingTitles, site.existingDescriptions, { siteName: site.siteName, notBrands: site.notBrands });
}

const DUPLICATE_FIELD: Record<string, 'title' | 'metaDescription'> = { 'title-duplicate': 'title', 'meta-description-duplicate': 'metaDescription' };

/** How well a page's current value serves it: acceptable to the audit first, then its words found in the page's headings. */
function fitScore(field: 'title' | 'metaDescription', page: PageData): number {
  const value = field === 'title' ? page.title : page.description;
  const words = new Set((value ?? '').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const heading = `${page.h1.join(' ')} ${page.headings.slice(0, 3).join(' ')}`.toLowerCase();
  let shared = 0;
  for (const w of words) if (heading.includes(w)) shared++;
  return (acceptable(field, value) ? 1000 : 0) + shared;
}

/**
 * Of pages sharing a title (or description), the one it fits best keeps it: a duplicate is fixed by
 * changing the worse page, not both. Returns the issue ids of the keepers.
 */
export function duplicateKeepers(findings: FixableFinding[]): Set<string> {
  const groups = new Map<string, FixableFinding[]>();
  for (const f of findings) {
    const field = DUPLICATE_FIELD[f.checkId];
    if (!field) continue;
    const value = ((field === 'title' ? f.page.title : f.page.description) ?? '').trim().toLowerCase();
    const key = `${f.checkId}|${value}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const keepers = new Set<string>();
  for (const [key, group] of groups) {
    const field = DUPLICATE_FIELD[key.split('|')[0]!]!;
    // A page whose partner is not among the findings (fixed already, or turned down) is the one to change.
    if (group.length < 2) continue;
    const best = group.map((f) => ({ f, score: fitScore(field, f.page) }))
      .sort((a, b) => b.score - a.score || a.f.page.url.length - b.f.page.url.length || a.f.page.url.localeCompare(b.f.page.url))[0]!;
    keepers.add(best.f.issueId);
  }
  return keepers;
}
