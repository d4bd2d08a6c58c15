import { Parser } from 'htmlparser2';
import type { Handler } from 'htmlparser2';
import { FastTokenizer } from './fast-tokenizer';
import { createChild, createRoot, type ElementNode } from './selector';

/**
 * One SAX pass over the HTML that extracts only what the checks need. No DOM is built; element
 * positions are kept as small parent-linked nodes so selectors can be produced for findings.
 */

export interface TitleFact {
  text: string;
  inHead: boolean;
  node: ElementNode;
}

export interface MetaFact {
  name: string;
  property: string;
  httpEquiv: string;
  content: string | null;
  charset: string | null;
  inHead: boolean;
  node: ElementNode;
}

export interface LinkFact {
  /** Lower-cased, whitespace-separated tokens. */
  rel: string[];
  href: string | null;
  hreflang: string | null;
  inHead: boolean;
  node: ElementNode;
}

export interface AnchorFact {
  href: string | null;
  rel: string;
  target: string;
  text: string;
  ariaLabel: string;
  titleAttr: string;
  imageCount: number;
  imageAlt: string;
  /** Has an onclick handler: a control driven by script rather than a link. */
  scripted: boolean;
  /** Some of the link text sits inside <code>, <kbd>, <samp>, <var> or <tt> (an identifier, not prose). */
  codeText: boolean;
  /** The link sits in the main content (outside nav, header, footer and aside). */
  inMain: boolean;
  /** Inside a table of contents (PageFacts.hasTableOfContents). */
  inToc: boolean;
  node: ElementNode;
}

export interface ImageFact {
  src: string | null;
  srcset: string | null;
  alt: string | null;
  width: string | null;
  height: string | null;
  linked: boolean;
  /** Set when the image sits inside an anchor: that anchor's position in `anchors`. */
  anchorIndex: number;
  role: string;
  node: ElementNode;
}

export interface HeadingFact {
  level: number;
  text: string;
  /** False inside theme chrome (see PageFacts.contentText). */
  inContent: boolean;
  node: ElementNode;
}

export interface ParagraphFact {
  text: string;
  inContent: boolean;
}

export interface ScriptFact {
  src: string | null;
  async: boolean;
  defer: boolean;
  type: string;
  inHead: boolean;
  /** Every attribute as written (decoded), e.g. data-* keys of an embed snippet. */
  attribs: Record<string, string>;
  node: ElementNode;
}

export interface JsonLdFact {
  text: string;
  node: ElementNode;
}

export interface FormFact {
  action: string | null;
  method: string;
  hasPassword: boolean;
  node: ElementNode;
}

export interface EmbeddedUrlFact {
  tag: string;
  url: string;
  node: ElementNode;
}

export interface PageFacts {
  hasDoctype: boolean;
  htmlNode: ElementNode | null;
  htmlLang: string | null;
  baseHref: string | null;
  titles: TitleFact[];
  metas: MetaFact[];
  links: LinkFact[];
  anchors: AnchorFact[];
  images: ImageFact[];
  headings: HeadingFact[];
  scripts: ScriptFact[];
  jsonLd: JsonLdFact[];
  forms: FormFact[];
  /** Sub-resource URLs from src/href/data attributes that the page loads (img, script, iframe, media, stylesheet). */
  embeddedUrls: EmbeddedUrlFact[];
  passwordOutsideForm: ElementNode | null;
  /** First element that ends <head> early (anything but metadata elements inside an explicit <head>). */
  headBreaker: ElementNode | null;
  pluginNode: ElementNode | null;
  /** A table of contents: class "toc"/"toctree" (DocBook, Sphinx) or role="doc-toc" (see AnchorFact.inToc). */
  hasTableOfContents: boolean;
  deprecatedNode: ElementNode | null;
  hasMicrodata: boolean;
  hasRdfa: boolean;
  stylesheetCount: number;
  inlineStyleChars: number;
  elementCount: number;
  maxDepth: number;
  /** Visible text of the whole page (script, style, noscript, template, svg and head excluded); main text first. */
  visibleText: string;
  /** Visible text outside nav/header/footer/aside: the part that makes this page different from its siblings. */
  mainText: string;
  /** Visible text inside nav/header/footer/aside (visibleText = mainText + boilerplateText). */
  boilerplateText: string;
  /** Characters of mainText that are link text: a page of mostly links is an index, not thin content. */
  mainLinkTextChars: number;
  /** Every id and <a name> on the page: the targets a same-page #fragment link can jump to. */
  fragmentTargets: Set<string>;
  /** <a hreflang> elements: an annotation search engines ignore (they read hreflang on <link> only). */
  anchorHreflangCount: number;
  /**
   * The text a reader comes to the page for: inside <main> when the page has one, never in theme
   * chrome (nav, banner header, footer, aside, forms, dialogs, comment areas, cookie banners, menus,
   * widgets, screen-reader-only and hidden elements).
   */
  contentText: string;
  /** The visible text that is not content (theme chrome, and with a <main> all outside it), one line per text node. */
  chromeText: string;
  /** Text of every <p>, in document order, with whether it is part of contentText. */
  paragraphs: ParagraphFact[];
  /** `datetime` of every <time> element, in document order (post dates sit in theme chrome). */
  times: string[];
  /** "lorem ipsum" seen inside code (an example string in documentation) and outside it (placeholder prose). */
  loremInCode: boolean;
  loremInProse: boolean;
}

const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'script', 'style', 'base', 'noscript', 'template']);
/** Elements whose content never renders as page text. */
const HIDDEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'textarea']);
const BOILERPLATE = new Set(['nav', 'header', 'footer', 'aside']);
/** Elements that are never the page's own content. header is only chrome outside main/article (there it is the entry header). */
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'dialog', 'menu', 'button', 'label']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'form']);
const CONTENT_SECTIONS = new Set(['main', 'article']);
const PLACE_CHROME = 0;
const PLACE_MAIN = 1;
const PLACE_OUTSIDE_MAIN = 2;
/**
 * Class or id words that themes give to their chrome (WordPress core blocks and default themes,
 * common cookie-consent and sharing plugins). Matched as whole words between - _ or spaces.
 */
const CHROME_NAME =
  /(?:^|[\s_-])(?:comments?|respond|reply|cookies?|consent|gdpr|cmplz|sidebar|widgets?|widget-area|skip-link|screen-reader-text|sr-only|visually-hidden|breadcrumbs?|sharedaddy|sharing|share-buttons|social-links|newsletter|navigation|nav-links|menu|pagination|byline|entry-meta|post-meta|post-terms|post-date|post-author|posted-on|site-header|site-footer|site-branding|site-title|site-info|masthead|colophon)(?:$|[\s_-])/i;
const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const DEPRECATED = new Set(['font', 'center', 'marquee', 'blink', 'frameset', 'frame', 'big', 'strike', 'tt', 'basefont']);
const PLUGINS = new Set(['object', 'embed', 'applet']);
/** Elements whose text is code: an identifier such as `continue` or `link()` is not vague prose. */
const CODE_TEXT = new Set(['code', 'kbd', 'samp', 'var', 'tt']);
const LOREM_IPSUM = /\blorem\s+ipsum\b/i;
/** <object>/<embed> content the browser renders natively (vector and raster images, HTML, PDF): no plugin involved. */
const NATIVE_EMBED_TYPE = /^(?:image\/|text\/html|application\/xhtml\+xml|application\/pdf)/i;
const NATIVE_EMBED_FILE = /\.(?:svgz?|png|jpe?g|gif|webp|avif|html?|pdf)(?:[?#]|$)/i;

function needsPlugin(tag: string, attribs: Record<string, string>): boolean {
  if (tag === 'applet') return true;
  const type = (attribs.type ?? '').trim();
  if (type.length > 0) return !NATIVE_EMBED_TYPE.test(type);
  const source = (tag === 'object' ? attribs.data : attribs.src) ?? '';
  return !NATIVE_EMBED_FILE.test(source.trim());
}
const TOC_CLASS = /(?:^|\s)(?:toc|toctree(?:-wrapper)?|table-of-contents)(?:\s|$)/i;
const SRC_TAGS = new Set(['img', 'script', 'iframe', 'audio', 'video', 'source', 'embed', 'track', 'input']);

/** Text kept for anchors, headings and titles; longer values are cut (the checks only need the start). */
const MAX_CAPTURED_TEXT = 1000;

interface Capture {
  kind: 'anchor' | 'heading' | 'title' | 'jsonld' | 'paragraph';
  depth: number;
  paragraph?: ParagraphFact;
  anchor?: AnchorFact;
  heading?: HeadingFact;
  title?: TitleFact;
  jsonLd?: JsonLdFact;
}

class FactsHandler implements Partial<Handler> {
  readonly facts: PageFacts = {
    hasDoctype: false,
    htmlNode: null,
    htmlLang: null,
    baseHref: null,
    titles: [],
    metas: [],
    links: [],
    anchors: [],
    images: [],
    headings: [],
    scripts: [],
    jsonLd: [],
    forms: [],
    embeddedUrls: [],
    passwordOutsideForm: null,
    headBreaker: null,
    pluginNode: null,
    hasTableOfContents: false,
    deprecatedNode: null,
    hasMicrodata: false,
    hasRdfa: false,
    stylesheetCount: 0,
    inlineStyleChars: 0,
    elementCount: 0,
    maxDepth: 0,
    visibleText: '',
    mainText: '',
    boilerplateText: '',
    mainLinkTextChars: 0,
    fragmentTargets: new Set(),
    anchorHreflangCount: 0,
    contentText: '',
    chromeText: '',
    paragraphs: [],
    times: [],
    loremInCode: false,
    loremInProse: false,
  };

  private readonly root = createRoot();
  private stack: ElementNode[] = [];
  private inHeadPhase = true;
  private explicitHeadOpen = false;
  private hiddenDepth = 0;
  private boilerplateDepth = 0;
  /** Stack depth of the open table of contents, 0 outside one. */
  private tocDepth = 0;
  private foreignDepth = 0;
  private headNoscriptDepth = 0;
  private codeDepth = 0;
  private captures: Capture[] = [];
  private currentAnchor: AnchorFact | null = null;
  private currentForm: FormFact | null = null;
  private currentFormDepth = -1;
  private readonly mainParts: string[] = [];
  private readonly boilerplateParts: string[] = [];
  /** Depths of open chrome elements and of open main/article elements (see PageFacts.contentText). */
  private readonly chromeDepths: number[] = [];
  private readonly sectionDepths: number[] = [];
  private mainDepth = 0;
  private readonly mainDepths: number[] = [];
  private hasMain = false;
  private readonly contentParts: string[] = [];
  private readonly mainContentParts: string[] = [];
  private readonly outsideMainParts: string[] = [];
  private readonly chromeParts: string[] = [];
  private readonly placed: Array<[fact: { inContent: boolean }, place: number]> = [];
  private styleCapture = false;

  onprocessinginstruction(name: string): void {
    if (name.toLowerCase() === '!doctype') this.facts.hasDoctype = true;
  }

  onopentag(tag: string, attribs: Record<string, string>): void {
    const facts = this.facts;
    const parent = this.stack.at(-1) ?? this.root;
    const id = attribs.id;
    const node = createChild(parent, tag, id === undefined ? null : id);
    this.stack.push(node);
    if (id !== undefined && id.length > 0) facts.fragmentTargets.add(id);
    facts.elementCount++;
    if (this.tocDepth === 0 && (attribs.role === 'doc-toc' || (attribs.class !== undefined && TOC_CLASS.test(attribs.class)))) {
      facts.hasTableOfContents = true;
      this.tocDepth = this.stack.length;
    }
    if (this.stack.length > facts.maxDepth) facts.maxDepth = this.stack.length;

    if (this.foreignDepth > 0 || tag === 'svg' || tag === 'math') {
      if (tag === 'svg' || tag === 'math') this.foreignDepth++;
      if (tag === 'svg' || tag === 'math') this.hiddenDepth++;
      return;
    }
    if (this.headNoscriptDepth > 0) return;

    let inHead = this.inHeadPhase;
    if (tag === 'html') {
      if (facts.htmlNode === null) {
        facts.htmlNode = node;
        const lang = attribs.lang ?? attribs['xml:lang'];
        facts.htmlLang = lang === undefined ? null : lang;
      }
      return;
    }
    if (tag === 'head') {
      this.explicitHeadOpen = true;
      return;
    }
    if (tag === 'body') {
      this.inHeadPhase = false;
      this.explicitHeadOpen = false;
      return;
    }
    if (inHead && !HEAD_ELEMENTS.has(tag)) {
      if (this.explicitHeadOpen && facts.headBreaker === null) facts.headBreaker = node;
      this.inHeadPhase = false;
      this.explicitHeadOpen = false;
      inHead = false;
    }

    if (HIDDEN_TEXT.has(tag)) this.hiddenDepth++;
    if (BOILERPLATE.has(tag)) this.boilerplateDepth++;
    if (CODE_TEXT.has(tag)) this.codeDepth++;
    this.trackContent(tag, attribs);
    if (!facts.hasMicrodata && attribs.itemscope !== undefined) facts.hasMicrodata = true;
    if (!facts.hasRdfa && (attribs.typeof !== undefined || attribs.vocab !== undefined)) facts.hasRdfa = true;

    const depth = this.stack.length;
    switch (tag) {
      case 'title': {
        const title: TitleFact = { text: '', inHead, node };
        facts.titles.push(title);
        this.captures.push({ kind: 'title', depth, title });
        break;
      }
      case 'meta': {
        const meta: MetaFact = {
          name: (attribs.name ?? '').toLowerCase(),
          property: (attribs.property ?? '').toLowerCase(),
          httpEquiv: (attribs['http-equiv'] ?? '').toLowerCase(),
          content: attribs.content ?? null,
          charset: attribs.charset ?? null,
          inHead,
          node,
        };
        facts.metas.push(meta);
        break;
      }
      case 'link': {
        const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/).filter((token) => token.length > 0);
        const href = attribs.href ?? null;
        facts.links.push({ rel, href, hreflang: attribs.hreflang ?? null, inHead, node });
        if (rel.includes('stylesheet')) {
          facts.stylesheetCount++;
          if (href !== null) facts.embeddedUrls.push({ tag, url: href, node });
        }
        break;
      }
      case 'base':
        if (facts.baseHref === null && attribs.href !== undefined) facts.baseHref = attribs.href;
        break;
      case 'style':
        this.styleCapture = true;
        break;
      case 'script': {
        const type = (attribs.type ?? '').trim().toLowerCase();
        const src = attribs.src ?? null;
        facts.scripts.push({ src, async: attribs.async !== undefined, defer: attribs.defer !== undefined, type, inHead, attribs, node });
        if (type === 'application/ld+json') {
          const jsonLd: JsonLdFact = { text: '', node };
          facts.jsonLd.push(jsonLd);
          this.captures.push({ kind: 'jsonld', depth, jsonLd });
        }
        break;
      }
      case 'noscript':
        if (inHead) this.headNoscriptDepth = depth;
        break;
      case 'a': {
        const anchor: AnchorFact = {
          href: attribs.href ?? null,
          rel: (attribs.rel ?? '').toLowerCase(),
          target: attribs.target ?? '',
          text: '',
          ariaLabel: attribs['aria-label'] ?? '',
          titleAttr: attribs.title ?? '',
          imageCount: 0,
          imageAlt: '',
          scripted: attribs.onclick !== undefined,
          codeText: this.codeDepth > 0,
          inMain: this.boilerplateDepth === 0,
          inToc: this.tocDepth > 0,
          node,
        };
        facts.anchors.push(anchor);
        if (attribs.name !== undefined && attribs.name.length > 0) facts.fragmentTargets.add(attribs.name);
        if (attribs.hreflang !== undefined) facts.anchorHreflangCount++;
        this.captures.push({ kind: 'anchor', depth, anchor });
        this.currentAnchor = anchor;
        break;
      }
      case 'img': {
        const anchor = this.currentAnchor;
        const alt = attribs.alt ?? null;
        facts.images.push({
          src: attribs.src ?? null,
          srcset: attribs.srcset ?? null,
          alt,
          width: attribs.width ?? null,
          height: attribs.height ?? null,
          linked: anchor !== null,
          anchorIndex: anchor === null ? -1 : facts.anchors.length - 1,
          role: (attribs.role ?? '').toLowerCase(),
          node,
        });
        if (anchor !== null) {
          anchor.imageCount++;
          if (alt !== null) anchor.imageAlt += alt;
        }
        if (alt !== null && alt.length > 0) this.appendCapturedText(alt, 'alt');
        break;
      }
      case 'form': {
        const form: FormFact = { action: attribs.action ?? null, method: (attribs.method ?? 'get').toLowerCase(), hasPassword: false, node };
        facts.forms.push(form);
        this.currentForm = form;
        this.currentFormDepth = depth;
        break;
      }
      case 'p': {
        const paragraph: ParagraphFact = { text: '', inContent: false };
        facts.paragraphs.push(paragraph);
        this.placed.push([paragraph, this.place()]);
        this.captures.push({ kind: 'paragraph', depth, paragraph });
        break;
      }
      case 'time':
        if (attribs.datetime !== undefined) facts.times.push(attribs.datetime);
        break;
      case 'input':
        if ((attribs.type ?? '').toLowerCase() === 'password') {
          if (this.currentForm !== null) this.currentForm.hasPassword = true;
          else if (facts.passwordOutsideForm === null) facts.passwordOutsideForm = node;
        }
        break;
      default: {
        const level = HEADING_LEVEL[tag];
        if (level !== undefined) {
          const heading: HeadingFact = { level, text: '', inContent: false, node };
          facts.headings.push(heading);
          this.placed.push([heading, this.place()]);
          this.captures.push({ kind: 'heading', depth, heading });
        }
      }
    }
    if (SRC_TAGS.has(tag) && attribs.src !== undefined && tag !== 'input') {
      facts.embeddedUrls.push({ tag, url: attribs.src, node });
    } else if (tag === 'object' && attribs.data !== undefined) {
      facts.embeddedUrls.push({ tag, url: attribs.data, node });
    }
    if (PLUGINS.has(tag) && facts.pluginNode === null && needsPlugin(tag, attribs)) facts.pluginNode = node;
    if (DEPRECATED.has(tag) && facts.deprecatedNode === null) facts.deprecatedNode = node;
  }

  ontext(data: string): void {
    if (this.styleCapture) {
      this.facts.inlineStyleChars += data.length;
      return;
    }
    const top = this.captures.at(-1) ?? null;
    if (top !== null && (top.kind === 'title' || top.kind === 'jsonld')) {
      if (top.kind === 'title' && top.title!.text.length < MAX_CAPTURED_TEXT) top.title!.text += data;
      else if (top.kind === 'jsonld') top.jsonLd!.text += data;
      return;
    }
    if (this.hiddenDepth > 0) return;
    if (this.inHeadPhase) {
      // Non-whitespace text cannot live in <head>: browsers start the body here, and so do we.
      if (!/\S/.test(data)) return;
      this.inHeadPhase = false;
      this.explicitHeadOpen = false;
    }
    if (this.boilerplateDepth === 0) {
      if (LOREM_IPSUM.test(data)) {
        if (this.codeDepth > 0) this.facts.loremInCode = true;
        else this.facts.loremInProse = true;
      }
      this.mainParts.push(data);
      if (this.currentAnchor !== null) this.facts.mainLinkTextChars += data.length;
    } else this.boilerplateParts.push(data);
    if (this.chromeDepths.length === 0) {
      this.contentParts.push(data);
      if (this.mainDepth > 0) this.mainContentParts.push(data);
      else this.outsideMainParts.push(data);
    } else this.chromeParts.push(data);
    this.appendCapturedText(data, 'text');
  }

  private place(): number {
    if (this.chromeDepths.length > 0) return PLACE_CHROME;
    return this.mainDepth > 0 ? PLACE_MAIN : PLACE_OUTSIDE_MAIN;
  }

  /** Opens chrome and content sections for contentText; closed again by depth in onclosetag. */
  private trackContent(tag: string, attribs: Record<string, string>): void {
    const depth = this.stack.length;
    if (tag === 'main' || (attribs.role ?? '').toLowerCase() === 'main') {
      this.hasMain = true;
      this.mainDepth++;
      this.mainDepths.push(depth);
    }
    if (CONTENT_SECTIONS.has(tag) || tag === 'section') this.sectionDepths.push(depth);
    if (this.chromeDepths.length > 0) return;
    const role = attribs.role;
    const names = `${attribs.class ?? ''} ${attribs.id ?? ''}`;
    const chrome =
      CHROME_TAGS.has(tag) ||
      (tag === 'header' && this.sectionDepths.length === 0) ||
      (role !== undefined && CHROME_ROLES.has(role.toLowerCase())) ||
      attribs.hidden !== undefined ||
      attribs['aria-hidden'] === 'true' ||
      (names.length > 1 && CHROME_NAME.test(names));
    if (chrome) this.chromeDepths.push(depth);
  }

  private appendCapturedText(data: string, source: 'text' | 'alt'): void {
    // Text and image alt inside an open anchor or heading belong to that element's accessible text.
    for (let i = this.captures.length - 1; i >= 0; i--) {
      const capture = this.captures[i];
      if (capture === undefined) continue;
      if (capture.kind === 'anchor') {
        const anchor = capture.anchor!;
        if (source === 'text' && anchor.text.length < MAX_CAPTURED_TEXT) {
          anchor.text += data;
          if (this.codeDepth > 0) anchor.codeText = true;
        }
      } else if (capture.kind === 'heading') {
        const heading = capture.heading!;
        if (heading.text.length < MAX_CAPTURED_TEXT) heading.text += source === 'alt' ? ` ${data} ` : data;
      } else if (capture.kind === 'paragraph' && source === 'text') {
        const paragraph = capture.paragraph!;
        if (paragraph.text.length < MAX_CAPTURED_TEXT) paragraph.text += data;
      }
    }
  }

  onclosetag(tag: string): void {
    const node = this.stack.pop();
    if (node === undefined) return;
    if (this.tocDepth > this.stack.length) this.tocDepth = 0;
    const depthBefore = this.stack.length + 1;
    if (this.foreignDepth > 0) {
      if (tag === 'svg' || tag === 'math') {
        this.foreignDepth--;
        this.hiddenDepth--;
      }
      return;
    }
    if (this.headNoscriptDepth > 0) {
      if (depthBefore === this.headNoscriptDepth) {
        this.headNoscriptDepth = 0;
        this.hiddenDepth--;
      }
      return;
    }
    if (tag === 'head') this.explicitHeadOpen = false;
    if (tag === 'style') this.styleCapture = false;
    if (HIDDEN_TEXT.has(tag) && this.hiddenDepth > 0) this.hiddenDepth--;
    if (BOILERPLATE.has(tag) && this.boilerplateDepth > 0) this.boilerplateDepth--;
    if (CODE_TEXT.has(tag) && this.codeDepth > 0) this.codeDepth--;
    if (this.chromeDepths.length > 0 && this.chromeDepths[this.chromeDepths.length - 1] === depthBefore) this.chromeDepths.pop();
    if (this.sectionDepths.length > 0 && this.sectionDepths[this.sectionDepths.length - 1] === depthBefore) this.sectionDepths.pop();
    if (this.mainDepths.length > 0 && this.mainDepths[this.mainDepths.length - 1] === depthBefore) {
      this.mainDepths.pop();
      this.mainDepth--;
    }
    while ((this.captures.at(-1)?.depth ?? -Infinity) >= depthBefore) {
      const capture = this.captures.pop()!;
      if (capture.kind === 'anchor') {
        this.currentAnchor = null;
        for (let i = this.captures.length - 1; i >= 0; i--) {
          const outer = this.captures[i];
          if (outer?.kind === 'anchor') {
            this.currentAnchor = outer.anchor!;
            break;
          }
        }
      }
    }
    if (this.currentForm !== null && depthBefore === this.currentFormDepth) {
      this.currentForm = null;
      this.currentFormDepth = -1;
    }
  }

  onend(): void {
    this.facts.mainText = this.mainParts.join(' ');
    this.facts.boilerplateText = this.boilerplateParts.join(' ');
    this.facts.visibleText = this.boilerplateParts.length === 0 ? this.facts.mainText : `${this.facts.mainText} ${this.facts.boilerplateText}`;
    this.facts.contentText = (this.hasMain ? this.mainContentParts : this.contentParts).join(' ');
    this.facts.chromeText = (this.hasMain ? [...this.chromeParts, ...this.outsideMainParts] : this.chromeParts).filter((part) => /\S/.test(part)).join('\n');
    // Whether the page has a <main> is only known now: then only what sat inside it is content.
    for (const [fact, place] of this.placed) fact.inContent = place === PLACE_MAIN || (place === PLACE_OUTSIDE_MAIN && !this.hasMain);
  }
}

export function parsePage(html: string): PageFacts {
  const handler = new FactsHandler();
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, Tokenizer: FastTokenizer });
  parser.end(html);
  return handler.facts;
}
