import { cidrContains, formatIPv4, formatIp, parseCidr, parseIp, type Cidr, type ParsedIp } from './ip';

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

export type NonPublicClass = Exclude<AddressClass, 'public'>;

export interface AddressInfo {
  /** Canonical text form of the address as given (IPv6 stays IPv6). */
  address: string;
  version: 4 | 6;
  class: AddressClass;
  /** The range that decided the class, e.g. "10.0.0.0/8"; null for public addresses. */
  range: string | null;
  /** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64, 6to4), when it was classified through it. */
  embeddedIPv4: string | null;
}

interface Range {
  cidr: Cidr;
  text: string;
  cls: NonPublicClass;
}

function ranges(list: Array<[string, NonPublicClass]>): Range[] {
  return list.map(([text, cls]) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`bad built-in range ${text}`);
    return { cidr, text, cls };
  });
}

/**
 * Cloud instance metadata endpoints. They are checked before the generic ranges because reaching
 * them hands out credentials; an allow-list entry for the surrounding range must not unlock them.
 */
const METADATA = ranges([
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OpenStack, DigitalOcean
  ['169.254.170.2/32', 'metadata'], // AWS ECS task metadata
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud
  ['192.0.0.192/32', 'metadata'], // Oracle Cloud (legacy)
  ['fd00:ec2::254/128', 'metadata'], // AWS IPv6 IMDS
  ['fd00:ec2::23/128', 'metadata'], // AWS IPv6 DNS/time endpoints
]);

// Order matters only where ranges nest (broadcast inside 240/4).
const V4 = ranges([
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'reserved'], // TEST-NET-1 documentation
  ['192.88.99.0/24', 'reserved'], // deprecated 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'], // benchmarking
  ['198.51.100.0/24', 'reserved'], // TEST-NET-2 documentation
  ['203.0.113.0/24', 'reserved'], // TEST-NET-3 documentation
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

const V6 = ranges([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'reserved'], // discard-only
  ['64:ff9b:1::/48', 'private'], // local-use NAT64 (RFC 8215)
  ['2001::/23', 'reserved'], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::/32', 'reserved'], // documentation
  ['3fff::/20', 'reserved'], // documentation (RFC 9637)
  ['fc00::/7', 'private'], // unique local
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // deprecated site-local, still routed internally in places
  ['ff00::/8', 'multicast'],
]);

const GLOBAL_UNICAST = parseCidr('2000::/3') as Cidr;

function match(list: Range[], ip: ParsedIp): Range | null {
  for (const r of list) if (cidrContains(r.cidr, ip)) return r;
  return null;
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * The IPv4 address an IPv6 address carries and that a kernel or translator would actually reach:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d),
 * NAT64 well-known prefix (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48).
 */
export function embeddedIPv4(b: Uint8Array): Uint8Array | null {
  if (allZero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12, 16);
  if (allZero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return b.slice(12, 16);
  if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] === 0 || b[15] === 1))) return b.slice(12, 16);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && allZero(b, 4, 12)) return b.slice(12, 16);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return null;
}

function classifyParsed(ip: ParsedIp): AddressInfo {
  const address = formatIp(ip);
  const meta = match(METADATA, ip);
  if (meta) return { address, version: ip.version, class: 'metadata', range: meta.text, embeddedIPv4: null };
  if (ip.version === 4) {
    const r = match(V4, ip);
    return { address, version: 4, class: r ? r.cls : 'public', range: r ? r.text : null, embeddedIPv4: null };
  }
  const v4 = embeddedIPv4(ip.bytes);
  if (v4) {
    const inner = classifyParsed({ version: 4, bytes: v4 });
    return { address, version: 6, class: inner.class, range: inner.range, embeddedIPv4: formatIPv4(v4) };
  }
  const r = match(V6, ip);
  if (r) return { address, version: 6, class: r.cls, range: r.text, embeddedIPv4: null };
  if (!cidrContains(GLOBAL_UNICAST, ip)) {
    return { address, version: 6, class: 'reserved', range: 'outside 2000::/3', embeddedIPv4: null };
  }
  return { address, version: 6, class: 'public', range: null, embeddedIPv4: null };
}

/** Full classification with the deciding range. Throws a TypeError when `ip` is not an IP in any spelling. */
export function describeAddress(ip: string | ParsedIp): AddressInfo {
  if (typeof ip !== 'string') return classifyParsed(ip);
  const parsed = parseIp(ip);
  if (!parsed) throw new TypeError(`not an IP address: ${ip}`);
  return classifyParsed(parsed);
}

/** 'public', or why the address must not be reached from a server-side fetch. */
export function classifyAddress(ip: string): AddressClass {
  return describeAddress(ip).class;
}

const PHRASE: Record<AddressClass, string> = {
  public: 'a public address',
  private: 'a private address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  cgnat: 'a carrier-grade NAT (shared) address',
  metadata: 'a cloud metadata address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved (non-routable) address',
};

/** "a private address", "a cloud metadata address", ... for error messages. */
export function describeClass(cls: AddressClass): string {
  return PHRASE[cls];
}
