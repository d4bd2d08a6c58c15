/** Robots directives as a lower-case list: "NoIndex, follow" → ["noindex", "follow"]. */
export function parseRobots(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** True when the directives keep the page out of the index. */
export function isNoindex(value: string): boolean {
  return parseRobots(value).some((d) => d === 'noindex' || d === 'none');
}
