import { BadRequestException } from '@nestjs/common';

/** Opaque to clients: the sort field, its value and the id of the last row of a page. */
export function encodeKeysetCursor(field: string, value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([field, value, id])).toString('base64url');
}

export const INVALID_CURSOR = 'cursor is not valid for this list: pass the nextCursor of the previous page, with the same sort.';

/** The value and id of a cursor made for this sort field; 400 for anything else. The caller checks the value's type. */
export function decodeKeysetCursor(field: string, cursor: string): { value: unknown; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException(INVALID_CURSOR);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== field || typeof parsed[2] !== 'string') throw new BadRequestException(INVALID_CURSOR);
  return { value: parsed[1] as unknown, id: parsed[2] };
}
