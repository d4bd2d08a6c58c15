/**
 * Every Admin GraphQL document the connector sends (API version 2025-01). Each has an operation
 * name so throttling statistics, logs and the contract server can tell them apart.
 */

export const SHOP_QUERY = `query SeologyShop { shop { name myshopifyDomain primaryDomain { url host } } }`;

export const LIST_QUERIES = {
  product: `query SeologyListProducts($first: Int!, $after: String) {
  products(first: $first, after: $after, sortKey: ID) { edges { cursor node { id handle title } } pageInfo { hasNextPage endCursor } }
}`,
  collection: `query SeologyListCollections($first: Int!, $after: String) {
  collections(first: $first, after: $after, sortKey: ID) { edges { cursor node { id handle title } } pageInfo { hasNextPage endCursor } }
}`,
  page: `query SeologyListPages($first: Int!, $after: String) {
  pages(first: $first, after: $after, sortKey: ID) { edges { cursor node { id handle title } } pageInfo { hasNextPage endCursor } }
}`,
  article: `query SeologyListArticles($first: Int!, $after: String) {
  articles(first: $first, after: $after, sortKey: ID) { edges { cursor node { id handle title blog { handle } } } pageInfo { hasNextPage endCursor } }
}`,
} as const;

export const FIND_QUERIES = {
  product: `query SeologyFindProduct($query: String!) { products(first: 5, query: $query) { edges { node { id handle title } } } }`,
  collection: `query SeologyFindCollection($query: String!) { collections(first: 5, query: $query) { edges { node { id handle title } } } }`,
  page: `query SeologyFindPage($query: String!) { pages(first: 5, query: $query) { edges { node { id handle title } } } }`,
  article: `query SeologyFindArticle($query: String!) { articles(first: 10, query: $query) { edges { node { id handle title blog { handle } } } } }`,
} as const;

// `seo.hidden` = 1 is Shopify's documented way to keep a resource out of search engines and the sitemap.
const HIDDEN = `hidden: metafield(namespace: "seo", key: "hidden") { value }`;
const TAGS = `titleTag: metafield(namespace: "global", key: "title_tag") { value }
    descriptionTag: metafield(namespace: "global", key: "description_tag") { value }`;

export const READ_QUERIES = {
  product: `query SeologyReadProduct($id: ID!) {
  product(id: $id) {
    id handle title seo { title description } ${HIDDEN}
    media(first: 50) { edges { node { ... on MediaImage { id alt image { url } } } } }
  }
}`,
  collection: `query SeologyReadCollection($id: ID!) {
  collection(id: $id) { id handle title seo { title description } ${HIDDEN} }
}`,
  page: `query SeologyReadPage($id: ID!) {
  page(id: $id) { id handle title ${TAGS} ${HIDDEN} }
}`,
  article: `query SeologyReadArticle($id: ID!) {
  article(id: $id) { id handle title blog { handle } ${TAGS} ${HIDDEN} }
}`,
} as const;

export const PRODUCT_UPDATE = `mutation SeologyProductUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) { product { id title seo { title description } } userErrors { field message } }
}`;

export const COLLECTION_UPDATE = `mutation SeologyCollectionUpdate($input: CollectionInput!) {
  collectionUpdate(input: $input) { collection { id title seo { title description } } userErrors { field message } }
}`;

export const PAGE_UPDATE = `mutation SeologyPageUpdate($id: ID!, $page: PageUpdateInput!) {
  pageUpdate(id: $id, page: $page) { page { id title } userErrors { code field message } }
}`;

export const ARTICLE_UPDATE = `mutation SeologyArticleUpdate($id: ID!, $article: ArticleUpdateInput!) {
  articleUpdate(id: $id, article: $article) { article { id title } userErrors { code field message } }
}`;

export const METAFIELDS_SET = `mutation SeologyMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { id namespace key value } userErrors { field message code } }
}`;

export const METAFIELDS_DELETE = `mutation SeologyMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
  metafieldsDelete(metafields: $metafields) { deletedMetafields { ownerId namespace key } userErrors { field message } }
}`;

/** Image alt text goes through fileUpdate: product media are files, and productUpdateMedia is deprecated since 2024-10. */
export const FILE_UPDATE = `mutation SeologyFileUpdate($files: [FileUpdateInput!]!) {
  fileUpdate(files: $files) { files { id alt } userErrors { field message code } }
}`;

export const FIND_REDIRECT = `query SeologyFindRedirect($query: String!) {
  urlRedirects(first: 10, query: $query) { edges { node { id path target } } }
}`;

export const REDIRECT_CREATE = `mutation SeologyRedirectCreate($urlRedirect: UrlRedirectInput!) {
  urlRedirectCreate(urlRedirect: $urlRedirect) { urlRedirect { id path target } userErrors { field message code } }
}`;

export const REDIRECT_UPDATE = `mutation SeologyRedirectUpdate($id: ID!, $urlRedirect: UrlRedirectInput!) {
  urlRedirectUpdate(id: $id, urlRedirect: $urlRedirect) { urlRedirect { id path target } userErrors { field message code } }
}`;

export const REDIRECT_DELETE = `mutation SeologyRedirectDelete($id: ID!) {
  urlRedirectDelete(id: $id) { deletedUrlRedirectId userErrors { field message code } }
}`;
