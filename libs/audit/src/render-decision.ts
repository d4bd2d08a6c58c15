import type { PageRenderRecord, RenderFacts } from './model';
import { PageAuditor, renderRecordOfSample, type PageAuditOptions, type RenderSampleInput } from './page-audit';

/** What makes a rendered sample page differ materially from its raw HTML. */
export type RenderDifference = 'links' | 'content' | 'title' | 'h1' | 'canonical' | 'robots';

/** Whether a site needs JavaScript rendering, decided from a few pages rendered as samples. */
export interface RenderVerdict {
  render: boolean;
  /** Sample pages the browser rendered (crashed ones are not counted). */
  sampled: number;
  /** Sample pages whose rendered version differs materially from the raw HTML. */
  differing: number;
  /** Pages per difference (a page can count under several). */
  differences: Record<RenderDifference, number>;
  /** One sentence for the crawl summary. */
  summary: string;
}

/** New internal links that make a clear margin: at least this many ... */
export const AUTO_RENDER_MIN_NEW_LINKS = 3;
/** ... and at least this share (percent) of the raw page's internal links. */
export const AUTO_RENDER_MIN_LINK_GROWTH_PERCENT = 25;
/** Rendered main text must be at least this many words, and this share (percent) larger than the raw text. */
export const AUTO_RENDER_MIN_WORDS = 50;
export const AUTO_RENDER_MIN_CONTENT_GROWTH_PERCENT = 50;
/** Rendering is switched on once at least this share (percent) of the rendered samples differs. */
export const AUTO_RENDER_MIN_DIFFERING_PERCENT = 20;

const ORDER: readonly RenderDifference[] = ['links', 'content', 'title', 'h1', 'canonical', 'robots'];

const PHRASES: Record<RenderDifference, string> = {
  links: 'show links only after JavaScript',
  content: 'show their main content only after JavaScript',
  title: 'get or change their title in JavaScript',
  h1: 'get or change their main heading in JavaScript',
  canonical: 'get or change their canonical URL in JavaScript',
  robots: 'change their robots meta tag in JavaScript',
};

const same = (a: string | null, b: string | null): boolean => (a ?? '').replace(/\s+/g, ' ').trim() === (b ?? '').replace(/\s+/g, ' ').trim();

/** The material differences between the raw and rendered facts of one page. */
export function renderDifferences(raw: RenderFacts, rendered: RenderFacts): RenderDifference[] {
  const out: RenderDifference[] = [];
  const newLinks = rendered.internalLinks - raw.internalLinks;
  if (newLinks >= AUTO_RENDER_MIN_NEW_LINKS && newLinks * 100 >= raw.internalLinks * AUTO_RENDER_MIN_LINK_GROWTH_PERCENT) out.push('links');
  if (rendered.wordCount >= AUTO_RENDER_MIN_WORDS && rendered.wordCount * 100 >= raw.wordCount * (100 + AUTO_RENDER_MIN_CONTENT_GROWTH_PERCENT)) out.push('content');
  if (!same(raw.title, rendered.title)) out.push('title');
  if (!same(raw.h1, rendered.h1)) out.push('h1');
  if (raw.canonical !== rendered.canonical) out.push('canonical');
  if (raw.noindex !== rendered.noindex || !same(raw.robots?.toLowerCase() ?? null, rendered.robots?.toLowerCase() ?? null)) out.push('robots');
  return out;
}

/**
 * The `auto` rendering decision: render the whole crawl when enough sample pages look materially
 * different once JavaScript ran. Pure: the caller renders the samples and audits them (each page's
 * outcome carries its PageRenderRecord in `summary.render`).
 */
export function shouldRenderSite(samples: readonly PageRenderRecord[]): RenderVerdict {
  const differences: Record<RenderDifference, number> = { links: 0, content: 0, title: 0, h1: 0, canonical: 0, robots: 0 };
  let sampled = 0;
  let differing = 0;
  for (const sample of samples) {
    if (sample.rendered === null) continue;
    sampled++;
    const found = renderDifferences(sample.raw, sample.rendered);
    if (found.length > 0) differing++;
    for (const difference of found) differences[difference]++;
  }
  const render = differing > 0 && differing * 100 >= sampled * AUTO_RENDER_MIN_DIFFERING_PERCENT;
  return { render, sampled, differing, differences, summary: verdictSummary(render, sampled, differing, differences, samples.length) };
}

function verdictSummary(render: boolean, sampled: number, differing: number, differences: Record<RenderDifference, number>, tried: number): string {
  const pages = (n: number): string => `${n} sample page${n === 1 ? '' : 's'}`;
  if (sampled === 0) {
    return tried === 0 ? 'Rendering not needed: no sample page was rendered.' : `Rendering not switched on: none of ${pages(tried)} could be rendered.`;
  }
  let top: RenderDifference = 'links';
  for (const difference of ORDER) if (differences[difference] > differences[top]) top = difference;
  if (render) return `Rendering switched on: ${differences[top]} of ${pages(sampled)} ${PHRASES[top]}.`;
  if (differing === 0) return `Rendering not needed: ${sampled === 1 ? 'the sample page looks' : `all ${pages(sampled)} look`} the same with and without JavaScript.`;
  return `Rendering not needed: only ${differences[top]} of ${pages(sampled)} ${PHRASES[top]}.`;
}

/** shouldRenderSite over sample pages as the crawler holds them (raw HTML and snapshot), read as the audit would. */
export function decideRendering(samples: readonly RenderSampleInput[], options: PageAuditOptions): RenderVerdict {
  const auditor = new PageAuditor(options);
  const records: PageRenderRecord[] = [];
  for (const sample of samples) {
    const record = renderRecordOfSample(auditor, sample);
    if (record !== null) records.push(record);
  }
  return shouldRenderSite(records);
}
