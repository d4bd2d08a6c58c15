import { parseUrlStrict, resolveAndCheck, type SsrfPolicy } from '@seology/net';

export interface NormalisedSite {
  /** Where crawls start: scheme, host, path; no query or fragment. */
  siteUrl: string;
  /** Lower-case host with a non-default port, e.g. `www.example.com` or `localhost:4000`. */
  domain: string;
}

/**
 * Turns what a person typed ("Example.com", "https://example.com/shop?x=1#top") into the site URL
 * and domain we store, then resolves the host and refuses private, loopback, link-local and metadata
 * addresses unless the deployment allow-lists them. Throws SsrfError with a readable message.
 */
export async function normaliseAndCheckSite(input: string, policy: SsrfPolicy): Promise<NormalisedSite> {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const target = parseUrlStrict(withScheme);
  const url = new URL(target.url.href);
  url.hash = '';
  url.search = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  await resolveAndCheck(url, policy);
  return { siteUrl: url.href, domain: url.host.toLowerCase() };
}
