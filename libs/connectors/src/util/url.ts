/**
 * Page identity for matching a crawled URL to a platform resource: scheme and host case, default
 * ports, the fragment and a trailing slash do not make a different page; the query string does.
 */
export function normalizePageUrl(input: string): string | null {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  let path = u.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
}

/** Same page, ignoring http vs https (sites often serve both while the platform reports one). */
export function samePage(a: string, b: string): boolean {
  const na = normalizePageUrl(a);
  const nb = normalizePageUrl(b);
  if (na === null || nb === null) return false;
  return na.replace(/^https?:/, '') === nb.replace(/^https?:/, '');
}

export function hostOf(input: string): string | null {
  try {
    return new URL(input).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Hosts equal apart from a leading "www." (sites answer on both and redirect one to the other). */
export function sameSiteHost(a: string, b: string): boolean {
  const strip = (h: string) => h.toLowerCase().replace(/^www\./, '');
  return strip(a) === strip(b);
}

/** Path segments without empty ones, percent-decoded where valid. */
export function pathSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** A redirect source as a site-relative path: "/old", from "/old", "old" or an absolute URL on the site. */
export function toSitePath(input: string, siteHost: string | null): string | null {
  const v = input.trim();
  if (v === '') return null;
  if (/^https?:\/\//i.test(v)) {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return null;
    }
    if (siteHost !== null && !sameSiteHost(u.host, siteHost)) return null;
    return `${u.pathname}${u.search}`;
  }
  if (v.startsWith('//')) return null;
  return v.startsWith('/') ? v : `/${v}`;
}
