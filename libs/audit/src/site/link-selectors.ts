import { cssString } from '../html/selector';
import { pathAndQuery } from '../url/url-utils';
import { HREF_ABSOLUTE, HREF_ROOT_RELATIVE } from './site-state';

/**
 * Site-level findings about a reference (a link to a broken page, an image that 404s) cannot keep
 * the element's position for every reference of a 100k-page crawl. Instead they name the element by
 * its attribute, rebuilt from the target URL and how the href was written.
 */
export function referenceSelector(tag: string, attribute: string, targetUrl: string, form: number): string {
  if (form === HREF_ABSOLUTE) return `${tag}[${attribute}=${cssString(targetUrl)}]`;
  const path = pathAndQuery(targetUrl);
  if (form === HREF_ROOT_RELATIVE) return `${tag}[${attribute}=${cssString(path)}]`;
  const queryStart = path.indexOf('?');
  const pathOnly = queryStart === -1 ? path : path.slice(0, queryStart);
  const lastSlash = pathOnly.lastIndexOf('/');
  const tail = pathOnly.slice(lastSlash + 1);
  if (tail.length === 0) return `${tag}[${attribute}]`;
  // With a query the written parameter order is unknown, so only the last path segment is matched.
  return queryStart === -1 ? `${tag}[${attribute}$=${cssString(tail)}]` : `${tag}[${attribute}*=${cssString(tail)}]`;
}

export function hrefForm(raw: string, target: string): number {
  const href = raw.trim();
  if (href === target) return HREF_ABSOLUTE;
  if (href.startsWith('/') && !href.startsWith('//') && href === pathAndQuery(target)) return HREF_ROOT_RELATIVE;
  return 2;
}
