/** Deepest nesting of objects and arrays a request body may have; our DTOs need fewer than ten. */
export const MAX_JSON_DEPTH = 32;

/**
 * Finds what would make a JSON body fail later, far from the parser: nesting deep enough to overflow
 * the validator's recursion, and strings Postgres cannot store (NUL) or UTF-8 cannot encode (a lone
 * surrogate, which only an escape can produce). One pass over the raw text, before JSON.parse, so a
 * hostile body costs a scan, not a parse and a validation. Returns a sentence for the 400, or null.
 */
export function findJsonHazard(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x22 /* " */) inString = false;
      else if (c === 0x5c /* \ */) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */) {
          const unit = parseInt(text.slice(i + 2, i + 6), 16);
          if (unit === 0) return 'A string in the body contains a NUL character (\\u0000), which cannot be stored.';
          if (unit >= 0xd800 && unit <= 0xdbff) {
            const next = text.slice(i + 6, i + 8) === '\\u' ? parseInt(text.slice(i + 8, i + 12), 16) : NaN;
            if (!(next >= 0xdc00 && next <= 0xdfff)) return 'A string in the body contains a lone UTF-16 surrogate, which is not valid Unicode.';
            i += 11;
            continue;
          }
          if (unit >= 0xdc00 && unit <= 0xdfff) return 'A string in the body contains a lone UTF-16 surrogate, which is not valid Unicode.';
          i += 5;
        } else {
          i += 1;
        }
      }
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth) return `The request body is nested more than ${maxDepth} levels deep.`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth -= 1;
  }
  return null;
}

/** Well-formed text for a URL, query or header value: no NUL and no other C0 control but tab. */
export function hasControlCharacters(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
}

/** Raised inside body-parser's `verify`; body-parser marks it 403, the error filter answers 400. */
export class MalformedBodyError extends Error {
  readonly code = 'MALFORMED_BODY';
}
