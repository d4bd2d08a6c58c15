import { createHash } from 'node:crypto';
import type { Finding } from './model';

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
  message: string;
  evidence: string | null;
  pages: number;
  lastPage: number;
  examples: string[];
}

/** Enough to hold every cause of a check on a real site's templates; further causes of a check are not tracked. */
const MAX_CAUSES_PER_CHECK = 256;
const EXAMPLES = 5;
/** "Most pages": at least half of the audited pages, and at least this many. */
export const TEMPLATE_MIN_SHARE = 0.5;
export const TEMPLATE_MIN_PAGES = 3;

const causeOf = (f: Pick<Finding, 'message' | 'evidence'>): string => `${f.message}\n${f.evidence ?? ''}`;

export function templateKeyOf(f: Pick<Finding, 'checkId' | 'message' | 'evidence'>): string {
  return createHash('sha1').update(`template\n${f.checkId}\n${causeOf(f)}`).digest('hex').slice(0, 13);
}

/**
 * Counts, per check, the distinct pages of each cause as pages stream past. A cause on most pages
 * comes from a template: it is one fix, so it is reported once with its page count and examples
 * (the page rows stay available). A cause on half the pages is among the first a crawl meets, so
 * a bounded number of causes per check is enough.
 */
export class TemplateFindings {
  private readonly byCheck = new Map<string, Map<string, Cause>>();
  private page = 0;

  addPage(url: string, findings: readonly Finding[]): void {
    const page = ++this.page;
    for (const f of findings) {
      let causes = this.byCheck.get(f.checkId);
      if (causes === undefined) this.byCheck.set(f.checkId, (causes = new Map()));
      const key = causeOf(f);
      let cause = causes.get(key);
      if (cause === undefined) {
        if (causes.size >= MAX_CAUSES_PER_CHECK) continue;
        causes.set(key, (cause = { message: f.message, evidence: f.evidence, pages: 0, lastPage: 0, examples: [] }));
      }
      if (cause.lastPage === page) continue;
      cause.lastPage = page;
      cause.pages++;
      addExample(cause.examples, url);
    }
  }

  result(pagesAudited: number): TemplateFinding[] {
    const min = Math.max(TEMPLATE_MIN_PAGES, Math.ceil(pagesAudited * TEMPLATE_MIN_SHARE));
    const out: TemplateFinding[] = [];
    for (const [checkId, causes] of this.byCheck) {
      for (const c of causes.values()) {
        if (c.pages < min) continue;
        out.push({ checkId, templateKey: templateKeyOf({ checkId, message: c.message, evidence: c.evidence }), message: c.message, evidence: c.evidence, pages: c.pages, share: Math.round((c.pages / pagesAudited) * 1000) / 1000, examples: [...c.examples] });
      }
    }
    return out.sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : b.pages - a.pages || (a.templateKey < b.templateKey ? -1 : 1)));
  }

  /** Page counts of the causes on more than `minPages` pages (for the health score). */
  widespread(minPages: number): Array<{ checkId: string; pages: number }> {
    const out: Array<{ checkId: string; pages: number }> = [];
    for (const [checkId, causes] of this.byCheck) for (const c of causes.values()) if (c.pages > minPages) out.push({ checkId, pages: c.pages });
    return out;
  }

  snapshot(): unknown {
    return { page: this.page, byCheck: [...this.byCheck].map(([id, causes]) => [id, [...causes.values()]]) };
  }

  static restore(data: unknown): TemplateFindings {
    const t = new TemplateFindings();
    const d = data as { page: number; byCheck: Array<[string, Cause[]]> } | undefined;
    if (d === undefined || d === null) return t;
    t.page = d.page;
    for (const [id, causes] of d.byCheck) t.byCheck.set(id, new Map(causes.map((c) => [causeOf(c), { ...c, examples: [...c.examples] }])));
    return t;
  }
}

function addExample(examples: string[], url: string): void {
  if (examples.length === EXAMPLES && url >= examples[EXAMPLES - 1]) return;
  let i = examples.length;
  while (i > 0 && examples[i - 1] > url) i--;
  if (examples[i] === url) return;
  examples.splice(i, 0, url);
  if (examples.length > EXAMPLES) examples.pop();
}
