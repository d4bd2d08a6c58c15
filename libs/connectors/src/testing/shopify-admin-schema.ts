import {
  buildSchema,
  execute,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * The subset of Shopify's Admin GraphQL schema (API version 2025-01) that the connector and the
 * tests use, as SDL: the contract server validates every document against it and executes with
 * graphql-js, so a field or argument the real API does not have fails as it would there.
 */
export const SHOPIFY_ADMIN_SDL = /* GraphQL */ `
  schema { query: QueryRoot mutation: Mutation }

  interface Node { id: ID! }

  type QueryRoot {
    shop: Shop!
    product(id: ID!): Product
    products(first: Int, last: Int, after: String, before: String, reverse: Boolean, sortKey: ProductSortKeys, query: String): ProductConnection!
    collection(id: ID!): Collection
    collections(first: Int, last: Int, after: String, before: String, reverse: Boolean, sortKey: CollectionSortKeys, query: String): CollectionConnection!
    page(id: ID!): Page
    pages(first: Int, last: Int, after: String, before: String, reverse: Boolean, sortKey: PageSortKeys, query: String): PageConnection!
    blogs(first: Int, last: Int, after: String, before: String, reverse: Boolean, query: String): BlogConnection!
    article(id: ID!): Article
    articles(first: Int, last: Int, after: String, before: String, reverse: Boolean, sortKey: ArticleSortKeys, query: String): ArticleConnection!
    urlRedirects(first: Int, last: Int, after: String, before: String, reverse: Boolean, query: String): UrlRedirectConnection!
  }

  type Mutation {
    productUpdate(product: ProductUpdateInput, input: ProductInput): ProductUpdatePayload
    collectionUpdate(input: CollectionInput!): CollectionUpdatePayload
    pageUpdate(id: ID!, page: PageUpdateInput!): PageUpdatePayload
    articleUpdate(id: ID!, article: ArticleUpdateInput!): ArticleUpdatePayload
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
    metafieldsDelete(metafields: [MetafieldIdentifierInput!]!): MetafieldsDeletePayload
    fileUpdate(files: [FileUpdateInput!]!): FileUpdatePayload
    urlRedirectCreate(urlRedirect: UrlRedirectInput!): UrlRedirectCreatePayload
    urlRedirectUpdate(id: ID!, urlRedirect: UrlRedirectInput!): UrlRedirectUpdatePayload
    urlRedirectDelete(id: ID!): UrlRedirectDeletePayload
  }

  enum ProductSortKeys { ID TITLE UPDATED_AT CREATED_AT }
  enum CollectionSortKeys { ID TITLE UPDATED_AT }
  enum PageSortKeys { ID TITLE UPDATED_AT }
  enum ArticleSortKeys { ID TITLE UPDATED_AT }
  enum MediaContentType { IMAGE VIDEO EXTERNAL_VIDEO MODEL_3D }
  enum MediaStatus { READY PROCESSING FAILED UPLOADED }
  enum FileStatus { READY PROCESSING FAILED UPLOADED }
  enum MetafieldOwnerType { PRODUCT COLLECTION PAGE ARTICLE }
  enum CurrencyCode { USD EUR GBP CAD }

  type Shop implements Node { id: ID! name: String! myshopifyDomain: String! currencyCode: CurrencyCode! primaryDomain: Domain! }
  type Domain implements Node { id: ID! host: String! url: String! sslEnabled: Boolean! }

  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

  type SEO { title: String description: String }
  type Image { id: ID url: String! altText: String width: Int height: Int }

  interface HasMetafields {
    metafield(namespace: String, key: String!): Metafield
    metafields(namespace: String, first: Int, last: Int, after: String, before: String, reverse: Boolean): MetafieldConnection!
  }
  type Metafield implements Node { id: ID! namespace: String! key: String! type: String! value: String! ownerType: MetafieldOwnerType! }
  type MetafieldConnection { edges: [MetafieldEdge!]! nodes: [Metafield!]! pageInfo: PageInfo! }
  type MetafieldEdge { cursor: String! node: Metafield! }
  type MetafieldIdentifier { ownerId: ID! namespace: String! key: String! }

  interface Media { id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! preview: MediaPreviewImage }
  interface File { id: ID! alt: String fileStatus: FileStatus! preview: MediaPreviewImage }
  type MediaPreviewImage { image: Image status: MediaStatus! }
  type MediaImage implements Node & Media & File {
    id: ID! alt: String mediaContentType: MediaContentType! status: MediaStatus! fileStatus: FileStatus! image: Image preview: MediaPreviewImage
  }
  type MediaConnection { edges: [MediaEdge!]! nodes: [Media!]! pageInfo: PageInfo! }
  type MediaEdge { cursor: String! node: Media! }

  type Product implements Node & HasMetafields {
    id: ID! handle: String! title: String! descriptionHtml: String! status: String! onlineStoreUrl: String seo: SEO!
    media(first: Int, last: Int, after: String, before: String, reverse: Boolean): MediaConnection!
    featuredMedia: Media
    metafield(namespace: String, key: String!): Metafield
    metafields(namespace: String, first: Int, last: Int, after: String, before: String, reverse: Boolean): MetafieldConnection!
  }
  type ProductConnection { edges: [ProductEdge!]! nodes: [Product!]! pageInfo: PageInfo! }
  type ProductEdge { cursor: String! node: Product! }

  type Collection implements Node & HasMetafields {
    id: ID! handle: String! title: String! descriptionHtml: String! seo: SEO! image: Image
    metafield(namespace: String, key: String!): Metafield
    metafields(namespace: String, first: Int, last: Int, after: String, before: String, reverse: Boolean): MetafieldConnection!
  }
  type CollectionConnection { edges: [CollectionEdge!]! nodes: [Collection!]! pageInfo: PageInfo! }
  type CollectionEdge { cursor: String! node: Collection! }

  type Page implements Node & HasMetafields {
    id: ID! handle: String! title: String! body: String! isPublished: Boolean!
    metafield(namespace: String, key: String!): Metafield
    metafields(namespace: String, first: Int, last: Int, after: String, before: String, reverse: Boolean): MetafieldConnection!
  }
  type PageConnection { edges: [PageEdge!]! nodes: [Page!]! pageInfo: PageInfo! }
  type PageEdge { cursor: String! node: Page! }

  type Blog implements Node { id: ID! handle: String! title: String! }
  type BlogConnection { edges: [BlogEdge!]! nodes: [Blog!]! pageInfo: PageInfo! }
  type BlogEdge { cursor: String! node: Blog! }

  type Article implements Node & HasMetafields {
    id: ID! handle: String! title: String! body: String! isPublished: Boolean! blog: Blog! image: Image
    metafield(namespace: String, key: String!): Metafield
    metafields(namespace: String, first: Int, last: Int, after: String, before: String, reverse: Boolean): MetafieldConnection!
  }
  type ArticleConnection { edges: [ArticleEdge!]! nodes: [Article!]! pageInfo: PageInfo! }
  type ArticleEdge { cursor: String! node: Article! }

  type UrlRedirect implements Node { id: ID! path: String! target: String! }
  type UrlRedirectConnection { edges: [UrlRedirectEdge!]! nodes: [UrlRedirect!]! pageInfo: PageInfo! }
  type UrlRedirectEdge { cursor: String! node: UrlRedirect! }

  input SEOInput { title: String description: String }
  input ProductUpdateInput { id: ID handle: String title: String descriptionHtml: String seo: SEOInput }
  input ProductInput { id: ID handle: String title: String descriptionHtml: String seo: SEOInput }
  input CollectionInput { id: ID handle: String title: String descriptionHtml: String seo: SEOInput }
  input PageUpdateInput { handle: String title: String body: String isPublished: Boolean }
  input ArticleUpdateInput { handle: String title: String body: String isPublished: Boolean }
  input MetafieldsSetInput { ownerId: ID! namespace: String key: String! value: String! type: String compareDigest: String }
  input MetafieldIdentifierInput { ownerId: ID! namespace: String! key: String! }
  input FileUpdateInput { id: ID! alt: String filename: String }
  input UrlRedirectInput { path: String target: String }

  "A mutation's user error without a code (productUpdate, collectionUpdate, metafieldsDelete)."
  type UserError { field: [String!] message: String! }
  enum PageUpdateUserErrorCode { BLANK TOO_LONG NOT_FOUND TAKEN INVALID }
  type PageUpdateUserError { field: [String!] message: String! code: PageUpdateUserErrorCode }
  enum ArticleUpdateUserErrorCode { BLANK TOO_LONG NOT_FOUND TAKEN INVALID }
  type ArticleUpdateUserError { field: [String!] message: String! code: ArticleUpdateUserErrorCode }
  enum MetafieldsSetUserErrorCode { BLANK INVALID INVALID_VALUE INVALID_TYPE TOO_LONG }
  type MetafieldsSetUserError { field: [String!] message: String! code: MetafieldsSetUserErrorCode }
  enum FilesErrorCode { FILE_DOES_NOT_EXIST ALT_VALUE_LIMIT_EXCEEDED INVALID }
  type FilesUserError { field: [String!] message: String! code: FilesErrorCode }
  enum UrlRedirectErrorCode { BLANK TAKEN INVALID DOES_NOT_EXIST CREATE_FAILED UPDATE_FAILED DELETE_FAILED }
  type UrlRedirectUserError { field: [String!] message: String! code: UrlRedirectErrorCode }

  type ProductUpdatePayload { product: Product userErrors: [UserError!]! }
  type CollectionUpdatePayload { collection: Collection userErrors: [UserError!]! }
  type PageUpdatePayload { page: Page userErrors: [PageUpdateUserError!]! }
  type ArticleUpdatePayload { article: Article userErrors: [ArticleUpdateUserError!]! }
  type MetafieldsSetPayload { metafields: [Metafield!] userErrors: [MetafieldsSetUserError!]! }
  type MetafieldsDeletePayload { deletedMetafields: [MetafieldIdentifier] userErrors: [UserError!]! }
  type FileUpdatePayload { files: [File!] userErrors: [FilesUserError!]! }
  type UrlRedirectCreatePayload { urlRedirect: UrlRedirect userErrors: [UrlRedirectUserError!]! }
  type UrlRedirectUpdatePayload { urlRedirect: UrlRedirect userErrors: [UrlRedirectUserError!]! }
  type UrlRedirectDeletePayload { deletedUrlRedirectId: ID userErrors: [UrlRedirectUserError!]! }
`;

export const shopifyAdminSchema = buildSchema(SHOPIFY_ADMIN_SDL);

/** A top-level error as Shopify's Admin API words it (graphql-ruby's messages and codes). */
export type ShopifyGraphqlError = GraphQLFormattedError;

/** Fails a field: its value becomes null and the error is listed with the field's path, as a resolver error would be. */
export function fieldError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export type ParsedOperation = { document: DocumentNode; operation: OperationDefinitionNode | null };

type Checked = { ok: true; document: DocumentNode } | { ok: false; errors: ShopifyGraphqlError[] };
/** Documents already parsed and validated, by their text: clients send the same few documents again and again. */
const checkedDocuments = new Map<string, Checked>();
const MAX_CACHED_DOCUMENTS = 500;

/** Parses and validates a document; the errors are Shopify's top-level `errors` for an invalid one. */
export function parseAndValidate(query: string, operationName: string | null): { ok: true; parsed: ParsedOperation } | { ok: false; errors: ShopifyGraphqlError[] } {
  let checked = checkedDocuments.get(query);
  if (!checked) {
    checked = check(query);
    if (checkedDocuments.size >= MAX_CACHED_DOCUMENTS) checkedDocuments.clear();
    checkedDocuments.set(query, checked);
  }
  if (!checked.ok) return checked;
  const { document } = checked;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? (operations.find((o) => o.name?.value === operationName) ?? null) : (operations[0] ?? null);
  return { ok: true, parsed: { document, operation } };
}

function check(query: string): Checked {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const e = error as GraphQLError;
    return { ok: false, errors: [{ message: `Parse error on "${e.message}"`, ...(e.locations ? { locations: [...e.locations] } : {}), extensions: { code: 'PARSE_ERROR' } }] };
  }
  const invalid = validate(shopifyAdminSchema, document, specifiedRules);
  if (invalid.length) return { ok: false, errors: invalid.map(asShopifyValidationError) };
  return { ok: true, document };
}

/** Executes a validated document against resolver objects whose fields are values or functions of their arguments. */
/** The response body's data and errors; `data` is absent when execution never started (variables that do not fit). */
export interface ShopifyExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: ShopifyGraphqlError[];
}

export async function executeShopify(parsed: ParsedOperation, rootValue: { query: object; mutation: object }, variables: Record<string, unknown>, operationName: string | null): Promise<ShopifyExecutionResult> {
  const root = parsed.operation?.operation === OperationTypeNode.MUTATION ? rootValue.mutation : rootValue.query;
  const result: ExecutionResult = await execute({
    schema: shopifyAdminSchema,
    document: parsed.document,
    rootValue: root,
    variableValues: variables,
    operationName,
    // Resolver objects hold plain values or functions of the field's arguments.
    fieldResolver: (source, args, _context, info) => {
      const value = (source as Record<string, unknown>)[info.fieldName];
      return typeof value === 'function' ? (value as (a: Record<string, unknown>) => unknown)(args as Record<string, unknown>) : value;
    },
  });
  if (result.errors?.length && result.data === undefined) {
    // Variables that do not fit their declared types: execution never started.
    return { errors: result.errors.map(asShopifyVariableError) };
  }
  return { ...(result.errors?.length ? { errors: result.errors.map((e) => e.toJSON()) } : {}), data: result.data ?? null };
}

/** graphql-js's validation messages in the wording and codes of Shopify's API (graphql-ruby). */
function asShopifyValidationError(error: GraphQLError): ShopifyGraphqlError {
  const locations = error.locations ? { locations: [...error.locations] } : {};
  const field = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(error.message);
  if (field) return { message: `Field '${field[1]}' doesn't exist on type '${field[2]}'`, ...locations, extensions: { code: 'undefinedField', typeName: field[2], fieldName: field[1] } };
  const argument = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"/.exec(error.message);
  if (argument) return { message: `Field '${argument[3]}' doesn't accept argument '${argument[1]}'`, ...locations, extensions: { code: 'argumentNotAccepted', name: argument[3], typeName: 'Field', argumentName: argument[1] } };
  const missing = /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required/.exec(error.message);
  if (missing) return { message: `Field '${missing[1]}' is missing required arguments: ${missing[2]}`, ...locations, extensions: { code: 'missingRequiredArguments', className: 'Field', name: missing[1], arguments: missing[2] } };
  const fragment = /^Unknown fragment "([^"]+)"/.exec(error.message);
  if (fragment) return { message: `Fragment ${fragment[1]} was used, but not defined`, ...locations, extensions: { code: 'useAndDefineFragment', fragmentName: fragment[1] } };
  const selections = /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/.exec(error.message);
  if (selections) return { message: `Field must have selections (field '${selections[1]}' returns ${(selections[2] ?? '').replace(/[![\]]/g, '')} but has no selections. Did you mean '${selections[1]} { ... }'?)`, ...locations, extensions: { code: 'selectionMismatch', nodeName: `field '${selections[1]}'`, typeName: selections[2] } };
  const scalar = /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields/.exec(error.message);
  if (scalar) return { message: `Selections can't be made on scalars (field '${scalar[1]}' returns ${(scalar[2] ?? '').replace(/!$/, '')} but has selections [...])`, ...locations, extensions: { code: 'selectionMismatch', nodeName: `field '${scalar[1]}'`, typeName: scalar[2] } };
  return { message: error.message, ...locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
}

function asShopifyVariableError(error: GraphQLError): ShopifyGraphqlError {
  const v = /^Variable "\$([^"]+)" (?:of (?:required )?type "([^"]+)" )?/.exec(error.message);
  if (!v) return error.toJSON();
  return {
    message: `Variable $${v[1]} of type ${v[2] ?? 'the declared type'} was provided invalid value`,
    ...(error.locations ? { locations: [...error.locations] } : {}),
    extensions: { code: 'INVALID_VARIABLE', value: null, problems: [{ path: [], explanation: error.message }] },
  };
}

/**
 * Shopify-style static cost: scalars 0, objects 1, connections 2 + first × (cost of one node),
 * mutations 10 on top of their payload. With `data` (the executed result) the "actual" cost counts
 * the nodes returned instead of the page size asked for.
 */
export function queryCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data?: Record<string, unknown> | null): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const flatten = (set: SelectionSetNode | undefined): FieldNode[] => {
    const out: FieldNode[] = [];
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...flatten(s.selectionSet));
      else out.push(...flatten(fragments.get(s.name.value)?.selectionSet));
    }
    return out;
  };
  const nodeSelections = (set: SelectionSetNode): FieldNode[] => {
    const out: FieldNode[] = [];
    for (const f of flatten(set)) {
      if (f.name.value === 'nodes' && f.selectionSet) out.push(...flatten(f.selectionSet));
      if (f.name.value === 'edges' && f.selectionSet) {
        for (const e of flatten(f.selectionSet)) if (e.name.value === 'node' && e.selectionSet) out.push(...flatten(e.selectionSet));
      }
    }
    return out;
  };
  const argument = (f: FieldNode, name: string): ValueNode | undefined => f.arguments?.find((a) => a.name.value === name)?.value;
  const numberOf = (v: ValueNode): number => {
    if (v.kind === Kind.VARIABLE) return Number(variables[v.name.value]) || 0;
    if (v.kind === Kind.INT || v.kind === Kind.FLOAT) return Number(v.value) || 0;
    return 0;
  };
  const firstNodeOf = (conn: unknown): unknown => {
    const c = conn as { edges?: Array<{ node?: unknown }>; nodes?: unknown[] } | null | undefined;
    return c?.edges?.[0]?.node ?? c?.nodes?.[0];
  };
  const costOf = (fields: FieldNode[], result: unknown): number => {
    let total = 0;
    for (const f of fields) {
      if (!f.selectionSet || f.name.value === 'pageInfo') continue;
      const key = f.alias?.value ?? f.name.value;
      const sub = result && typeof result === 'object' ? (result as Record<string, unknown>)[key] : undefined;
      const page = argument(f, 'first') ?? argument(f, 'last');
      if (page) {
        let count = numberOf(page);
        if (data !== undefined) {
          const conn = sub as { edges?: unknown[]; nodes?: unknown[] } | null | undefined;
          count = conn ? (conn.edges?.length ?? conn.nodes?.length ?? 0) : 0;
        }
        const sample = data !== undefined ? firstNodeOf(sub) : undefined;
        total += 2 + count * (1 + costOf(nodeSelections(f.selectionSet), sample));
      } else if (Array.isArray(sub)) {
        total += sub.reduce<number>((n, item) => n + 1 + costOf(flatten(f.selectionSet), item), 0);
      } else {
        total += 1 + costOf(flatten(f.selectionSet), sub);
      }
    }
    return total;
  };
  const base = operation.operation === OperationTypeNode.MUTATION ? 10 : 0;
  return base + costOf(flatten(operation.selectionSet), data === undefined ? undefined : data);
}
