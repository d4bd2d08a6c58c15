/**
 * IP address parsing that treats every spelling an HTTP client or resolver might accept as an IP.
 *
 * Browsers, curl and libc accept IPv4 addresses written in decimal (2130706433), octal (0177.0.0.1),
 * hex (0x7f.1) and with missing parts (127.1). An allow/deny decision taken on the spelling rather
 * than on the bytes is trivially bypassed, so everything here works on bytes.
 */

export interface ParsedIp {
  version: 4 | 6;
  /** 4 bytes for IPv4, 16 bytes for IPv6. */
  bytes: Uint8Array;
}

const DEC = /^[0-9]+$/;
const OCT = /^[0-7]+$/;
const HEX = /^[0-9a-f]*$/i;

function parseIPv4Part(part: string): number | null {
  if (part === '') return null;
  if (part.length > 2 && (part[1] === 'x' || part[1] === 'X') && part[0] === '0') {
    const digits = part.slice(2);
    if (!HEX.test(digits)) return null;
    // Leading zeros cannot change the value but can make the string arbitrarily long.
    const trimmed = digits.replace(/^0+/, '');
    if (trimmed.length > 8) return Number.POSITIVE_INFINITY;
    return trimmed === '' ? 0 : parseInt(trimmed, 16);
  }
  if (part === '0x' || part === '0X') return 0; // WHATWG URL treats a bare "0x" as zero.
  if (part.length > 1 && part[0] === '0') {
    if (!OCT.test(part)) return null;
    const trimmed = part.replace(/^0+/, '');
    if (trimmed.length > 11) return Number.POSITIVE_INFINITY;
    return trimmed === '' ? 0 : parseInt(trimmed, 8);
  }
  if (!DEC.test(part)) return null;
  if (part.length > 10) return Number.POSITIVE_INFINITY;
  return parseInt(part, 10);
}

/**
 * Parses IPv4 the way the WHATWG URL standard (and inet_aton) does: 1 to 4 parts, each decimal,
 * octal (leading 0) or hex (0x), the last part filling the remaining bytes; one trailing dot allowed.
 * Returns null when the string is not an IPv4 address in any of those spellings.
 */
export function parseIPv4Loose(input: string): Uint8Array | null {
  let parts = input.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts = parts.slice(0, -1);
  if (parts.length === 0 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    const n = parseIPv4Part(p);
    if (n === null) return null;
    nums.push(n);
  }
  const last = nums.at(-1);
  if (last === undefined) return null;
  const leading = nums.slice(0, -1);
  if (leading.some((n) => n > 255)) return null;
  if (last >= 256 ** (5 - nums.length)) return null;
  let value = last;
  leading.forEach((n, i) => (value += n * 256 ** (3 - i)));
  return new Uint8Array([(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
}

/**
 * True when the last label of a host "ends in a number" (WHATWG URL): such a host must be an IPv4
 * address or is invalid. We refuse those that do not parse rather than handing them to a resolver
 * whose interpretation may differ.
 */
export function endsInNumber(host: string): boolean {
  let labels = host.split('.');
  if (labels.length > 1 && labels[labels.length - 1] === '') labels = labels.slice(0, -1);
  const last = labels[labels.length - 1] ?? '';
  if (last !== '' && DEC.test(last)) return true;
  return /^0x[0-9a-f]*$/i.test(last);
}

/** Strict dotted-quad check (what `net.isIPv4` accepts), used to tell canonical from obfuscated spellings. */
export function isCanonicalIPv4(input: string): boolean {
  const parts = input.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => DEC.test(p) && p.length <= 3 && (p === '0' || p[0] !== '0') && Number(p) <= 255);
}

/** Parses an IPv6 literal (brackets optional, embedded dotted IPv4 tail allowed, zone ids refused). */
export function parseIPv6(input: string): Uint8Array | null {
  let s = input;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes('%') || !s.includes(':')) return null;
  const bytes = new Uint8Array(16);
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const [i, g] of groups.entries()) {
      if (i === groups.length - 1 && g.includes('.')) {
        if (!isCanonicalIPv4(g)) return null;
        const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
        continue;
      }
      if (g.length === 0 || g.length > 4 || !HEX.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl === -1) {
    const all = parseGroups(s);
    if (!all || all.length !== 8) return null;
    groups = all;
  } else {
    const head = parseGroups(s.slice(0, dbl));
    const tail = parseGroups(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 255;
  });
  return bytes;
}

/** Parses any IP spelling: loose IPv4, or IPv6 with or without brackets. */
export function parseIp(input: string): ParsedIp | null {
  const s = input.trim();
  if (s.includes(':')) {
    const b = parseIPv6(s);
    return b ? { version: 6, bytes: b } : null;
  }
  const b = parseIPv4Loose(s);
  return b ? { version: 4, bytes: b } : null;
}

export function formatIPv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 text form: lower-case, no leading zeros, longest run of two or more zero groups as "::". */
export function formatIPv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function formatIp(ip: ParsedIp): string {
  return ip.version === 4 ? formatIPv4(ip.bytes) : formatIPv6(ip.bytes);
}

/** True when the first `bits` bits of `a` and `b` agree. */
export function prefixMatch(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const full = bits >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[full] ?? 0) & mask) === ((b[full] ?? 0) & mask);
}

export interface Cidr {
  version: 4 | 6;
  bytes: Uint8Array;
  bits: number;
}

/** Parses "10.0.0.0/8" or "fc00::/7"; the address part must be a canonical literal. */
export function parseCidr(input: string): Cidr | null {
  const slash = input.lastIndexOf('/');
  if (slash === -1) return null;
  const addr = input.slice(0, slash);
  const bitsText = input.slice(slash + 1);
  if (!DEC.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (addr.includes(':')) {
    const b = parseIPv6(addr);
    if (!b || bits > 128) return null;
    return { version: 6, bytes: b, bits };
  }
  if (!isCanonicalIPv4(addr) || bits > 32) return null;
  return { version: 4, bytes: parseIPv4Loose(addr) as Uint8Array, bits };
}

export function cidrContains(cidr: Cidr, ip: ParsedIp): boolean {
  return cidr.version === ip.version && prefixMatch(cidr.bytes, ip.bytes, cidr.bits);
}
