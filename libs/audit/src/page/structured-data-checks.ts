import type { FindingEmitter } from './emitter';
import type { PageAnalysis } from './analysis';
import type { ElementNode } from '../html/selector';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function types(item: JsonObject): string[] {
  const raw = item['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const value of list) {
    if (typeof value === 'string') out.push(value.replace(/^(?:https?:\/\/)?schema\.org\//i, '').replace(/^schema:/i, ''));
  }
  return out;
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.some(present);
  return true;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

const ARTICLE_TYPES = new Set(['Article', 'NewsArticle', 'BlogPosting', 'TechArticle', 'ScholarlyArticle', 'Report', 'LiveBlogPosting']);
const ORGANIZATION_TYPES = new Set(['Organization', 'Corporation', 'NGO', 'EducationalOrganization', 'GovernmentOrganization', 'OnlineStore', 'NewsMediaOrganization']);

/** Strips wrappers some CMSs put around JSON-LD (HTML comments, CDATA) before parsing. */
function cleanJson(text: string): string {
  return text
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .replace(/^\/\*\s*<!\[CDATA\[\s*\*\//, '')
    .replace(/\/\*\s*\]\]>\s*\*\/$/, '')
    .trim();
}

function checkItem(item: JsonObject, node: ElementNode, url: string, out: FindingEmitter): void {
  const itemTypes = types(item);
  const label = itemTypes.join(', ');
  if (itemTypes.includes('Product')) {
    const missing: string[] = [];
    if (!present(item.name)) missing.push('name');
    if (!present(item.offers) && !present(item.review) && !present(item.aggregateRating)) missing.push('offers/review/aggregateRating');
    if (missing.length > 0) out.emit('schema-product-incomplete', url, node, `Product markup lacks ${missing.join(' and ')}.`, missing.join(', '));
  }
  if (itemTypes.some((type) => ARTICLE_TYPES.has(type))) {
    const missing = ['headline', 'author', 'datePublished', 'image'].filter((key) => !present(item[key]));
    if (missing.length > 0) out.emit('schema-article-incomplete', url, node, `${label} markup lacks ${missing.join(', ')}.`, missing.join(', '));
  }
  if (itemTypes.some((type) => ORGANIZATION_TYPES.has(type))) {
    const missing = ['name', 'url'].filter((key) => !present(item[key]));
    if (missing.length > 0) out.emit('schema-organization-incomplete', url, node, `${label} markup lacks ${missing.join(' and ')}.`, missing.join(', '));
  }
  if (itemTypes.includes('BreadcrumbList')) {
    const elements = asArray(item.itemListElement);
    const problems: string[] = [];
    if (elements.length === 0) problems.push('itemListElement is missing or empty');
    elements.forEach((element, index) => {
      if (!isObject(element)) {
        problems.push(`item ${index + 1} is not an object`);
        return;
      }
      const position = element.position;
      if (!(typeof position === 'number' || (typeof position === 'string' && /^\d+$/.test(position.trim())))) problems.push(`item ${index + 1} lacks a numeric position`);
      const nested = isObject(element.item) ? element.item : null;
      if (!present(element.name) && !(nested !== null && present(nested.name))) problems.push(`item ${index + 1} lacks name`);
      const isLast = index === elements.length - 1;
      if (!isLast && !present(element.item)) problems.push(`item ${index + 1} lacks item`);
    });
    if (problems.length > 0) out.emit('schema-breadcrumb-invalid', url, node, `BreadcrumbList markup is invalid: ${problems[0]}.`, problems.join('; '));
  }
  if (itemTypes.includes('FAQPage')) {
    const entries = asArray(item.mainEntity);
    const problems: string[] = [];
    if (entries.length === 0) problems.push('mainEntity is missing');
    entries.forEach((entry, index) => {
      if (!isObject(entry) || !types(entry).includes('Question')) {
        problems.push(`entry ${index + 1} is not a Question`);
        return;
      }
      if (!present(entry.name)) problems.push(`question ${index + 1} lacks name`);
      const answer = asArray(entry.acceptedAnswer)[0];
      if (!isObject(answer) || !present(answer.text)) problems.push(`question ${index + 1} lacks acceptedAnswer.text`);
    });
    if (problems.length > 0) out.emit('schema-faq-invalid', url, node, `FAQPage markup is invalid: ${problems[0]}.`, problems.join('; '));
  }
}

export function runStructuredDataChecks(a: PageAnalysis, out: FindingEmitter): void {
  const url = a.url;
  const facts = a.facts;
  if (facts.jsonLd.length === 0 && !facts.hasMicrodata && !facts.hasRdfa) {
    if (a.page.status >= 200 && a.page.status < 300) out.emit('structured-data-missing', url, null, 'The page has no structured data.', null);
    return;
  }
  for (const block of facts.jsonLd) {
    const text = cleanJson(block.text);
    if (text.length === 0) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      out.emit('jsonld-syntax-error', url, block.node, `The JSON-LD block is not valid JSON: ${(error as Error).message}.`, text.slice(0, 200));
      continue;
    }
    const topItems = asArray(data);
    for (const top of topItems) {
      if (!isObject(top)) continue;
      const topContext = present(top['@context']);
      const members = Array.isArray(top['@graph']) ? (top['@graph'] as unknown[]) : [top];
      for (const member of members) {
        if (!isObject(member)) continue;
        if (!topContext && !present(member['@context'])) out.emit('jsonld-missing-context', url, block.node, 'A JSON-LD item has no @context.', JSON.stringify(member).slice(0, 200));
        if (!present(member['@type'])) {
          out.emit('jsonld-missing-type', url, block.node, 'A JSON-LD item has no @type.', JSON.stringify(member).slice(0, 200));
          continue;
        }
        checkItem(member, block.node, url, out);
      }
    }
  }
}
