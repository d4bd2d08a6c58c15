/** The number the decimal digits of `text` from `start` to `end` spell. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

const DASH = 45;
const SPACE = 32;
const COLON = 58;
const DOT = 46;

/**
 * A `timestamp without time zone` as Postgres writes it (`2026-12-04 19:30:05.123`, the fraction
 * trimmed of trailing zeros or absent), read as UTC. Read by hand: a page of issues holds a hundred of
 * them, and Date's string parser took about a third of the time pg spends turning rows into objects.
 * Anything else (BC dates, years past 9999 or before 100, infinity) goes through Date's parser.
 */
export function parseUtcTimestamp(value: string): Date {
  const length = value.length;
  const shaped =
    value.charCodeAt(4) === DASH && value.charCodeAt(7) === DASH && value.charCodeAt(10) === SPACE && value.charCodeAt(13) === COLON && value.charCodeAt(16) === COLON &&
    (length === 19 || (length > 20 && length <= 26 && value.charCodeAt(19) === DOT));
  const year = shaped ? digitsAt(value, 0, 4) : 0;
  if (year < 100) return new Date(`${value.replace(' ', 'T')}Z`);
  // Milliseconds: the first three digits of the fraction, as Date's parser reads them.
  const fraction = length > 20 ? value.slice(20, 23).padEnd(3, '0') : '000';
  return new Date(
    Date.UTC(year, digitsAt(value, 5, 7) - 1, digitsAt(value, 8, 10), digitsAt(value, 11, 13), digitsAt(value, 14, 16), digitsAt(value, 17, 19), digitsAt(fraction, 0, 3)),
  );
}
