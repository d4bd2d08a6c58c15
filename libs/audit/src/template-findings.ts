import { createHash } from 'node:crypto';
import type { Finding } from './model';
import { NumberIntMap } from './site/storage';
import { hash52 } from './text/text-stats';

/** A finding with one cause (same check, same message and value) on most pages: one template fix, reported once. */
export interface TemplateFinding {
  checkId: string;
  /** Stable across runs (13 hex digits, see templateKeyOf); rows of this cause match it in a baseline. */
  templateKey: string;
  message: string;
  evidence: string | null;
  /** Distinct pages with this cause. */
  pages: number;
  /** pages / pages audited. */
  share: number;
  /** A few affected URLs, smallest first. */
  examples: string[];
}

interface Cause {
  checkId: string;
  message: string;
  evidence: string | null;
  examples: string[];
}

/**
 * Causes whose page count is kept exactly (by a 52-bit hash, ~30 bytes each): every cause of a
 * 100,000-page crawl at a few distinct causes per page. Past it, pages with a new cause are counted
 * per check as untracked, and a check whose untracked pages could hold a widespread cause is
 * listed by incompleteChecks() instead of being silently wrong.
 */
export const MAX_COUNTED_CAUSES = 500_000;
/** Causes whose text is kept from their first page, per check; any other cause from its TEMPLATE_MIN_PAGES-th page. */
const TEXT_FROM_FIRST_PAGE_PER_CHECK = 256;
/** Cause texts kept at most (message, value and examples each). */
export const MAX_CAUSE_TEXTS = 20_000;
const EXAMPLES = 5;
/** "Most pages": at least half of the audited pages, and at least this many. */
export const TEMPLATE_MIN_SHARE = 0.5;
export const TEMPLATE_MIN_PAGES = 3;

const causeOf = (f: Pick<Finding, 'message' | 'evidence'>): string => `${f.message}\n${f.evidence ?? ''}`;

export function templateKeyOf(f: Pick<Finding, 'checkId' | 'message' | 'evidence'>): string {
  return createHash('sha1').update(`template\n${f.checkId}\n${causeOf(f)}`).digest('hex').slice(0, 13);
}

interface TemplateSnapshot {
  version: 2;
  page: number;
  counts: Array<[number, number]>;
  texts: Array<[number, Cause]>;
  textsPerCheck: Array<[string, number]>;
  untracked: Array<[string, number]>;
  textless: string[];
}

/**
 * Counts, per check, the distinct pages of each cause as pages stream past. A cause on most pages
 * comes from a template: it is one fix, so it is reported once with its page count and examples
 * (the page rows stay available). Counts are exact for every cause (hashed), texts are kept for the
 * causes that can be reported; see MAX_COUNTED_CAUSES for the one bound and how it is made visible.
 */
export class TemplateFindings {
  private counts = new NumberIntMap(4096);
  private texts = new Map<number, Cause>();
  private textsPerCheck = new Map<string, number>();
  /** Pages, per check, with a cause that found no counter (MAX_COUNTED_CAUSES reached). */
  private untracked = new Map<string, number>();
  /** Checks with a cause on TEMPLATE_MIN_PAGES pages whose text could not be kept. */
  private textless = new Set<string>();
  private page = 0;

  /** `maxCountedCauses` lowers the bound (tests); a restored instance uses the default. */
  constructor(private readonly maxCountedCauses = MAX_COUNTED_CAUSES) {}

  addPage(url: string, findings: readonly Finding[]): void {
    this.page++;
    const seen = new Set<number>();
    const untrackedChecks = new Set<string>();
    for (const f of findings) {
      const key = hash52(`${f.checkId}\n${causeOf(f)}`);
      if (seen.has(key)) continue;
      seen.add(key);
      const before = this.counts.get(key);
      if (before === undefined && this.counts.size >= this.maxCountedCauses) {
        if (!untrackedChecks.has(f.checkId)) {
          untrackedChecks.add(f.checkId);
          this.untracked.set(f.checkId, (this.untracked.get(f.checkId) ?? 0) + 1);
        }
        continue;
      }
      const pages = (before ?? 0) + 1;
      this.counts.set(key, pages);
      let text = this.texts.get(key);
      if (text === undefined) {
        const perCheck = this.textsPerCheck.get(f.checkId) ?? 0;
        if ((pages === 1 && perCheck < TEXT_FROM_FIRST_PAGE_PER_CHECK) || pages === TEMPLATE_MIN_PAGES) {
          if (this.texts.size < MAX_CAUSE_TEXTS) {
            text = { checkId: f.checkId, message: f.message, evidence: f.evidence, examples: [] };
            this.texts.set(key, text);
            this.textsPerCheck.set(f.checkId, perCheck + 1);
          } else if (pages === TEMPLATE_MIN_PAGES) this.textless.add(f.checkId);
        }
      }
      if (text !== undefined) addExample(text.examples, url);
    }
  }

  result(pagesAudited: number): TemplateFinding[] {
    const min = Math.max(TEMPLATE_MIN_PAGES, Math.ceil(pagesAudited * TEMPLATE_MIN_SHARE));
    const out: TemplateFinding[] = [];
    for (const [key, c] of this.texts) {
      const pages = this.counts.get(key) ?? 0;
      if (pages < min) continue;
      out.push({ checkId: c.checkId, templateKey: templateKeyOf(c), message: c.message, evidence: c.evidence, pages, share: Math.round((pages / pagesAudited) * 1000) / 1000, examples: [...c.examples] });
    }
    return out.sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : b.pages - a.pages || (a.templateKey < b.templateKey ? -1 : 1)));
  }

  /** Exact page counts of the causes on more than `minPages` pages (for the health score). */
  widespread(minPages: number): Array<{ checkId: string; pages: number }> {
    const out: Array<{ checkId: string; pages: number }> = [];
    for (const [key, c] of this.texts) {
      const pages = this.counts.get(key) ?? 0;
      if (pages > minPages) out.push({ checkId: c.checkId, pages });
    }
    return out.sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : b.pages - a.pages));
  }

  /**
   * Checks for which a cause on more than `minPages` pages could have gone unseen (counters or texts
   * ran out). Empty on any crawl within the bounds. Such a cause is not grouped and its pages count
   * in full in the score: never a lower count, only a missed grouping.
   */
  incompleteChecks(minPages: number): string[] {
    const out = new Set(this.textless);
    for (const [checkId, pages] of this.untracked) if (pages > minPages) out.add(checkId);
    return [...out].sort();
  }

  snapshot(): unknown {
    const snapshot: TemplateSnapshot = {
      version: 2,
      page: this.page,
      counts: this.counts.entries(),
      texts: [...this.texts].map(([key, c]) => [key, { ...c, examples: [...c.examples] }]),
      textsPerCheck: [...this.textsPerCheck],
      untracked: [...this.untracked],
      textless: [...this.textless],
    };
    return snapshot;
  }

  static restore(data: unknown): TemplateFindings {
    const t = new TemplateFindings();
    const d = data as TemplateSnapshot | undefined;
    // Snapshots of the earlier format start the grouping afresh (the page rows themselves are unaffected).
    if (d === undefined || d === null || d.version !== 2) return t;
    t.page = d.page;
    t.counts = NumberIntMap.fromEntries(d.counts);
    t.texts = new Map(d.texts.map(([key, c]) => [key, { ...c, examples: [...c.examples] }]));
    t.textsPerCheck = new Map(d.textsPerCheck);
    t.untracked = new Map(d.untracked);
    t.textless = new Set(d.textless);
    return t;
  }
}

function addExample(examples: string[], url: string): void {
  if (examples.length === EXAMPLES && url >= (examples[EXAMPLES - 1] ?? '')) return;
  let i = examples.length;
  while (i > 0 && (examples[i - 1] ?? '') > url) i--;
  if (examples[i] === url) return;
  examples.splice(i, 0, url);
  if (examples.length > EXAMPLES) examples.pop();
}
