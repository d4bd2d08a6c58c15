export * from './types';
export * from './errors';
export { type HttpTransport, type HttpRequest, type HttpResponse, TransportError, createUndiciTransport } from './http/transport';
export { createDefaultTransport, createSafeTransport, type SsrfPolicyLike } from './http/default-transport';
export { type RetryOptions, type RetryInfo, DEFAULT_RETRY, isRetryableStatus } from './http/retry';
export { parseRetryAfter, backoffDelay } from '@seology/net';
export { normalizePageUrl, samePage } from './util/url';
// The audit's page reader, under the name the connectors' callers use for reading a served page.
export { readPageSeo as extractSeoFromHtml, type PageSeoSnapshot } from '@seology/audit';
export { WordPressConnector, type WordPressConnectorOptions } from './wordpress/wordpress-connector';
export { ShopifyConnector, normaliseShop, type ShopifyConnectorOptions } from './shopify/shopify-connector';
export { type ThrottleStats, type ThrottleStatus } from './shopify/shopify-graphql';
export {
  buildSnippet,
  renderSnippet,
  snippetEtag,
  etagMatches,
  snippetPageKey,
  scriptSafeJson,
  SNIPPET_FIELDS,
  type SnippetFix,
  type SnippetField,
  type SnippetBuild,
  type SnippetSkip,
} from './snippet/snippet-renderer';
export { SnippetConnector, type SnippetConnectorOptions, type SnippetFixStore } from './snippet/snippet-connector';
