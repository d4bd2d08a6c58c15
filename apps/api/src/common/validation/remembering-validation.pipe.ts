import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';

/** Distinct query strings remembered per DTO class; past that the memory starts over. */
const REMEMBERED_QUERIES_PER_CLASS = 500;
/** Longer query strings are validated every time (they are rarely repeated). */
const LONGEST_REMEMBERED_QUERY = 2_000;
/** Keys the pipe strips before transforming: a query holding one always takes the full path. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * ValidationPipe that validates each distinct query string of a DTO class once. A query is strings
 * (and lists of strings), and class-validator's verdict on the same strings for the same class never
 * changes; a dashboard polls the same few queries, where validating them again (class-validator walks
 * the class's metadata on every call) was several percent of a list request's CPU. A query that passed
 * is still transformed into a fresh DTO instance each time; one that failed is validated, and refused
 * with its errors, every time. Bodies and route parameters always take the full path.
 */
export class RememberingValidationPipe extends ValidationPipe {
  private readonly validQueries = new Map<unknown, Set<string>>();

  constructor(private readonly pipeOptions: ValidationPipeOptions) {
    super(pipeOptions);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    const key = metadata.type === 'query' && metatype && this.pipeOptions.transform === true ? queryKey(value) : null;
    if (key === null || !metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
    if (this.validQueries.get(metatype)?.has(key)) return plainToInstance(metatype, value, this.transformOptions);
    const result: unknown = await super.transform(value, metadata);
    this.rememberValid(metatype, key);
    return result;
  }

  private rememberValid(metatype: unknown, key: string): void {
    let keys = this.validQueries.get(metatype);
    if (!keys) this.validQueries.set(metatype, (keys = new Set()));
    if (keys.size >= REMEMBERED_QUERIES_PER_CLASS) keys.clear();
    keys.add(key);
  }
}

/** The query as a cache key, or null when it is not plain strings (the full path handles anything else). */
function queryKey(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && prototype !== Object.prototype) return null;
  for (const [name, field] of Object.entries(value)) {
    if (PROTOTYPE_KEYS.has(name)) return null;
    if (typeof field !== 'string' && !(Array.isArray(field) && field.every((item) => typeof item === 'string'))) return null;
  }
  const key = JSON.stringify(value);
  return key.length <= LONGEST_REMEMBERED_QUERY ? key : null;
}
