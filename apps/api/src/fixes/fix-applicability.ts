import type { Connection } from '@prisma/client';
import { canChange, SEO_FIELDS, SNIPPET_FIELDS, type ConnectorCapabilities, type ResourceKind, type SeoField } from '@seology/connectors';

export type Applicability = { applicable: true } | { applicable: false; reason: string };

/**
 * What is known about the URL a fix would change: the kind of resource the platform has there, null
 * when the platform has no resource at that URL (an archive, a login page), undefined when the
 * lookup could not be made (the site did not answer) and only the site-wide capabilities count.
 */
export interface ApplicabilityContext {
  platform: Connection['platform'];
  /** null when the connection check could not read them: nothing is ruled out then. */
  capabilities: ConnectorCapabilities | null;
  resourceKind: ResourceKind | null | undefined;
}

const PLATFORM_LABEL: Record<Connection['platform'], string> = { WORDPRESS: 'WordPress', SHOPIFY: 'Shopify', CUSTOM: 'snippet' };

const KIND_LABEL: Record<ResourceKind, string> = {
  post: 'posts',
  page: 'pages',
  product: 'products',
  collection: 'collections',
  article: 'blog articles',
  media: 'media',
  term: 'category and tag archives',
  home: 'the home page',
};

export const ANCHOR_TEXT_MANUAL =
  'Link text lives inside the page content, which Seology does not rewrite through the platform API (saving the whole content could overwrite edits made meanwhile); edit the link text in the page editor.';

const SNIPPET_REDIRECT_MANUAL = 'A script in the page cannot answer with an HTTP 301; add this redirect in the web server, CDN or CMS of the site.';

/**
 * Whether the connection can make this change on that URL. A fix that cannot be made is not a
 * proposal but a manual recommendation, with the reason a person can act on (what would unlock it).
 */
export function fixApplicability(field: string, ctx: ApplicabilityContext): Applicability {
  if (field === 'anchorText') return { applicable: false, reason: ANCHOR_TEXT_MANUAL };
  if (!(SEO_FIELDS as readonly string[]).includes(field)) return { applicable: false, reason: `Seology cannot change "${field}" on any platform; make this change by hand.` };
  const seoField = field as SeoField;
  if (ctx.platform === 'CUSTOM') {
    if (seoField === 'redirect') return { applicable: false, reason: SNIPPET_REDIRECT_MANUAL };
    return (SNIPPET_FIELDS as readonly string[]).includes(seoField)
      ? { applicable: true }
      : { applicable: false, reason: `The snippet cannot change ${seoField} in the browser; make this change in the site's source.` };
  }
  const caps = ctx.capabilities;
  if (!caps) return { applicable: true };
  const unlock = caps.unsupported[seoField];
  if (ctx.resourceKind === undefined) {
    return caps.fields.includes(seoField) ? { applicable: true } : { applicable: false, reason: unlockReason(unlock, seoField, ctx.platform) };
  }
  if (ctx.resourceKind === null) {
    const kinds = (Object.keys(caps.byKind) as ResourceKind[]).filter((k) => caps.byKind[k]?.length).map((k) => KIND_LABEL[k]);
    const archives = ctx.platform === 'WORDPRESS' && !caps.wordpress?.companionPlugin ? ' Install the Seology plugin to let Seology change category and tag archives and a home page that lists posts.' : '';
    return {
      applicable: false,
      reason: `This URL is not a ${PLATFORM_LABEL[ctx.platform]} item Seology can edit (it changes ${kinds.join(', ') || 'nothing here'}); make this change in the theme or by hand.${archives}`,
    };
  }
  if (canChange(caps, ctx.resourceKind, seoField)) return { applicable: true };
  return { applicable: false, reason: unlockReason(unlock, seoField, ctx.platform, ctx.resourceKind) };
}

function unlockReason(unlock: string | undefined, field: SeoField, platform: Connection['platform'], kind?: ResourceKind): string {
  if (unlock) return unlock.endsWith('.') ? unlock : `${unlock}.`;
  return `Seology cannot change ${field}${kind ? ` on ${KIND_LABEL[kind]}` : ''} of this ${PLATFORM_LABEL[platform]} site; make this change by hand.`;
}
