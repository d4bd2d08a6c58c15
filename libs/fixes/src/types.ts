import type { FixField, FixKind } from '@seology/contracts';

/** The SEO field a proposal changes (stored as `Fix.type`): the contracts' FixField. */
export type ProposalField = FixField;
export type ProposalRisk = 'LOW' | 'MEDIUM' | 'HIGH';

/** The audit catalogue's `fixKind` values (defined in the contracts). */
export type { FixKind };

/** What a page visibly says: the only source of facts a proposal may use. */
export interface PageData {
  url: string;
  /** <html lang>, e.g. "en" or "de-AT"; null when the page does not say. */
  lang: string | null;
  title: string | null;
  description: string | null;
  h1: string[];
  /** h2 and h3 texts in document order. */
  headings: string[];
  firstParagraph: string | null;
  /** The content's paragraphs, in order. */
  paragraphs?: string[];
  /** The page's own content (never menus, header, footer, sidebar, forms, comments, banners), whitespace collapsed (capped). */
  text: string;
  /** The rest of the visible text (theme chrome), one line per text node: what a proposal must never quote. */
  chromeText?: string;
  images: Array<{ src: string; alt: string | null }>;
  canonical: string | null;
  robots: string | null;
  ogTitle: string | null;
  ogDescription: string | null;
  jsonLd: string[];
  /** Links in the body, href made absolute, text as a reader sees it ("" for an empty link). */
  links?: Array<{ href: string; text: string }>;
  /** <meta name="author"> / <time datetime> where the page has them (Article JSON-LD). */
  author: string | null;
  datePublished: string | null;
  /** Names the page gives its site: og:site_name, JSON-LD WebSite/Organization name. */
  siteNames?: string[];
  /** The served HTML, kept for the self-check (a proposal is applied to a copy and re-audited). */
  html?: string;
}

export interface SiteContext {
  /**
   * The site's own name (WordPress site title, og:site_name, JSON-LD WebSite/Organization name, the
   * common title suffix of its pages); null when the site does not say. Never a connection label or domain.
   */
  siteName: string | null;
  /** The separator the site's titles put between page and site name ("|", "–"); "–" (WordPress's) when unknown. */
  titleSeparator?: string | null;
  /** Names that must never brand a text: the connection's label, the domain, the host, IP addresses. */
  notBrands?: string[];
  siteUrl: string;
  /** Titles and descriptions already in use on the site (other pages), for uniqueness. */
  existingTitles?: string[];
  existingDescriptions?: string[];
  /** Pages of the site that answered 200 in the last crawl: destinations for redirects and link texts. */
  livePages?: LivePage[];
}

export interface LivePage {
  url: string;
  title: string | null;
}

export interface FixableFinding {
  issueId: string;
  /** Audit check id, e.g. "title-missing". */
  checkId: string;
  fixKind: FixKind;
  selector?: string | null;
  evidence?: string | null;
  page: PageData;
}

export interface Proposal {
  issueId: string;
  field: ProposalField;
  /** Image src for imageAlt, JSON-LD type for jsonLd, the broken URL for redirect, the link's href for anchorText. */
  target?: string;
  before: string | null;
  after: string;
  risk: ProposalRisk;
  rationale: string;
  method: 'RULE' | 'AI';
  /**
   * Set when no connector can make this change as proposed (e.g. an h1 fix that cannot remove the
   * extra heading, which lives in the theme): the proposal is advice for a person, never applied automatically.
   */
  manualReason?: string;
}

export interface RejectedProposal {
  issueId: string;
  field?: ProposalField;
  reason: string;
}

export interface GeneratorUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

export interface GenerateResult {
  proposals: Proposal[];
  rejected: RejectedProposal[];
  usage?: GeneratorUsage;
  model?: string;
}

export interface ProposalGenerator {
  readonly name: 'rules' | 'claude';
  generate(site: SiteContext, findings: FixableFinding[]): Promise<GenerateResult>;
}
