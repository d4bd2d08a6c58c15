/** What a platform's theme would put in the page for the SEO fields the connectors change. */
export interface PublicPageModel {
  title: string;
  metaDescription?: string | null;
  canonical?: string | null;
  robots?: string | null;
  ogTitle?: string | null;
  ogDescription?: string | null;
  h1: string;
  /** Trusted HTML (the stored post content or product description). */
  bodyHtml?: string;
  /** Extra images rendered after the body (product media, featured image). */
  images?: Array<{ src: string; alt: string | null }>;
  jsonLd?: string[];
  /** Extra raw head HTML (e.g. a snippet script tag). */
  headHtml?: string;
  /** The theme's own markup around the content (site header and menu, comment form, sidebar, footer, cookie banner). */
  chrome?: ThemeChrome;
}

/** Trusted HTML a theme prints around every page's content. */
export interface ThemeChrome {
  /** Before the page heading: skip link, site header, navigation menu. */
  header?: string;
  /** Inside <main> after the content (singular posts): the comment area and form. */
  comments?: string;
  /** After <main>: sidebar, footer, cookie banner. */
  footer?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON inside <script> must not contain "</script" or "<!--"; escaping "<" covers both. */
export function scriptSafeJson(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderPublicPage(p: PublicPageModel): string {
  const head: string[] = ['<meta charset="utf-8">', `<title>${escapeHtml(p.title)}</title>`];
  if (p.metaDescription) head.push(`<meta name="description" content="${escapeHtml(p.metaDescription)}">`);
  if (p.robots) head.push(`<meta name="robots" content="${escapeHtml(p.robots)}">`);
  if (p.canonical) head.push(`<link rel="canonical" href="${escapeHtml(p.canonical)}">`);
  if (p.ogTitle) head.push(`<meta property="og:title" content="${escapeHtml(p.ogTitle)}">`);
  if (p.ogDescription) head.push(`<meta property="og:description" content="${escapeHtml(p.ogDescription)}">`);
  for (const block of p.jsonLd ?? []) head.push(`<script type="application/ld+json">${scriptSafeJson(block)}</script>`);
  if (p.headHtml) head.push(p.headHtml);
  const imgs = (p.images ?? []).map((i) => `<img src="${escapeHtml(i.src)}"${i.alt === null ? '' : ` alt="${escapeHtml(i.alt)}"`}>`);
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n<body>\n` +
    `${p.chrome?.header ?? ''}<h1>${escapeHtml(p.h1)}</h1>\n<main>${p.bodyHtml ?? ''}${imgs.join('\n')}${p.chrome?.comments ?? ''}</main>\n` +
    `${p.chrome?.footer ?? ''}</body>\n</html>\n`
  );
}
