/**
 * Element positions recorded during the single SAX pass. Every element gets a tiny node holding its
 * tag, id, parent and its index among same-tag siblings; the selector string is only built when a
 * finding needs it, which keeps the common case (no finding) allocation-light.
 */
export interface ElementNode {
  readonly tag: string;
  readonly id: string | null;
  readonly parent: ElementNode | null;
  /** 1-based position among siblings with the same tag (the `:nth-of-type` index). */
  readonly nth: number;
  /** Child counts per tag; final once parsing is done, so `:nth-of-type` can be omitted when a tag is unique. */
  childCounts: Map<string, number> | null;
}

/** Selectors longer than this stop at an ancestor and use a descendant combinator instead (deep DOMs). */
const MAX_SELECTOR_STEPS = 16;

export function createRoot(): ElementNode {
  return { tag: '#document', id: null, parent: null, nth: 1, childCounts: null };
}

export function createChild(parent: ElementNode, tag: string, id: string | null): ElementNode {
  let counts = parent.childCounts;
  if (counts === null) {
    counts = new Map();
    parent.childCounts = counts;
  }
  const nth = (counts.get(tag) ?? 0) + 1;
  counts.set(tag, nth);
  return { tag, id, parent, nth, childCounts: null };
}

const SIMPLE_IDENT = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

export function cssEscapeIdent(value: string): string {
  if (SIMPLE_IDENT.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    const code = value.charCodeAt(i);
    if (code === 0) {
      out += '\uFFFD';
    } else if ((code >= 0x30 && code <= 0x39 && i === 0) || code < 0x20 || code === 0x7f) {
      out += `\\${code.toString(16)} `;
    } else if (/[A-Za-z0-9_-]/.test(ch) || code >= 0x80) {
      out += ch;
    } else {
      out += `\\${ch}`;
    }
  }
  return out;
}

/** Quotes an attribute value for `[attr="value"]` selectors. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

export function selectorOf(node: ElementNode | null): string | null {
  if (node === null || node.parent === null) return null;
  const parts: string[] = [];
  let current: ElementNode | null = node;
  let anchored = false;
  while (current !== null && current.parent !== null) {
    if (current.id !== null && current.id !== '') {
      parts.push(`${current.tag}#${cssEscapeIdent(current.id)}`);
      anchored = true;
      break;
    }
    if (parts.length >= MAX_SELECTOR_STEPS) break;
    const siblings = current.parent.childCounts?.get(current.tag) ?? 1;
    parts.push(siblings > 1 ? `${current.tag}:nth-of-type(${current.nth})` : current.tag);
    current = current.parent;
  }
  const reachedRoot = current === null || current.parent === null;
  parts.reverse();
  const path = parts.join(' > ');
  if (anchored || reachedRoot) return path;
  // Deeply nested element: anchor at the top-level element with a descendant combinator so the selector stays short.
  let top: ElementNode = current;
  while (top.parent !== null && top.parent.parent !== null) top = top.parent;
  return `${top.tag} ${path}`;
}
