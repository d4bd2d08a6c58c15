import type { AuditThresholds } from '../thresholds';
import type { FindingEmitter } from './emitter';
import type { PageAnalysis } from './analysis';
import { collapseWhitespace, estimatePixelWidth } from '../text/text-stats';
import { isLoopbackHost, normalizeUrl, safeParseUrl, siteHostKey } from '../url/url-utils';
import { isValidHreflang, isValidHtmlLang, primaryLanguage, urlLanguage } from './language-codes';
import { runStructuredDataChecks } from './structured-data-checks';
import { isSearchResultUrl, platformNoindexReason } from '../url/platform-pages';
import { decodeFragment, isCheckableFragment } from '../url/fragments';

type Check = (a: PageAnalysis, out: FindingEmitter, t: AuditThresholds) => void;

/** Error-page wording in a title or H1; a bare "404" only counts at the start or next to "error" (product names contain numbers). */
const SOFT_404 =
  /\b(?:page|seite|página|pagina) (?:not found|nicht gefunden|introuvable|no encontrada|non trovata)\b|\bnot found\b|\bpage (?:does not|doesn't) exist\b|\b(?:error|fehler|erreur)\s*404\b|^\s*404\b/i;

function indexabilityChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const headerValue = a.page.headers['x-robots-tag'] ?? '';
  for (const meta of a.metaRobots) {
    if (!meta.inHead) out.emit('robots-meta-in-body', url, meta.node, 'The robots meta tag is outside <head> and may be ignored.', meta.content);
  }
  // Sign-in, password, cart and comment-reply pages and search results are kept out of the index on purpose.
  const noindexIntended = platformNoindexReason(a.parsedUrl) !== null || isSearchResultUrl(a.parsedUrl);
  const firstNoindex = noindexIntended ? undefined : a.metaRobots.find((meta) => /\b(noindex|none)\b/i.test(meta.content ?? ''));
  if (firstNoindex !== undefined) out.emit('noindex-meta', url, firstNoindex.node, 'A robots meta tag keeps this page out of the index.', firstNoindex.content);
  if (a.robotsHeader.noindex && !noindexIntended) out.emit('noindex-header', url, null, 'The X-Robots-Tag header keeps this page out of the index.', `X-Robots-Tag: ${headerValue}`);
  const firstNofollow = a.metaRobots.find((meta) => /\b(nofollow|none)\b/i.test(meta.content ?? ''));
  if (firstNofollow !== undefined) out.emit('nofollow-meta', url, firstNofollow.node, 'A robots meta tag tells search engines not to follow links on this page.', firstNofollow.content);
  if (a.robotsHeader.nofollow) out.emit('nofollow-header', url, null, 'The X-Robots-Tag header tells search engines not to follow links on this page.', `X-Robots-Tag: ${headerValue}`);
  const generic = a.metaRobots.filter((meta) => meta.name === 'robots');
  if (generic.length > 1) {
    out.emit('robots-meta-conflict', url, generic[1]?.node ?? null, `The page has ${generic.length} robots meta tags.`, generic.map((meta) => meta.content ?? '').join(' | '));
  }
  if (a.facts.headBreaker !== null) {
    out.emit('head-broken-early', url, a.facts.headBreaker, `<${a.facts.headBreaker.tag}> inside <head> ends the head early; tags after it are ignored.`, `<${a.facts.headBreaker.tag}>`);
  }
  if (a.robotsMeta.nosnippet || a.robotsHeader.nosnippet) {
    const meta = a.metaRobots.find((candidate) => /nosnippet|max-snippet\s*:\s*0/i.test(candidate.content ?? ''));
    out.emit('ai-snippet-restricted', url, meta?.node ?? null, 'Robots directives forbid snippets, which also keeps the page out of AI answers.', meta?.content ?? `X-Robots-Tag: ${headerValue}`);
  }
  if (a.indexable && isSearchResultUrl(a.parsedUrl)) {
    out.emit('search-page-indexable', url, null, 'This internal search result page can be indexed; search results are endless near-duplicates of the real pages.', a.parsedUrl.search || a.parsedUrl.pathname);
  }
  const refresh = a.facts.metas.find((meta) => meta.httpEquiv === 'refresh');
  if (refresh !== undefined && /url\s*=/i.test(refresh.content ?? '')) {
    out.emit('redirect-meta-refresh', url, refresh.node, 'The page redirects with a meta refresh.', refresh.content);
  }
}

function canonicalChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const c = a.canonical;
  for (const link of c.bodyLinks) out.emit('canonical-in-body', url, link.node, 'The canonical link is outside <head> and is ignored.', link.href);
  for (const link of c.headLinks) {
    const href = (link.href ?? '').trim();
    if (href === '' || normalizeUrl(href, a.baseUrl) === null) {
      out.emit('canonical-invalid', url, link.node, 'The canonical URL is empty or invalid.', link.href ?? '(no href)');
    } else if (!/^https?:\/\//i.test(href)) {
      out.emit('canonical-relative', url, link.node, 'The canonical URL is relative; use an absolute URL.', href);
    }
  }
  if (c.distinct.length > 1) {
    const node = c.headLinks[1]?.node ?? null;
    out.emit('canonical-multiple', url, node, `The page declares ${c.distinct.length} different canonical URLs.`, c.distinct.join(' | '));
  }
  if (c.headerUrl !== null && c.htmlUrl !== null && c.headerUrl !== c.htmlUrl) {
    out.emit('canonical-header-mismatch', url, c.headLinks[0]?.node ?? null, 'The Link header canonical and the HTML canonical differ.', `header: ${c.headerUrl} | html: ${c.htmlUrl}`);
  }
  if (c.url !== null) {
    const target = safeParseUrl(c.url);
    if (target !== null && siteHostKey(target.hostname) !== siteHostKey(a.parsedUrl.hostname)) {
      out.emit('canonical-cross-domain', url, c.headLinks[0]?.node ?? null, `The canonical points to another domain (${target.hostname}).`, c.url);
    }
    // A platform's own noindexed variants (?replytocom=) point their canonical at the post on purpose.
    if (a.noindex && platformNoindexReason(a.parsedUrl) === null) out.emit('canonical-on-noindex', url, c.headLinks[0]?.node ?? null, 'The page is noindex but also declares a canonical URL.', c.url);
  }
  const statusOk = a.page.status >= 200 && a.page.status < 300;
  if (statusOk && !a.noindex && c.url === null && c.headLinks.length === 0) {
    out.emit('canonical-missing', url, null, 'The page declares no canonical URL.', null);
  }
}

function titleChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  const titles = a.facts.titles;
  if (titles.length === 0) {
    out.emit('title-missing', url, null, 'The page has no <title>.', null);
    return;
  }
  for (const title of titles) if (!title.inHead) out.emit('title-in-body', url, title.node, 'A <title> element is outside <head>.', collapseWhitespace(title.text));
  if (titles.length > 1) {
    out.emit('title-multiple', url, titles[1]?.node ?? null, `The page has ${titles.length} <title> elements.`, titles.map((title) => collapseWhitespace(title.text)).join(' | '));
  }
  const text = a.title ?? '';
  const node = (titles.find((title) => title.inHead) ?? titles[0])?.node ?? null;
  if (text.length === 0) {
    out.emit('title-empty', url, node, 'The <title> is empty.', null);
    return;
  }
  // Both limits are widths in pixels, so a ten-character Chinese title is as long as a twenty-character English one.
  const pixels = estimatePixelWidth(text, 20);
  if (pixels < t.titleMinPixels) {
    out.emit('title-too-short', url, node, `The title is about ${pixels} px wide (${text.length} characters); titles under ${t.titleMinPixels} px rarely describe the page.`, text);
  }
  if (pixels > t.titleMaxPixels) out.emit('title-too-long', url, node, `The title is about ${pixels} px wide (${text.length} characters); results show about ${t.titleMaxPixels} px.`, text);
}

function descriptionChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  const metas = a.facts.metas.filter((meta) => meta.name === 'description');
  if (metas.length === 0) {
    out.emit('meta-description-missing', url, null, 'The page has no meta description.', null);
    return;
  }
  for (const meta of metas) if (!meta.inHead) out.emit('meta-description-in-body', url, meta.node, 'The meta description is outside <head>.', meta.content);
  if (metas.length > 1) out.emit('meta-description-multiple', url, metas[1]?.node ?? null, `The page has ${metas.length} meta descriptions.`, metas.map((meta) => meta.content ?? '').join(' | '));
  const text = a.description ?? '';
  const node = (metas.find((meta) => meta.inHead) ?? metas[0])?.node ?? null;
  if (text.length === 0) {
    out.emit('meta-description-empty', url, node, 'The meta description is empty.', null);
    return;
  }
  if (text.length < t.descriptionMinChars) out.emit('meta-description-too-short', url, node, `The meta description has ${text.length} characters (minimum ${t.descriptionMinChars}).`, text);
  const pixels = estimatePixelWidth(text, 14);
  if (pixels > t.descriptionMaxPixels) {
    out.emit('meta-description-too-long', url, node, `The meta description is about ${pixels} px wide (${text.length} characters); snippets show about ${t.descriptionMaxPixels} px.`, text);
  }
}

function headingChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const h1s = a.facts.headings.filter((heading) => heading.level === 1);
  if (h1s.length === 0) out.emit('h1-missing', url, null, 'The page has no <h1>.', null);
  if (h1s.length > 1) out.emit('h1-multiple', url, h1s[1]?.node ?? null, `The page has ${h1s.length} <h1> elements.`, h1s.map((h) => collapseWhitespace(h.text)).join(' | '));
  for (const h1 of h1s) if (collapseWhitespace(h1.text).length === 0) out.emit('h1-empty', url, h1.node, 'An <h1> has no text.', null);
  if (a.h1 !== null && a.title !== null && a.h1.length > 0 && a.h1.toLowerCase() === a.title.toLowerCase()) {
    out.emit('h1-same-as-title', url, h1s[0]?.node ?? null, 'The H1 repeats the title exactly.', a.h1);
  }
  let previous = 0;
  for (const heading of a.facts.headings) {
    if (previous > 0 && heading.level > previous + 1) {
      out.emit('heading-levels-skipped', url, heading.node, `<h${heading.level}> follows <h${previous}>, skipping a level.`, `h${previous} → h${heading.level}: ${collapseWhitespace(heading.text)}`);
    }
    previous = heading.level;
  }
}

/** Share of the main text that is link text above which a page is an index or table of contents. */
const NAVIGATION_LINK_SHARE = 0.4;
/** Links in the main content from which a short page is a hub (a reference index, a category list). */
const NAVIGATION_MIN_LINKS = 15;
/** Other pages a table of contents leads to from which a short page is a documentation index. */
const NAVIGATION_MIN_TOC_PAGES = 3;

/**
 * Pages whose purpose is to lead elsewhere: index and reference pages that are mostly links, and
 * redirect stubs (a meta refresh). Few words of their own is what they are meant to have.
 */
function isNavigationPage(a: PageAnalysis): boolean {
  if (a.facts.metas.some((meta) => meta.httpEquiv === 'refresh' && /url\s*=/i.test(meta.content ?? ''))) return true;
  // The front page of a documentation tree (DocBook, Sphinx): a table of contents leading to other
  // pages, with a few words around it. A chapter's table of its own sections does not count.
  if (a.facts.hasTableOfContents) {
    const elsewhere = new Set<string>();
    for (const anchor of a.anchors) if (anchor.fact.inToc && anchor.kind === 'ok' && anchor.url !== null && anchor.url !== a.url) elsewhere.add(anchor.url);
    if (elsewhere.size >= NAVIGATION_MIN_TOC_PAGES) return true;
  }
  const mainChars = a.facts.mainText.length;
  if (mainChars > 0 && a.facts.mainLinkTextChars / mainChars >= NAVIGATION_LINK_SHARE) return true;
  let mainLinks = 0;
  for (const anchor of a.anchors) if (anchor.fact.inMain && anchor.kind === 'ok' && ++mainLinks >= NAVIGATION_MIN_LINKS) return true;
  return false;
}

function contentChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  const words = a.mainText.wordCount;
  if (a.visibleWordCount === 0 && a.facts.scripts.length > 0) {
    out.emit('content-no-text', url, null, 'The HTML contains no visible text; content appears to be rendered by JavaScript.', `${a.facts.scripts.length} scripts`);
  } else if (a.indexable && words < t.thinContentWords && !isNavigationPage(a)) {
    out.emit('content-thin', url, null, `The main content has ${words} words (threshold ${t.thinContentWords}).`, String(words));
  }
  const lorem = a.mainText.loremIpsumAt;
  // "Lorem ipsum" only inside <code> is an example string in documentation, not placeholder text.
  const onlyInCode = a.facts.loremInCode && !a.facts.loremInProse;
  if (lorem >= 0 && !onlyInCode) out.emit('lorem-ipsum', url, null, 'The page contains lorem ipsum placeholder text.', collapseWhitespace(a.facts.mainText.slice(lorem, lorem + 100)));
  if (a.html.length > 0) {
    const ratio = (100 * a.visibleTextChars) / a.html.length;
    if (ratio < t.minTextHtmlRatioPercent) {
      out.emit('text-html-ratio-low', url, null, `Visible text is ${ratio.toFixed(1)}% of the HTML (threshold ${t.minTextHtmlRatioPercent}%).`, `${ratio.toFixed(1)}%`);
    }
  }
  if (!a.facts.hasDoctype) out.emit('doctype-missing', url, null, 'The document has no <!DOCTYPE html>.', null);
  const contentType = a.page.contentType ?? a.page.headers['content-type'] ?? '';
  const declared =
    /charset\s*=/i.test(contentType) ||
    a.facts.metas.some((meta) => meta.charset !== null || (meta.httpEquiv === 'content-type' && /charset\s*=/i.test(meta.content ?? '')));
  if (!declared) out.emit('charset-missing', url, null, 'No character encoding is declared in the header or the HTML.', contentType || null);
  if (a.facts.pluginNode !== null) out.emit('plugin-content', url, a.facts.pluginNode, `The page embeds plugin content with <${a.facts.pluginNode.tag}>.`, `<${a.facts.pluginNode.tag}>`);
}

const FILENAME_ALT = /^[\w\-.() %]+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$/i;

function imageChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  // One icon repeated on a page (an arrow beside every entry) is one missing size, not one per copy.
  const unsizedSources = new Set<string>();
  for (const image of a.facts.images) {
    const alt = image.alt;
    const decorative = image.role === 'presentation' || image.role === 'none';
    const src = image.src?.trim() ?? '';
    if (alt === null) {
      if (!decorative) out.emit('image-alt-missing', url, image.node, 'The image has no alt attribute.', src || null);
    } else {
      const trimmed = collapseWhitespace(alt);
      if (trimmed.length === 0 && image.linked) {
        const anchor = a.anchors[image.anchorIndex];
        if (anchor !== undefined && anchor.name.length === 0) {
          out.emit('image-alt-empty-linked', url, image.node, 'The linked image has empty alt text, so the link has no name.', src || null);
        }
      }
      if (trimmed.length > t.imageAltMaxChars) out.emit('image-alt-too-long', url, image.node, `The alt text has ${trimmed.length} characters (maximum ${t.imageAltMaxChars}).`, trimmed);
      const fileName = (src.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
      if (trimmed.length > 0 && (FILENAME_ALT.test(trimmed) || (fileName.length > 0 && trimmed === fileName))) {
        out.emit('image-alt-filename', url, image.node, 'The alt text is a file name.', trimmed);
      }
    }
    if (src.length === 0 && (image.srcset ?? '').trim().length === 0) {
      out.emit('image-src-missing', url, image.node, 'The image has no src or srcset in the HTML.', null);
    }
    if ((image.width === null || image.height === null) && (src.length === 0 || !unsizedSources.has(src))) {
      if (src.length > 0) unsizedSources.add(src);
      out.emit('image-dimensions-missing', url, image.node, 'The image lacks width and/or height attributes.', src || null);
    }
  }
}

const GENERIC_ANCHORS = new Set([
  'click here', 'click', 'here', 'read more', 'more', 'learn more', 'this', 'link', 'this link', 'more info', 'more information',
  'continue', 'continue reading', 'details', 'go', 'see more', 'find out more', 'view more', 'info', 'page', 'website', 'this page',
  'mehr', 'hier', 'weiterlesen', 'mehr erfahren', 'hier klicken', 'en savoir plus', 'lire la suite', 'ici', 'cliquez ici',
  'leer más', 'más', 'haz clic aquí', 'aquí', 'leggi di più', 'qui', 'clicca qui', 'lees meer', 'klik hier',
]);

/** Longer than any generic phrase plus surrounding punctuation: skip the normalisation for real anchor texts. */
const MAX_GENERIC_ANCHOR_CHARS = 30;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Spelled like code: a call `link()`, an option `--info`, `snake_case`, `Class::member`, `obj.prop`. */
const CODE_LIKE = /\(\)|^-{1,2}[a-z]|\w_\w|::|\w\.\w/i;

function isGenericAnchor(text: string): boolean {
  if (CODE_LIKE.test(text)) return false;
  const lower = text.toLowerCase();
  if (GENERIC_ANCHORS.has(lower)) return true;
  // Only texts with decoration around them ("Read more »", "(more)") need the slower normalisation.
  if (WORD_CHAR.test(lower[0] ?? '') && WORD_CHAR.test(lower[lower.length - 1] ?? '')) return false;
  return GENERIC_ANCHORS.has(normaliseAnchorText(text));
}

function normaliseAnchorText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.,:;!?»«›‹→←>…"'()[\]-]+|[\s.,:;!?»«›‹→←>…"'()[\]-]+$/g, '');
}

function linkChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  let linkCount = 0;
  let internalTargets = 0;
  const missingFragments = new Set<string>();
  // A site served from a loopback address (a local copy, a staging run on this machine) links to
  // loopback hosts everywhere; that is only a leftover from development on a public site.
  const siteOnLoopback = isLoopbackHost(safeParseUrl(url)?.hostname ?? '');
  for (const anchor of a.anchors) {
    const fact = anchor.fact;
    const raw = fact.href;
    const hasContent = anchor.name.length > 0 || fact.imageCount > 0;
    switch (anchor.kind) {
      case 'empty':
        // <a name="x"> is a jump target and href="" a link to this page: neither hides a destination.
        // Only a script-driven control (onclick, no real href) is a link crawlers cannot follow.
        if (fact.scripted && hasContent) {
          out.emit('link-uncrawlable', url, fact.node, 'The link only works through JavaScript (onclick without a URL); crawlers cannot follow it.', raw === null ? '(no href)' : raw);
        }
        continue;
      case 'fragment': {
        const trimmed = (raw ?? '').trim();
        checkFragment(a, out, fact, trimmed.slice(1), missingFragments);
        if (trimmed.startsWith('#!')) out.emit('link-uncrawlable', url, fact.node, 'The link uses a "#!" address that only scripts can resolve; crawlers do not follow it.', trimmed);
        else if (trimmed === '#' && fact.scripted && hasContent) {
          out.emit('link-uncrawlable', url, fact.node, 'The link only works through JavaScript (href="#" with onclick); crawlers cannot follow it.', trimmed);
        }
        continue;
      }
      case 'javascript':
        out.emit('link-uncrawlable', url, fact.node, 'The link uses a javascript: URL that crawlers cannot follow.', raw);
        continue;
      case 'malformed':
        out.emit('link-malformed', url, fact.node, 'The href is not a valid URL.', raw);
        continue;
      case 'non-http':
        continue;
      case 'ok':
        break;
    }
    linkCount++;
    const target = anchor.url as string;
    if (target === a.url && raw !== null && raw.includes('#')) checkFragment(a, out, fact, raw.slice(raw.indexOf('#') + 1).trim(), missingFragments);
    if (anchor.name.length === 0 && fact.imageCount === 0) {
      out.emit('anchor-empty', url, fact.node, 'The link has no text or accessible name.', target);
    } else if (
      anchor.name.length > 0 &&
      !fact.codeText &&
      anchor.anchorText.length <= MAX_GENERIC_ANCHOR_CHARS &&
      fact.ariaLabel.trim().length === 0 &&
      isGenericAnchor(anchor.anchorText)
    ) {
      out.emit('anchor-text-non-descriptive', url, fact.node, `The link text "${anchor.anchorText}" does not describe the destination.`, anchor.anchorText);
    }
    if (anchor.internal) {
      if (target !== a.url) internalTargets++;
      // Comment-reply, sign-in and cart links are nofollow by the platform's design: no rank is meant to flow there.
      // A link to the page itself or its canonical (WordPress's "cancel reply", also on ?replytocom= variants) is not a link to rank.
      if (/\bnofollow\b/.test(fact.rel) && target !== a.url && target !== a.canonical.url && !isPlatformTarget(target)) out.emit('internal-link-nofollow', url, fact.node, 'The internal link has rel="nofollow".', target);
    }
    if (a.isHttps && target.startsWith('http:')) out.emit('link-to-http', url, fact.node, 'The HTTPS page links to an http:// URL.', target);
    if (!siteOnLoopback && isLoopbackHost(anchor.host)) out.emit('link-to-localhost', url, fact.node, 'The link points to localhost.', target);
  }
  if (linkCount > t.maxLinksPerPage) out.emit('links-too-many', url, null, `The page has ${linkCount} links (threshold ${t.maxLinksPerPage}).`, String(linkCount));
  const statusOk = a.page.status >= 200 && a.page.status < 300;
  if (statusOk && internalTargets === 0) out.emit('page-dead-end', url, null, 'The page does not link to any other internal page.', null);
}

/** A link to "#name" on its own page jumps nowhere when no element has that id (or <a name>). */
function checkFragment(a: PageAnalysis, out: FindingEmitter, fact: PageAnalysis['anchors'][number]['fact'], fragment: string, reported: Set<string>): void {
  if (!isCheckableFragment(fragment) || reported.has(fragment)) return;
  const targets = a.facts.fragmentTargets;
  if (targets.has(fragment) || targets.has(decodeFragment(fragment))) return;
  // A script on the page that names the id creates the target itself (WordPress's skip link sets
  // id = 'wp--skip-link--target' on <main> when the page loads): a quoted "name" means it exists.
  if (a.html.includes(`'${fragment}'`) || a.html.includes(`"${fragment}"`)) return;
  reported.add(fragment);
  out.emit('link-fragment-broken', a.url, fact.node, `The link jumps to "#${fragment}", but no element on the page has that id.`, `#${fragment}`);
}

function isPlatformTarget(target: string): boolean {
  const parsed = safeParseUrl(target);
  return parsed !== null && platformNoindexReason(parsed) !== null;
}

function hreflangChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const facts = a.facts;
  const htmlLang = facts.htmlLang === null ? '' : facts.htmlLang.trim();
  if (htmlLang.length === 0) out.emit('html-lang-missing', url, facts.htmlNode, 'The <html> element has no lang attribute.', null);
  else if (!isValidHtmlLang(htmlLang)) out.emit('html-lang-invalid', url, facts.htmlNode, `"${htmlLang}" is not a valid language tag.`, htmlLang);
  else {
    const declared = urlLanguage(a.parsedUrl);
    if (declared !== null && declared !== primaryLanguage(htmlLang)) {
      out.emit('html-lang-url-mismatch', url, facts.htmlNode, `html lang "${htmlLang}" is not the language of the URL's "${declared}" folder or subdomain.`, `${htmlLang} vs ${declared}`);
    }
  }

  if (a.hreflang.length === 0) {
    // <a hreflang> only hints at the target's language; search engines read language versions from
    // <link rel="alternate" hreflang> in the head, an HTTP Link header or the sitemap.
    const n = facts.anchorHreflangCount;
    if (n > 0 && !/hreflang\s*=/i.test(a.page.headers['link'] ?? '')) {
      out.emit('hreflang-in-links-only', url, null, `${n} link${n === 1 ? '' : 's'} on the page carry hreflang, but the head has no <link rel="alternate" hreflang>: search engines ignore hreflang on <a> links, so the language versions are not annotated.`, String(n));
    }
    return;
  }
  const byCode = new Map<string, string>();
  let selfEntry: (typeof a.hreflang)[number] | undefined;
  let hasDefault = false;
  for (const entry of a.hreflang) {
    const code = entry.code.toLowerCase();
    if (!isValidHreflang(entry.code)) out.emit('hreflang-invalid-code', url, entry.link.node, `"${entry.code}" is not a valid hreflang code.`, entry.code);
    if (code === 'x-default') hasDefault = true;
    if (entry.url !== null) {
      const previous = byCode.get(code);
      if (previous !== undefined && previous !== entry.url) {
        out.emit('hreflang-duplicate-code', url, entry.link.node, `hreflang "${entry.code}" points to more than one URL.`, `${previous} | ${entry.url}`);
      } else if (previous === undefined) {
        byCode.set(code, entry.url);
      }
      if ((entry.url === a.url || (a.canonical.url !== null && entry.url === a.canonical.url)) && code !== 'x-default' && selfEntry === undefined) selfEntry = entry;
    }
  }
  if (selfEntry === undefined) out.emit('hreflang-missing-self', url, null, 'The hreflang set does not include this page itself.', a.hreflang.map((entry) => entry.code).join(', '));
  if (!hasDefault) out.emit('hreflang-missing-x-default', url, null, 'The hreflang set has no x-default alternate.', a.hreflang.map((entry) => entry.code).join(', '));
  if (selfEntry !== undefined && htmlLang.length > 0 && isValidHreflang(selfEntry.code) && primaryLanguage(selfEntry.code) !== primaryLanguage(htmlLang)) {
    out.emit('html-lang-hreflang-mismatch', url, facts.htmlNode, `html lang "${htmlLang}" differs from the page's own hreflang "${selfEntry.code}".`, `${htmlLang} vs ${selfEntry.code}`);
  }
}

function metaContent(a: PageAnalysis, key: string): string | null {
  for (const meta of a.facts.metas) {
    if ((meta.property === key || meta.name === key) && meta.content !== null && meta.content.trim().length > 0) return meta.content;
  }
  return null;
}

function socialChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  if (metaContent(a, 'og:title') === null) out.emit('og-title-missing', url, null, 'The page has no og:title.', null);
  if (metaContent(a, 'og:description') === null) out.emit('og-description-missing', url, null, 'The page has no og:description.', null);
  if (metaContent(a, 'og:image') === null) out.emit('og-image-missing', url, null, 'The page has no og:image.', null);
  if (metaContent(a, 'og:url') === null) out.emit('og-url-missing', url, null, 'The page has no og:url.', null);
  if (metaContent(a, 'twitter:card') === null) out.emit('twitter-card-missing', url, null, 'The page has no twitter:card.', null);
}

function mobileChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const viewport = a.facts.metas.find((meta) => meta.name === 'viewport');
  if (viewport === undefined) {
    out.emit('viewport-missing', url, null, 'The page has no viewport meta tag.', null);
    return;
  }
  const content = (viewport.content ?? '').toLowerCase();
  const settings = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const [key, value] = part.split('=').map((piece) => piece.trim());
    if (key) settings.set(key, value ?? '');
  }
  if (settings.get('width') !== 'device-width') out.emit('viewport-not-responsive', url, viewport.node, 'The viewport is not set to width=device-width.', viewport.content);
  const scalable = settings.get('user-scalable');
  const maxScale = Number.parseFloat(settings.get('maximum-scale') ?? '');
  if (scalable === 'no' || scalable === '0' || (Number.isFinite(maxScale) && maxScale < 2)) {
    out.emit('viewport-zoom-disabled', url, viewport.node, 'The viewport prevents zooming.', viewport.content);
  }
}

const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'application/ecmascript', 'text/ecmascript', 'module']);

function performanceChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const url = a.url;
  const facts = a.facts;
  if (a.page.bodyBytes > t.htmlMaxBytes) out.emit('html-too-large', url, null, `The HTML is ${Math.round(a.page.bodyBytes / 1024)} KB (threshold ${Math.round(t.htmlMaxBytes / 1024)} KB).`, `${a.page.bodyBytes} bytes`);
  // A resource referenced twice is downloaded once.
  const resources = new Set(facts.embeddedUrls.map((embedded) => embedded.url.trim())).size;
  if (resources > t.maxResources) out.emit('too-many-resources', url, null, `The page references ${resources} resources (threshold ${t.maxResources}).`, String(resources));
  const scripts = facts.scripts.filter((script) => script.src !== null && EXECUTABLE_SCRIPT_TYPES.has(script.type));
  if (scripts.length > t.maxScripts) out.emit('too-many-scripts', url, null, `The page loads ${scripts.length} external scripts (threshold ${t.maxScripts}).`, String(scripts.length));
  if (facts.stylesheetCount > t.maxStylesheets) out.emit('too-many-stylesheets', url, null, `The page loads ${facts.stylesheetCount} stylesheets (threshold ${t.maxStylesheets}).`, String(facts.stylesheetCount));
  for (const script of scripts) {
    if (script.inHead && !script.async && !script.defer && script.type !== 'module') {
      out.emit('render-blocking-script', url, script.node, 'The script in <head> blocks rendering (no async/defer).', script.src);
    }
  }
  if (facts.elementCount > t.maxDomElements) out.emit('dom-too-large', url, null, `The page has ${facts.elementCount} elements (threshold ${t.maxDomElements}).`, String(facts.elementCount));
}

function securityChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const headers = a.page.headers;
  if (!a.isHttps) {
    // One cause per host (the value is the origin, not the page): a site served over HTTP is one template-wide fix.
    out.emit('page-http', url, null, 'The page is served over unencrypted HTTP.', a.parsedUrl.origin);
    for (const form of a.facts.forms) if (form.hasPassword) out.emit('form-insecure', url, form.node, 'A password form is served over HTTP.', form.action);
    if (a.facts.passwordOutsideForm !== null) out.emit('form-insecure', url, a.facts.passwordOutsideForm, 'A password field is served over HTTP.', null);
  } else {
    for (const embedded of a.facts.embeddedUrls) {
      const raw = embedded.url.trim();
      if (raw.length > 5 && raw.slice(0, 5).toLowerCase() === 'http:') out.emit('mixed-content', url, embedded.node, `<${embedded.tag}> loads an http:// resource on an HTTPS page.`, raw);
    }
    if (headers['strict-transport-security'] === undefined) out.emit('hsts-missing', url, null, 'The HTTPS response has no Strict-Transport-Security header.', null);
    for (const form of a.facts.forms) {
      const action = form.action === null ? null : normalizeUrl(form.action, a.baseUrl);
      if (action !== null && action.startsWith('http:')) out.emit('form-insecure', url, form.node, 'The form submits to an http:// URL.', form.action);
    }
  }
  if ((headers['x-content-type-options'] ?? '').trim().toLowerCase() !== 'nosniff') {
    out.emit('x-content-type-options-missing', url, null, 'The response has no "X-Content-Type-Options: nosniff" header.', headers['x-content-type-options'] ?? null);
  }
}

const SESSION_PARAMS = /^(?:sid|sessionid|session_id|session|jsessionid|phpsessid|aspsessionid|cfid|cftoken|s_id|sess)$/i;

export function urlChecks(url: string, out: FindingEmitter, t: AuditThresholds): void {
  const parsed = safeParseUrl(url);
  if (parsed === null) return;
  const path = parsed.pathname;
  if (/[A-Z]/.test(path.replace(/%[0-9A-Fa-f]{2}/g, ''))) out.emit('url-uppercase', url, null, 'The URL path contains uppercase letters.', path);
  if (path.includes('_')) out.emit('url-underscores', url, null, 'The URL path uses underscores instead of hyphens.', path);
  if (url.length > t.urlMaxChars) out.emit('url-too-long', url, null, `The URL has ${url.length} characters (threshold ${t.urlMaxChars}).`, url);
  let params = 0;
  let session: string | null = null;
  for (const [key] of parsed.searchParams) {
    params++;
    if (session === null && SESSION_PARAMS.test(key)) session = key;
  }
  if (params > t.urlMaxParams) out.emit('url-too-many-params', url, null, `The URL has ${params} query parameters (threshold ${t.urlMaxParams}).`, parsed.search);
  if (path.includes('//')) out.emit('url-double-slash', url, null, 'The URL path contains "//".', path);
  if (/%[89A-Fa-f][0-9A-Fa-f]/.test(path) || hasNonAscii(path)) out.emit('url-non-ascii', url, null, 'The URL path contains non-ASCII characters.', decodeSafe(path));
  const pathSession = /;(jsessionid|phpsessid|sid)=/i.exec(path);
  if (session !== null || pathSession !== null) out.emit('url-session-id', url, null, 'The URL contains a session identifier.', session ?? pathSession![1]);
}

function hasNonAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return true;
  return false;
}

function decodeSafe(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

const HTML_CHECKS: Check[] = [
  (a, out) => indexabilityChecks(a, out),
  (a, out) => canonicalChecks(a, out),
  titleChecks,
  descriptionChecks,
  (a, out) => headingChecks(a, out),
  contentChecks,
  imageChecks,
  linkChecks,
  (a, out) => hreflangChecks(a, out),
  (a, out) => runStructuredDataChecks(a, out),
  (a, out) => socialChecks(a, out),
  (a, out) => mobileChecks(a, out),
  performanceChecks,
  (a, out) => securityChecks(a, out),
  (a, out, t) => urlChecks(a.url, out, t),
];

export function runHtmlChecks(a: PageAnalysis, out: FindingEmitter, t: AuditThresholds): void {
  const statusOk = a.page.status >= 200 && a.page.status < 300;
  if (statusOk) {
    const soft = a.title !== null && SOFT_404.test(a.title) ? a.title : a.h1 !== null && SOFT_404.test(a.h1) ? a.h1 : null;
    if (soft !== null) out.emit('soft-404', a.url, null, 'The page looks like an error page but returns 200.', soft);
  }
  for (const check of HTML_CHECKS) check(a, out, t);
}
