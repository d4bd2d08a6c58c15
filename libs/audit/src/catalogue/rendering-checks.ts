import type { CheckDefinition } from '../model';

/**
 * Raw HTML versus the page a browser built. They fire only on crawls that render JavaScript: the
 * other checks then run on the rendered page (what Google indexes after rendering), and these say
 * where the HTML the server sends disagrees with it. Crawlers that do not run JavaScript (Bing
 * mostly, social previews, AI crawlers such as GPTBot, ClaudeBot and PerplexityBot) see only the raw
 * HTML, and Google itself indexes the raw HTML first and renders later, when it renders at all.
 * None has a fixKind: the cure is in the site's code (server-side rendering), not in a field a
 * platform lets us set.
 */
export const RENDERING_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'render-noindex-removed',
    category: 'rendering',
    severity: 'HIGH',
    weight: 8,
    scope: 'page',
    title: 'JavaScript removes a noindex',
    explanation:
      'The HTML the server sends says noindex and only JavaScript takes it away. Google reads the raw robots meta tag first and does not render a page that it says must not be indexed, so the page stays out of the index however the rendered page looks.',
    howToFix:
      'Send the robots meta tag the page should end up with in the server response (leave noindex out of the HTML of pages meant to be indexed) instead of correcting it in JavaScript.',
  },
  {
    id: 'render-noindex-added',
    category: 'rendering',
    severity: 'HIGH',
    weight: 7,
    scope: 'page',
    title: 'JavaScript adds a noindex',
    explanation:
      'The raw HTML lets the page be indexed, but once JavaScript runs the page says noindex. Google honours the rendered noindex and drops the page, while crawlers that do not render index it: the page is in some indexes and not in others, usually by accident (a script or tag manager rule meant for other pages).',
    howToFix:
      'Decide whether the page should be indexed. If it should, find the script that writes the robots meta tag and stop it; if it should not, put noindex in the server response so every crawler sees it.',
  },
  {
    id: 'render-robots-changed',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'JavaScript changes the robots meta tag',
    explanation:
      'JavaScript adds, removes or rewrites the robots meta tag (nofollow, nosnippet, max-snippet and the like) without changing whether the page may be indexed. Crawlers that do not render follow the raw directives and Google follows the rendered ones, so links are followed and snippets shown differently per search engine.',
    howToFix: 'Serve the final robots directives in the HTML response and do not change them from scripts.',
  },
  {
    id: 'render-canonical-changed',
    category: 'rendering',
    severity: 'HIGH',
    weight: 6,
    scope: 'page',
    title: 'JavaScript changes the canonical URL',
    explanation:
      'The raw HTML names one canonical URL and the rendered page another (or none). Google documents that a canonical changed by JavaScript may be ignored or may win, so it has two conflicting signals and may index a URL you did not choose; crawlers that do not render use the raw one.',
    howToFix:
      'Serve the right canonical in the HTML response and make sure no script (a single-page-app router, an SEO plugin running in the browser) rewrites it. If the app changes routes on the client, render the canonical on the server for each route.',
  },
  {
    id: 'render-canonical-only-rendered',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Canonical URL exists only after JavaScript',
    explanation:
      'The raw HTML has no canonical link; JavaScript adds it. Google may pick it up after rendering, but only then, and crawlers that do not render see no canonical at all, so duplicate URLs (parameters, trailing slashes) are not consolidated for them.',
    howToFix: 'Put the canonical link into the <head> of the HTML response instead of injecting it with JavaScript.',
  },
  {
    id: 'render-title-only-rendered',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Title exists only after JavaScript',
    explanation:
      'The raw HTML has no title (or an empty one); JavaScript writes it. Google can use the rendered title, but social previews, AI crawlers and search engines that do not render show no title or make one up, and Google may index the raw page before it renders.',
    howToFix: 'Render the page title on the server (server-side rendering, pre-rendering or a static <title> per route) so it is in the HTML response.',
  },
  {
    id: 'render-title-changed',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'JavaScript changes the title',
    explanation:
      'The title in the HTML response differs from the title after JavaScript runs. Crawlers that do not render show the raw title (often a generic app name); Google shows the rendered one once it renders. Two titles for one page split its relevance signals and make the search result unpredictable.',
    howToFix: 'Serve the final title in the HTML response; keep client-side title updates for navigation inside the app only.',
  },
  {
    id: 'render-description-only-rendered',
    category: 'rendering',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'Meta description exists only after JavaScript',
    explanation:
      'The raw HTML has no meta description; JavaScript adds it. Social previews, AI crawlers and search engines that do not render never see it and build a snippet from whatever text they find.',
    howToFix: 'Put the meta description into the <head> of the HTML response.',
  },
  {
    id: 'render-description-changed',
    category: 'rendering',
    severity: 'LOW',
    weight: 2,
    scope: 'page',
    title: 'JavaScript changes the meta description',
    explanation:
      'The meta description in the HTML response differs from the one after JavaScript runs, so search engines and previews that do not render show a different snippet from Google.',
    howToFix: 'Serve the final meta description in the HTML response and stop scripts from rewriting it.',
  },
  {
    id: 'render-h1-only-rendered',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Main heading exists only after JavaScript',
    explanation:
      'The raw HTML has no <h1>; JavaScript builds it. The main heading is a strong signal of what the page is about, and crawlers that do not render (and Google before it renders) do not see it.',
    howToFix: 'Render the page heading on the server (server-side rendering or pre-rendering) so it is in the HTML response.',
  },
  {
    id: 'render-h1-changed',
    category: 'rendering',
    severity: 'LOW',
    weight: 2,
    scope: 'page',
    title: 'JavaScript changes the main heading',
    explanation:
      'The first <h1> of the HTML response differs from the one after JavaScript runs (a placeholder such as "Loading" replaced by the real heading, or one heading swapped for another), so crawlers that do not render read a different topic.',
    howToFix: 'Serve the final heading in the HTML response; do not ship placeholder headings that scripts replace.',
  },
  {
    id: 'render-links-only-rendered',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'Internal links exist only after JavaScript',
    explanation:
      'Links to other pages of the site appear only once JavaScript runs. Google discovers them only after it renders the page, which can take days on a large site, and crawlers that do not render never find the pages they point to, nor pass them any link value.',
    howToFix:
      'Render navigation, category and related-content links as plain <a href> elements in the HTML response (server-side rendering or pre-rendering); list the pages in the XML sitemap too.',
  },
  {
    id: 'render-content-only-rendered',
    category: 'rendering',
    severity: 'HIGH',
    weight: 6,
    scope: 'page',
    title: 'Main content appears only with JavaScript',
    explanation:
      'Most of the main text of the page is built by JavaScript: the HTML response holds only a fraction of it. Google indexes such pages only after rendering them, later and with a time budget, and search engines and AI crawlers that do not render see an almost empty page.',
    howToFix:
      'Serve the content in the HTML response: server-side rendering or static pre-rendering of each route (Next.js, Nuxt, Astro, prerender services), or at least the main text of the page without waiting for API calls in the browser.',
  },
  {
    id: 'render-js-error',
    category: 'rendering',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'JavaScript errors while rendering',
    explanation:
      'The page threw uncaught JavaScript errors while it was rendered. An error may stop a script from building part of the page, so what Google renders can lack content, links or tags the page shows in a working browser.',
    howToFix: 'Open the page with the browser console open, fix the errors listed in the evidence, and re-crawl to check that the rendered page is complete.',
  },
  {
    id: 'render-timeout',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 4,
    scope: 'page',
    title: 'Rendering did not finish in time',
    explanation:
      'The page was still loading or building when the rendering time budget ran out; the audit used what the page held at that moment. Google also renders with a budget, so content that arrives this late may never be indexed.',
    howToFix: 'Make the page settle faster: fewer and smaller scripts, no long chains of API calls before the content shows, no requests that never finish (long polling, streaming) during the first load.',
  },
  {
    id: 'render-resources-blocked',
    category: 'rendering',
    severity: 'MEDIUM',
    weight: 5,
    scope: 'page',
    title: 'robots.txt blocks resources the page needs to render',
    explanation:
      'The page loads scripts, styles or API responses that robots.txt forbids crawling. Google obeys robots.txt for these requests too and renders the page without them, so it may see less content, fewer links or a broken layout (and judge the page not mobile-friendly).',
    howToFix: 'Allow the blocked script, style and API paths listed in the evidence in robots.txt (Allow: lines for the user agents you care about).',
  },
  {
    id: 'render-requests-failed',
    category: 'rendering',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'Requests failed while rendering',
    explanation:
      'Requests the page made while it was rendered failed (server errors, unreachable hosts, refused connections). If they carry scripts or data the page is built from, search engines render an incomplete page.',
    howToFix: 'Check the failing URLs in the evidence: fix or remove the ones the page needs, and drop requests to hosts that no longer exist.',
  },
  {
    id: 'render-crashed',
    category: 'rendering',
    severity: 'LOW',
    weight: 3,
    scope: 'page',
    title: 'The page could not be rendered',
    explanation:
      'The browser crashed or gave up on this page (out of memory, an endless loop, a page that never produced a document), so it was audited from its raw HTML only. A page that crashes a browser may crash Google\'s renderer too.',
    howToFix: 'Open the page in a browser and watch memory and CPU; look for endless loops, huge inline data and scripts that keep adding to the page.',
  },
];
