import type { PageData, Proposal, ProposalField, ProposalRisk, RejectedProposal } from './types';
import { validateJsonLd } from './json-ld';
import { cutMidPhrase, keptOutOfSearch, pixelLimitProblem, quotesChrome, shorten, undecodedEntity, wrongBrand } from './text-rules';

/** Texts that say nothing about where a link goes; a proposal must never suggest one of them. */
const GENERIC_TEXTS = new Set([
  'click here', 'click', 'here', 'read more', 'more', 'learn more', 'this', 'link', 'this link', 'more info', 'more information',
  'continue', 'continue reading', 'details', 'go', 'see more', 'find out more', 'view more', 'info', 'page', 'website', 'this page', 'home',
]);

export function isGenericLinkText(text: string): boolean {
  return GENERIC_TEXTS.has(text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim());
}

/** Character limits per field: [min, max]. Fields not listed only need to be non-empty. */
export const LENGTH_LIMITS: Partial<Record<ProposalField, [number, number]>> = {
  title: [30, 60],
  metaDescription: [70, 160],
  ogTitle: [10, 95],
  ogDescription: [30, 200],
  imageAlt: [1, 125],
  h1: [1, 70],
  anchorText: [1, 100],
};

/** Risk depends only on the field: what can drop a page from the index needs a person. */
export function riskOf(field: ProposalField): ProposalRisk {
  switch (field) {
    case 'imageAlt': case 'metaDescription': case 'ogTitle': case 'ogDescription':
      return 'LOW';
    case 'title': case 'h1': case 'jsonLd': case 'anchorText':
      return 'MEDIUM';
    case 'canonical': case 'robots': case 'redirect':
      return 'HIGH';
  }
}

const STOP = new Set(['The', 'A', 'An', 'And', 'Or', 'Of', 'In', 'On', 'For', 'To', 'With', 'Our', 'We', 'Your', 'How', 'What', 'Why', 'Learn', 'Discover', 'Read', 'See', 'Find', 'Get', 'This', 'Is', 'At', 'By', 'From', 'About']);

/**
 * Facts only from the page, kept deliberately simple: every number (digits) and every capitalised
 * word that is not the first word of a sentence or a common function word must occur in the
 * page's text (case-insensitive). This catches invented prices, years, counts and brand names; it
 * does not try to judge paraphrases.
 */
export function unsupportedFacts(value: string, page: PageData): string[] {
  const haystack = `${page.text} ${page.title ?? ''} ${page.description ?? ''} ${page.h1.join(' ')} ${page.url} ${page.images.map((i) => i.src).join(' ')}`.toLowerCase();
  const missing: string[] = [];
  for (const n of value.match(/\d+(?:[.,]\d+)*/g) ?? []) if (!haystack.includes(n.toLowerCase())) missing.push(n);
  const sentences = value.split(/(?<=[.!?:|–-])\s+/);
  for (const sentence of sentences) {
    const words = sentence.split(/\s+/).slice(1);
    for (const raw of words) {
      const word = raw.replace(/[^\p{L}\p{N}'’-]/gu, '');
      if (!/^\p{Lu}/u.test(word) || STOP.has(word)) continue;
      if (!haystack.includes(word.toLowerCase())) missing.push(word);
    }
  }
  return [...new Set(missing)];
}

function primaryLang(lang: string | null | undefined): string | null {
  return lang ? lang.toLowerCase().split('-')[0]! : null;
}

/**
 * At most `max` characters, shortened only at a sentence or clause boundary (never inside a word
 * or phrase); null when the text has no such boundary that fits.
 */
export function clip(text: string, max: number): string | null {
  return shorten(text, (candidate) => candidate.length <= max);
}

export interface GuardrailContext {
  /** Lower-cased titles already taken on the site (existing pages plus proposals accepted so far). */
  titles: Set<string>;
  descriptions: Set<string>;
  /** The site's own name (may brand a text) and names that must not (connection label, domain, host). */
  siteName: string | null;
  notBrands: string[];
}

export function newGuardrailContext(
  existingTitles: string[] = [],
  existingDescriptions: string[] = [],
  brand: { siteName?: string | null; notBrands?: string[] } = {},
): GuardrailContext {
  return {
    titles: new Set(existingTitles.map((t) => t.trim().toLowerCase())),
    descriptions: new Set(existingDescriptions.map((t) => t.trim().toLowerCase())),
    siteName: brand.siteName ?? null,
    notBrands: brand.notBrands ?? [],
  };
}

/** Fields whose value is text a visitor reads. */
const TEXT_FIELDS = new Set<ProposalField>(['title', 'metaDescription', 'ogTitle', 'ogDescription', 'imageAlt', 'h1', 'anchorText']);

/**
 * Rules every text must pass before it is published, from the rules and from Claude alike: decoded
 * entities, only the page's own content, the site's own name as the only brand, no cut inside a
 * phrase, and the width the audit allows. Returns the reason it fails, or null.
 */
export function textProblem(field: ProposalField, value: string, page: PageData, ctx: Pick<GuardrailContext, 'siteName' | 'notBrands'>): string | null {
  if (!TEXT_FIELDS.has(field)) return null;
  const entity = undecodedEntity(value);
  if (entity) return `contains the undecoded reference "${entity}"`;
  if (field !== 'anchorText') {
    // The site's own name is in the theme's header by nature; branding with it is not quoting the chrome.
    const own = ctx.siteName?.trim();
    const chrome = quotesChrome(own ? value.split(own).join(' ') : value, page);
    if (chrome) return chrome;
  }
  const brand = wrongBrand(value, ctx.notBrands, ctx.siteName);
  if (brand) return brand;
  // A whole heading of the page is a whole phrase, although the page's text runs on after it.
  const wholeHeading = [...page.h1, ...page.headings].some((h) => h.replace(/\s+/g, ' ').trim() === value.trim());
  if (field !== 'anchorText' && !wholeHeading && cutMidPhrase(value, [page.firstParagraph, page.text, page.h1[0] ?? null, page.title, page.headings[0] ?? null])) {
    return 'stops in the middle of a phrase of the page';
  }
  return pixelLimitProblem(field, value);
}

/** Suffix candidates from the page itself, to make a duplicate title or description unique. */
function suffixesFrom(page: PageData): string[] {
  const path = new URL(page.url).pathname.split('/').filter(Boolean).pop();
  const fromPath = path ? path.replace(/[-_]+/g, ' ').replace(/\.\w+$/, '').replace(/^\w/, (c) => c.toUpperCase()) : null;
  return [...page.headings.slice(0, 3), ...page.h1.slice(0, 1), ...(fromPath ? [fromPath] : [])].filter((s) => s.length > 0 && s.length < 40);
}

/**
 * Applies every rule to one proposal: risk by field, length limits, facts from the page (AI only),
 * language of the page (AI only, `lang` as the model reported it), JSON-LD validity and site-wide
 * uniqueness of titles and descriptions (a duplicate title gets a suffix taken from the page; a
 * duplicate description is refused: the generator picks other sentences of the page).
 * Returns the (possibly adjusted) proposal or the reason it was rejected.
 */
export function applyGuardrails(
  proposal: Proposal,
  page: PageData,
  ctx: GuardrailContext,
  opts: { lang?: string | null } = {},
): { ok: true; proposal: Proposal } | { ok: false; rejected: RejectedProposal } {
  const reject = (reason: string) => ({ ok: false as const, rejected: { issueId: proposal.issueId, field: proposal.field, reason } });
  const p: Proposal = { ...proposal, after: proposal.after.replace(/\s+/g, proposal.field === 'jsonLd' ? ' ' : ' ').trim(), risk: riskOf(proposal.field) };
  if (!p.after) return reject('empty value');
  if (p.before !== null && p.after === p.before) return reject('the proposed value is the current value');
  const kept = keptOutOfSearch(page.url);
  if (kept) return reject(`the platform keeps this page out of search on purpose (${kept}); nothing to fix`);

  if (p.method === 'AI') {
    const pageLang = primaryLang(page.lang);
    const outLang = primaryLang(opts.lang);
    if (pageLang && outLang && pageLang !== outLang) return reject(`written in "${outLang}" but the page is in "${pageLang}"`);
    if (p.field !== 'jsonLd' && p.field !== 'canonical' && p.field !== 'redirect') {
      const missing = unsupportedFacts(p.after, page);
      if (missing.length) return reject(`uses facts not on the page: ${missing.slice(0, 5).join(', ')}`);
    }
  }

  if (p.field === 'jsonLd') {
    const problems = validateJsonLd(p.after);
    if (problems.length) return reject(`invalid JSON-LD: ${problems.join('; ')}`);
  }
  if (p.field === 'canonical') {
    try {
      const u = new URL(p.after);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return reject('canonical must be an http(s) URL');
      if (u.host !== new URL(page.url).host) return reject('canonical must stay on the same site');
    } catch {
      return reject('canonical is not an absolute URL');
    }
  }

  if (p.field === 'redirect') {
    // A redirect leads from a broken address of this site to a live page of the same site, never elsewhere.
    try {
      const to = new URL(p.after);
      const from = new URL(p.target ?? '', page.url);
      if (to.protocol !== 'http:' && to.protocol !== 'https:') return reject('a redirect must lead to an http(s) URL');
      if (to.host !== new URL(page.url).host || from.host !== to.host) return reject('a redirect must stay on the same site');
      if (from.pathname === to.pathname && from.search === to.search) return reject('a redirect cannot lead to itself');
    } catch {
      return reject('a redirect needs absolute URLs');
    }
  }
  if (p.field === 'anchorText' && isGenericLinkText(p.after)) return reject('the new link text is as generic as the old one');

  // A description is made unique by the generator with other sentences of the page: a heading glued
  // after a sentence ("... start writing! Hello world!") is not worth publishing.
  if (p.field === 'metaDescription' && ctx.descriptions.has(p.after.toLowerCase())) {
    return reject('duplicates another page\'s description, and the page has no other sentences to tell it apart');
  }
  if (p.field === 'title') {
    const taken = ctx.titles;
    const max = LENGTH_LIMITS.title![1];
    if (taken.has(p.after.toLowerCase())) {
      const separator = ' – ';
      const unique = suffixesFrom(page)
        .map((s) => {
          const base = clip(p.after, max - separator.length - s.length);
          return base ? `${base}${separator}${s}` : null;
        })
        .find((candidate): candidate is string => candidate !== null && !taken.has(candidate.toLowerCase()) && candidate.length <= max);
      if (!unique) return reject('duplicates another page\'s title and the page offers nothing to tell it apart');
      p.after = unique;
      p.rationale += ' Made unique on the site with a suffix from the page.';
    }
  }

  const limits = LENGTH_LIMITS[p.field];
  if (limits && (p.after.length < limits[0] || p.after.length > limits[1])) {
    return reject(`${p.field} must be ${limits[0]}-${limits[1]} characters (got ${p.after.length})`);
  }
  const problem = textProblem(p.field, p.after, page, ctx);
  if (problem) return reject(problem);
  if (p.field === 'title') ctx.titles.add(p.after.toLowerCase());
  if (p.field === 'metaDescription') ctx.descriptions.add(p.after.toLowerCase());
  return { ok: true, proposal: p };
}
