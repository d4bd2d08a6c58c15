import { runInNewContext } from 'node:vm';
import { readPageSeo } from '@seology/audit';

/** Just enough DOM for the snippet runtime: elements with attributes, head/body, tag lookup, simple selectors. */
export class FakeElement {
  readonly attrs = new Map<string, string>();
  readonly children: FakeElement[] = [];
  text = '';
  constructor(
    readonly tagName: string,
    attrs: Record<string, string | null> = {},
  ) {
    for (const [k, v] of Object.entries(attrs)) if (v !== null) this.attrs.set(k.toLowerCase(), v);
  }
  getAttribute(name: string): string | null {
    return this.attrs.get(name.toLowerCase()) ?? null;
  }
  setAttribute(name: string, value: unknown): void {
    this.attrs.set(name.toLowerCase(), String(value));
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
}

export class FakeDocument {
  title = '';
  readonly head = new FakeElement('HEAD');
  readonly body = new FakeElement('BODY');
  readyState: 'loading' | 'interactive' | 'complete' = 'loading';
  readonly listeners: Record<string, Array<() => void>> = {};

  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase());
  }
  all(): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (e: FakeElement) => {
      for (const c of e.children) {
        out.push(c);
        walk(c);
      }
    };
    walk(this.head);
    walk(this.body);
    return out;
  }
  getElementsByTagName(tag: string): FakeElement[] {
    return this.all().filter((e) => e.tagName === tag.toUpperCase());
  }
  /** Supports `tag`, `.class`, `#id` and `tag.class` / `tag#id`; anything else throws like a browser. */
  querySelectorAll(selector: string): FakeElement[] {
    const m = /^([a-z]+)?(?:([.#])([\w-]+))?$/i.exec(selector.trim());
    if (!m || (!m[1] && !m[2])) throw new SyntaxError(`'${selector}' is not a valid selector`);
    return this.all().filter((e) => {
      if (m[1] && e.tagName !== m[1].toUpperCase()) return false;
      if (m[2] === '.') return (e.getAttribute('class') ?? '').split(/\s+/).includes(m[3] ?? '');
      if (m[2] === '#') return e.getAttribute('id') === m[3];
      return true;
    });
  }
  addEventListener(event: string, fn: () => void): void {
    (this.listeners[event] ??= []).push(fn);
  }
  /** Elements of `tag` whose attribute `attr` equals `value` (case-insensitive). */
  find(tag: string, attr: string, value: string): FakeElement[] {
    return this.getElementsByTagName(tag).filter((e) => (e.getAttribute(attr) ?? '').toLowerCase() === value.toLowerCase());
  }
}

/** A document built from served HTML, the way a browser would hold it before the snippet runs. */
export function documentFromHtml(html: string, baseUrl: string): FakeDocument {
  const doc = new FakeDocument();
  const snap = readPageSeo(html, baseUrl);
  doc.title = snap.title ?? '';
  if (snap.metaDescription !== null) doc.head.appendChild(new FakeElement('META', { name: 'description', content: snap.metaDescription }));
  if (snap.robots !== null) doc.head.appendChild(new FakeElement('META', { name: 'robots', content: snap.robots }));
  if (snap.canonical !== null) doc.head.appendChild(new FakeElement('LINK', { rel: 'canonical', href: snap.canonical }));
  for (const s of snap.scripts) doc.head.appendChild(new FakeElement('SCRIPT', s.attrs));
  for (const i of snap.images) doc.body.appendChild(new FakeElement('IMG', { src: i.src, alt: i.alt }));
  return doc;
}

export interface RunResult {
  doc: FakeDocument;
  alerts: unknown[];
  windowListeners: Record<string, Array<() => void>>;
}

/** Evaluates the snippet as a browser would at `pageUrl`, then fires DOMContentLoaded and load. */
export function runSnippet(script: string, pageUrl: string, doc: FakeDocument = new FakeDocument()): RunResult {
  const alerts: unknown[] = [];
  const windowListeners: Record<string, Array<() => void>> = {};
  const location = new URL(pageUrl);
  const window = {
    location: { href: location.href, host: location.host, hostname: location.hostname, pathname: location.pathname, search: location.search, hash: location.hash },
    addEventListener: (event: string, fn: () => void) => void (windowListeners[event] ??= []).push(fn),
  };
  runInNewContext(script, { window, document: doc, URL, alert: (x: unknown) => alerts.push(x) }, { timeout: 1000 });
  doc.readyState = 'interactive';
  for (const fn of doc.listeners['DOMContentLoaded'] ?? []) fn();
  doc.readyState = 'complete';
  for (const fn of windowListeners['load'] ?? []) fn();
  return { doc, alerts, windowListeners };
}
