/**
 * Line-by-line validation of robots.txt (RFC 9309 plus the fields search engines document). The
 * parser used for the rules skips what it does not understand; this names those lines, since each
 * one is a rule the site owner meant and no crawler applies.
 */
export interface RobotsLineProblem {
  /** 1-based. */
  line: number;
  text: string;
  problem: string;
}

const GROUP_RULES = new Set(['allow', 'disallow', 'crawl-delay', 'request-rate', 'visit-time', 'content-signal', 'content-usage']);
/** Fields crawlers read; the ones outside RFC 9309 are Google, Bing, Yandex and content-signal extensions. */
const KNOWN_FIELDS = new Set(['user-agent', 'sitemap', 'host', 'clean-param', ...GROUP_RULES]);
/** Fields people still write although no major search engine reads them any more. */
const RETIRED_FIELDS: Readonly<Record<string, string>> = {
  noindex: 'Google stopped reading "Noindex" in robots.txt in 2019; use a robots meta tag or X-Robots-Tag header',
  nofollow: '"Nofollow" is not a robots.txt rule; use rel="nofollow" or a robots meta tag',
};
const SPELLED: Readonly<Record<string, string>> = {
  'user-agent': 'User-agent',
  allow: 'Allow',
  disallow: 'Disallow',
  sitemap: 'Sitemap',
  'crawl-delay': 'Crawl-delay',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(field: string): string {
  for (const [known, spelled] of Object.entries(SPELLED)) if (editDistance(field, known) <= 2) return ` (did you mean "${spelled}"?)`;
  return '';
}

export function lintRobotsTxt(body: string): RobotsLineProblem[] {
  const problems: RobotsLineProblem[] = [];
  const lines = body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let inGroup = false;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const content = text.replace(/#.*$/, '').trim();
    if (content.length === 0) continue;
    const add = (problem: string) => problems.push({ line: index + 1, text: text.trim(), problem });
    const colon = content.indexOf(':');
    if (colon <= 0) {
      add('The line is not a "field: value" pair and is ignored.');
      continue;
    }
    const field = content.slice(0, colon).trim().toLowerCase();
    const value = content.slice(colon + 1).trim();
    const retired = RETIRED_FIELDS[field];
    if (retired !== undefined) {
      add(`${retired}.`);
      continue;
    }
    if (!KNOWN_FIELDS.has(field)) {
      add(`"${content.slice(0, colon).trim()}" is not a robots.txt field${suggestion(field)}; crawlers ignore the line.`);
      continue;
    }
    if (field === 'user-agent') {
      inGroup = true;
      if (value.length === 0) add('The User-agent line names no crawler.');
      continue;
    }
    if (field === 'sitemap') {
      if (!/^https?:\/\/[^\s/]+/i.test(value)) add(`The Sitemap URL must be absolute (https://host/path); "${value}" is ignored.`);
      continue;
    }
    if (!GROUP_RULES.has(field)) continue;
    if (!inGroup) {
      add('The rule comes before any User-agent line, so it applies to no crawler.');
      continue;
    }
    if ((field === 'allow' || field === 'disallow') && value.length > 0 && !value.startsWith('/') && !value.startsWith('*')) {
      add(`The path "${value}" does not start with "/" and matches no URL.`);
    }
    if (field === 'crawl-delay' && !/^\d+(?:\.\d+)?$/.test(value)) add(`Crawl-delay expects a number of seconds, not "${value}".`);
  }
  return problems;
}
