import { domainToASCII } from 'node:url';
import type { AddressInfo } from './classify';
import { cidrContains, formatIp, parseCidr, parseIp, type Cidr, type ParsedIp } from './ip';
import { embeddedIPv4 } from './classify';

/**
 * Which non-public destinations a deployment deliberately reaches (a local test site, an intranet
 * CMS). Entries are host names ("localhost", "*.corp.example" for sub-domains), IPs in any
 * spelling, or CIDRs ("127.0.0.0/8"). Everything not listed must be public.
 */
export interface SsrfPolicy {
  allowHosts: readonly string[];
}

interface CompiledPolicy {
  names: Set<string>;
  suffixes: string[];
  ips: Set<string>;
  cidrs: Cidr[];
}

const compiled = new WeakMap<SsrfPolicy, { key: string; value: CompiledPolicy }>();

function normaliseName(name: string): string {
  let n = name.trim().toLowerCase();
  if (n.endsWith('.')) n = n.slice(0, -1);
  return /^[\x21-\x7e]*$/.test(n) ? n : domainToASCII(n);
}

function compile(policy: SsrfPolicy): CompiledPolicy {
  // Keyed on content as well as identity so a caller mutating allowHosts in place is honoured.
  const key = policy.allowHosts.join('\n');
  const hit = compiled.get(policy);
  if (hit && hit.key === key) return hit.value;
  const value: CompiledPolicy = { names: new Set(), suffixes: [], ips: new Set(), cidrs: [] };
  for (const raw of policy.allowHosts) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      const cidr = parseCidr(entry.replace(/^\[|\]$/g, ''));
      if (!cidr) throw new TypeError(`invalid CIDR in SSRF allow-list: ${entry}`);
      value.cidrs.push(cidr);
      continue;
    }
    const ip = parseIp(entry.replace(/^\[|\]$/g, ''));
    if (ip) {
      value.ips.add(formatIp(ip));
      continue;
    }
    if (entry.startsWith('*.')) value.suffixes.push(`.${normaliseName(entry.slice(2))}`);
    else value.names.add(normaliseName(entry));
  }
  compiled.set(policy, { key, value });
  return value;
}

function ipKeys(ip: ParsedIp): ParsedIp[] {
  if (ip.version === 6) {
    const v4 = embeddedIPv4(ip.bytes);
    if (v4) return [ip, { version: 4, bytes: v4 }];
  }
  return [ip];
}

/** True when the host name itself is on the allow-list (exact name or "*.suffix"). */
export function isHostAllowListed(policy: SsrfPolicy, hostname: string): boolean {
  const c = compile(policy);
  const h = normaliseName(hostname);
  if (c.names.has(h)) return true;
  return c.suffixes.some((s) => h.endsWith(s));
}

/**
 * Decides whether `hostname` may be reached at `address`. Public addresses always may. A
 * non-public one only when the host name, the exact IP or a covering CIDR is listed; a cloud
 * metadata address only when that exact IP is listed, because a broad entry such as
 * 169.254.0.0/16 or "localhost" is never meant to hand out instance credentials.
 */
export function isAddressAllowed(policy: SsrfPolicy, hostname: string, info: AddressInfo): boolean {
  if (info.class === 'public') return true;
  const c = compile(policy);
  const ip = parseIp(info.address) as ParsedIp;
  const keys = ipKeys(ip);
  if (keys.some((k) => c.ips.has(formatIp(k)))) return true;
  if (info.class === 'metadata') return false;
  if (isHostAllowListed(policy, hostname)) return true;
  return keys.some((k) => c.cidrs.some((cidr) => cidrContains(cidr, k)));
}

/**
 * Builds a policy from SSRF_ALLOW_HOSTS (comma or whitespace separated) of the environment the caller
 * passes (the CLI passes its own). Unset means nothing non-public is allowed.
 */
export function policyFromEnv(env: Record<string, string | undefined>, name = 'SSRF_ALLOW_HOSTS'): SsrfPolicy {
  const raw = env[name] ?? '';
  const policy = { allowHosts: raw.split(/[\s,]+/).filter((s) => s !== '') };
  compile(policy); // fail fast on a malformed entry at start-up rather than on the first request
  return policy;
}

/** A new policy that additionally allows the given entries. */
export function extendPolicy(policy: SsrfPolicy, extra: readonly string[]): SsrfPolicy {
  return { allowHosts: [...policy.allowHosts, ...extra] };
}

/** The policy that allows nothing non-public. */
export const STRICT_POLICY: SsrfPolicy = Object.freeze({ allowHosts: Object.freeze([] as string[]) });
