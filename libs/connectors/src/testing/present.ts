/** The fixture item a test relies on; fails the test with a clear message when the fixture lacks it. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`test fixture is missing ${what}`);
  return value;
}
