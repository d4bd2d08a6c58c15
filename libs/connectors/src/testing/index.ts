export {
  startWordPressContractServer,
  type WordPressContractServer,
  type WordPressContractServerOptions,
  type WpSeedItem,
  type WpSeedMedia,
  type WpSeedUser,
  type WpSeedRedirect,
  type WpRecord,
  type WpRedirectRecord,
  type WpPlugin,
  type WpRole,
} from './wordpress-contract-server';
export { type InjectedFault, type RecordedRequest } from './http-server';
export { renderPublicPage, type PublicPageModel } from './public-page';
export {
  startShopifyContractServer,
  type ShopifyContractServer,
  type ShopifyContractServerOptions,
  type ShopifyThrottleOptions,
  type ShopifyStats,
  type ShopifySeedProduct,
  type ShopifySeedCollection,
  type ShopifySeedPage,
  type ShopifySeedArticle,
  type ShopifySeedMedia,
  type ShopifySeedMetafield,
  type ShopifyProductRecord,
  type ShopifyCollectionRecord,
  type ShopifyPageRecord,
  type ShopifyArticleRecord,
  type ShopifyBlogRecord,
  type ShopifyRedirectRecord,
  type ShopifyMediaRecord,
  type ShopifyMetafieldRecord,
} from './shopify-contract-server';
export { startStaticSiteServer, type StaticSiteServer, type StaticPage } from './static-site-server';
export { createInMemorySnippetStore, type InMemorySnippetStore, type StoredSnippetFix } from './in-memory-snippet-store';
export { runSnippet, documentFromHtml, FakeDocument, FakeElement, type RunResult } from './fake-dom';
export {
  startRealWordPress,
  realWordPressUnavailable,
  describeWithRealWordPress,
  diffTableDumps,
  PRETTY_PERMALINKS,
  WORDPRESS_CORE_DIR,
  type RealWordPress,
  type RealWordPressOptions,
  type Permalinks,
  type SeededContent,
  type SeededItem,
  type SeededImage,
  type SqlRow,
  type SqlValue,
  type TableDump,
  type TableDiff,
  type LoggedRequest,
} from './real-wordpress';
export { startSearchConsoleContractServer, type SearchConsoleContractServer, type SearchAnalyticsRow, type AnalyticsRequest } from './search-console-contract-server';
