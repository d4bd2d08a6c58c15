import { lookup as dnsLookup } from 'node:dns/promises';
import { describeAddress, describeClass, type AddressInfo } from './classify';
import { SsrfError } from './errors';
import { parseUrlStrict, type ParsedTarget } from './host';
import { formatIp, parseIp } from './ip';
import { isAddressAllowed, type SsrfPolicy } from './policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses. Injectable so tests can simulate DNS (including rebinding). */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupFn = async (hostname) => {
  const list = await dnsLookup(hostname, { all: true, verbatim: true });
  return list.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface CheckOptions {
  lookup?: LookupFn;
}

function refuse(target: { hostname: string; rawHost?: string; ip: unknown }, info: AddressInfo): SsrfError {
  const what = describeClass(info.class);
  const via = info.embeddedIPv4 ? ` (embedding ${info.embeddedIPv4})` : '';
  let subject: string;
  if (target.ip) {
    const raw = target.rawHost ?? target.hostname;
    const spelled = raw.replace(/^\[|\]$/g, '').toLowerCase();
    subject = spelled !== info.address ? `${raw} is ${info.address}${via},` : `${info.address}${via} is`;
  } else {
    subject = `${target.hostname} resolves to ${info.address}${via},`;
  }
  return new SsrfError('blocked-address', `${subject} ${what}; refused`, {
    host: target.hostname,
    address: info.address,
    addressClass: info.class,
  });
}

/**
 * Checks every address a host resolved to; one non-public, non-allowed address is enough to refuse,
 * since the connecting side could pick any of them.
 */
export function checkAddresses(
  policy: SsrfPolicy,
  target: { hostname: string; rawHost?: string; ip: unknown },
  addresses: readonly string[],
): string[] {
  if (addresses.length === 0) {
    throw new SsrfError('dns-failure', `${target.hostname} did not resolve to any address; refused`, { host: target.hostname });
  }
  const out: string[] = [];
  for (const a of addresses) {
    const info = describeAddress(a);
    if (!isAddressAllowed(policy, target.hostname, info)) throw refuse(target, info);
    out.push(info.address);
  }
  return out;
}

/** Resolves (or parses) the host of `target` and returns only addresses the policy allows, else throws SsrfError. */
export async function resolveTarget(
  target: { hostname: string; rawHost?: string; ip: ParsedTarget['ip'] },
  policy: SsrfPolicy,
  lookup: LookupFn = systemLookup,
): Promise<string[]> {
  if (target.ip) return checkAddresses(policy, target, [formatIp(target.ip)]);
  let resolved: ResolvedAddress[];
  try {
    resolved = await lookup(target.hostname);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new SsrfError('dns-failure', `${target.hostname} could not be resolved (${code}); refused`, { host: target.hostname });
  }
  // A resolver answering with a non-canonical spelling must not slip past the classification.
  const addresses = resolved.map((r) => {
    const ip = parseIp(r.address);
    if (!ip) throw new SsrfError('dns-failure', `${target.hostname} resolved to an unparseable address ${r.address}; refused`);
    return formatIp(ip);
  });
  return checkAddresses(policy, target, addresses);
}

/**
 * Validates the URL, resolves its host and refuses when any resolved address is non-public and not
 * allowed by the policy. This is the early, descriptive check; the safe dispatcher repeats it at
 * connect time and connects only to a checked address, which is what defeats DNS rebinding.
 */
export async function resolveAndCheck(
  url: string | URL,
  policy: SsrfPolicy,
  options: CheckOptions = {},
): Promise<{ url: URL; addresses: string[] }> {
  const target = parseUrlStrict(url);
  const addresses = await resolveTarget(target, policy, options.lookup);
  return { url: target.url, addresses };
}
