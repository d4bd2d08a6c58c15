export { classifyAddress, describeAddress, describeClass, embeddedIPv4, type AddressClass, type AddressInfo, type NonPublicClass } from './classify';
export { parseHostStrict, parseUrlStrict, type ParsedHost, type ParsedTarget } from './host';
export { parseIp, parseIPv4Loose, parseIPv6, parseCidr, formatIp, type ParsedIp, type Cidr } from './ip';
export { isAddressAllowed, isHostAllowListed, policyFromEnv, extendPolicy, STRICT_POLICY, type SsrfPolicy } from './policy';
export { resolveAndCheck, resolveTarget, checkAddresses, systemLookup, type LookupFn, type ResolvedAddress, type CheckOptions } from './resolve';
export { createSafeDispatcher, type SafeDispatcherOptions } from './dispatcher';
export { safeRequest, flattenHeaders, type SafeRequestOptions, type SafeResponse } from './request';
export { readBodyCapped, ACCEPT_ENCODING, type CappedBody } from './body';
export { SsrfError, RequestError, isSsrfError, type SsrfErrorCode, type RequestErrorCode, type RedirectHop } from './errors';
