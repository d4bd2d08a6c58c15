import type { FixField } from '@seology/contracts';

export type PlatformName = 'wordpress' | 'shopify' | 'snippet';

/**
 * `term`: a category, tag or other taxonomy archive; `home`: the front page when it lists the latest
 * posts (a static front page is a `page`).
 */
export const RESOURCE_KINDS = ['post', 'page', 'product', 'collection', 'article', 'media', 'term', 'home'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const SEO_FIELDS = [
  'title',
  'metaDescription',
  'imageAlt',
  'h1',
  'canonical',
  'robots',
  'ogTitle',
  'ogDescription',
  'jsonLd',
  'redirect',
] as const satisfies readonly FixField[];
/** The fields a connector writes through a platform: every fix field but anchorText (link text is edited in the content). */
export type SeoField = (typeof SEO_FIELDS)[number];

/** A thing on the platform that owns SEO fields and has a public URL. */
export interface ResourceRef {
  platform: PlatformName;
  kind: ResourceKind;
  /**
   * The platform's own id: WordPress numeric id as a string, Shopify GID
   * ("gid://shopify/Product/1"), snippet: the normalised page URL.
   */
  id: string;
  /** Public URL of the resource as the platform reports it. */
  url: string;
  title?: string;
}

export interface ImageAlt {
  /** Platform id of the image where it has one (WordPress attachment id, Shopify MediaImage GID). */
  id: string | null;
  src: string;
  /** null when the image has no alt attribute at all ("" is an explicit empty alt). */
  alt: string | null;
}

/**
 * SEO values as stored on the platform. null means "not set here": the platform (theme, SEO
 * plugin) renders its default, e.g. the post title as the <title>.
 */
export interface SeoFields {
  title: string | null;
  metaDescription: string | null;
  /** The visible heading: post/product title on CMS platforms. */
  h1: string | null;
  canonical: string | null;
  /** Robots directives, comma separated and lower case, e.g. "noindex" or "noindex,nofollow". */
  robots: string | null;
  ogTitle: string | null;
  ogDescription: string | null;
  images: ImageAlt[];
  /** JSON-LD blocks, each a JSON text, where the platform exposes them. */
  jsonLd: string[];
}

/**
 * One change to make. `target` selects what within the resource the change is about:
 * - imageAlt: the image id (WordPress attachment id, Shopify MediaImage GID) or its src URL;
 *   for the snippet also a CSS selector (anything not starting with "/", "http:", "https:" or "//").
 * - redirect: the source path to redirect from ("/old-page"); `value` is the destination.
 * - jsonLd (snippet): an optional key so several blocks can live on one page.
 */
export interface SeoChange {
  field: SeoField;
  target?: string;
  value: string;
}

/**
 * What was written, with the value the platform held right before. `before` and `after` are in the
 * platform's stored form (e.g. Yoast keeps noindex as "1", Rank Math robots as a JSON array), so a
 * revert writes back exactly what was there; null means the value was not set at all.
 */
export interface AppliedChange {
  platform: PlatformName;
  ref: ResourceRef;
  field: SeoField;
  target?: string;
  /** The value asked for. */
  value: string;
  before: string | null;
  /** As read back from the platform after the write (platforms may normalise what they store). */
  after: string | null;
  appliedAt: string;
  /** Platform bookkeeping a revert needs (created redirect id, snippet fix ids). */
  meta?: Record<string, string>;
}

export interface RevertedChange {
  field: SeoField;
  target?: string;
  /** The value put back. */
  restored: string | null;
  /** The live value that was replaced (differs from `applied.after` only when forced). */
  replaced: string | null;
  forced: boolean;
}

export interface ConnectorCapabilities {
  platform: PlatformName;
  /** Every field settable on at least one kind of resource. */
  fields: SeoField[];
  /** Settable fields per kind of resource; kinds the platform does not have are absent. */
  byKind: Partial<Record<ResourceKind, SeoField[]>>;
  /** Why a field is not settable, for the fix engine to show a person. */
  unsupported: Partial<Record<SeoField, string>>;
  /** WordPress only: the plugins that decide what is settable. */
  wordpress?: WordPressSetup;
}

export interface WordPressSetup {
  /** Version of the Seology plugin for WordPress; null when it is not active. */
  companionPlugin: string | null;
  /** The SEO plugin whose fields are written; null when neither Yoast SEO nor Rank Math is seen. */
  seoPlugin: 'yoast' | 'rankmath' | null;
  /** Where redirects are written; null when none can be. */
  redirects: 'seology' | 'redirection' | null;
}

export type VerifyResult = { ok: true; siteName?: string } | { ok: false; reason: string };

export interface ListResourcesOptions {
  cursor?: string;
  kinds?: ResourceKind[];
}

export interface ResourcePage {
  items: ResourceRef[];
  /** Opaque; pass back as `cursor`. null when there is nothing more. */
  nextCursor: string | null;
}

export interface RevertOptions {
  /** Restore even if the live value is no longer the one we wrote. */
  force?: boolean;
}

/** The one interface the fix engine talks to, whatever the platform. */
export interface PlatformConnector {
  readonly platform: PlatformName;
  verify(): Promise<VerifyResult>;
  capabilities(): Promise<ConnectorCapabilities>;
  listResources(opts?: ListResourcesOptions): Promise<ResourcePage>;
  findResourceByUrl(url: string): Promise<ResourceRef | null>;
  readSeoFields(ref: ResourceRef): Promise<SeoFields>;
  applyChange(ref: ResourceRef, change: SeoChange): Promise<AppliedChange>;
  /**
   * The value `applyChange` would replace, in the platform's stored form (what it records as
   * `before`). A caller that records this before writing can tell, after a crash, whether its write
   * reached the platform, instead of writing a second time. Absent on platforms without stored values.
   */
  readStoredValue?(ref: ResourceRef, change: Pick<SeoChange, 'field' | 'target'>): Promise<string | null>;
  revertChange(ref: ResourceRef, applied: AppliedChange, opts?: RevertOptions): Promise<RevertedChange>;
}

/** True when `caps` says `field` can be changed on resources of `kind`. */
export function canChange(caps: ConnectorCapabilities, kind: ResourceKind, field: SeoField): boolean {
  return caps.byKind[kind]?.includes(field) ?? false;
}

export function emptySeoFields(): SeoFields {
  return {
    title: null,
    metaDescription: null,
    h1: null,
    canonical: null,
    robots: null,
    ogTitle: null,
    ogDescription: null,
    images: [],
    jsonLd: [],
  };
}
