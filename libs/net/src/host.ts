import { domainToASCII } from 'node:url';
import { endsInNumber, formatIp, isCanonicalIPv4, parseIPv4Loose, parseIPv6, type ParsedIp } from './ip';
import { SsrfError } from './errors';

export interface ParsedHost {
  /** Lower-case host without brackets or trailing dot; canonical text form when it is an IP. */
  hostname: string;
  /** The parsed IP when the host is an IP literal in any spelling, else null. */
  ip: ParsedIp | null;
  /** True when an IP was written in a non-canonical spelling (decimal, octal, hex, short form, mapped IPv6). */
  obfuscated: boolean;
}

export interface ParsedTarget extends ParsedHost {
  url: URL;
  /** The host exactly as written in the input, for messages ("0x7f.1 is 127.0.0.1"). */
  rawHost: string;
}

/**
 * Parses a bare host (as found in a URL authority, a Host header or configuration). Every IPv4
 * spelling that some resolver accepts is recognised as an IP; a host whose last label is numeric
 * but is not a valid IPv4 in any spelling is refused rather than guessed at.
 */
export function parseHostStrict(host: string): ParsedHost {
  let h = host.trim().toLowerCase();
  if (h === '') throw new SsrfError('invalid-host', 'empty host; refused', { host });
  if (h.startsWith('[') || h.includes(':')) {
    const b = parseIPv6(h);
    if (!b) throw new SsrfError('invalid-host', `${host} is not a valid IPv6 address; refused`, { host });
    const ip: ParsedIp = { version: 6, bytes: b };
    const text = formatIp(ip);
    return { hostname: text, ip, obfuscated: h.replace(/^\[|\]$/g, '') !== text };
  }
  if (h.endsWith('.')) h = h.slice(0, -1);
  const ascii = /^[\x21-\x7e]*$/.test(h) ? h : domainToASCII(h);
  if (ascii === '') throw new SsrfError('invalid-host', `${host} is not a valid host name; refused`, { host });
  const v4 = parseIPv4Loose(ascii);
  if (v4) {
    const ip: ParsedIp = { version: 4, bytes: v4 };
    return { hostname: formatIp(ip), ip, obfuscated: !isCanonicalIPv4(ascii) };
  }
  if (endsInNumber(ascii)) {
    throw new SsrfError('invalid-host', `${host} looks like a numeric IP address but is not a valid one; refused`, { host });
  }
  if (/[\s/\\?#@%]/.test(ascii)) throw new SsrfError('invalid-host', `${host} is not a valid host name; refused`, { host });
  return { hostname: ascii, ip: null, obfuscated: false };
}

const RAW_AUTHORITY = /^[\t\n\r ]*[a-z][a-z0-9+.-]*:[\t\n\r ]*[/\\]{2}([^/\\?#]*)/i;

/**
 * Validates a URL for a server-side fetch: http or https only, no user:password@, and a host that
 * is either a name or an IP in any spelling (all treated as the IP they denote).
 */
export function parseUrlStrict(input: string | URL): ParsedTarget {
  let url: URL;
  let rawHost: string;
  if (typeof input === 'string') {
    try {
      url = new URL(input);
    } catch {
      throw new SsrfError('invalid-url', `${JSON.stringify(input.slice(0, 200))} is not a valid absolute URL; refused`);
    }
    const m = RAW_AUTHORITY.exec(input);
    const authority = m?.[1] ?? url.host;
    const at = authority.lastIndexOf('@');
    const hostPort = at === -1 ? authority : authority.slice(at + 1);
    rawHost = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:[^:]*$/, '');
  } else {
    url = new URL(input.href);
    rawHost = url.hostname;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfError('unsupported-protocol', `${url.protocol.slice(0, -1)}: URLs are not allowed, only http and https; refused`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new SsrfError('credentials-in-url', `URLs with credentials (user:password@host) are not allowed; refused`, {
      host: url.hostname,
    });
  }
  const parsed = parseHostStrict(url.hostname);
  const rawDiffers = rawHost !== '' && rawHost.toLowerCase().replace(/\.$/, '') !== parsed.hostname && rawHost.toLowerCase() !== `[${parsed.hostname}]`;
  return { ...parsed, url, rawHost: rawHost || url.hostname, obfuscated: parsed.obfuscated || (parsed.ip !== null && rawDiffers) };
}
