import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type * as Audit from '@seology/audit';

// The audit library is loaded when needed, as everywhere in the CLI (commands that audit nothing start faster).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const findingIdentity: typeof Audit.findingIdentity = (finding) => (require('@seology/audit') as typeof Audit).findingIdentity(finding);

interface BaselineIssue {
  id?: unknown;
  checkId?: unknown;
  url?: unknown;
  selector?: unknown;
  evidence?: unknown;
}

function identityOf(o: BaselineIssue): number | null {
  if (typeof o.id === 'string' && /^[0-9a-f]{13}$/.test(o.id)) return parseInt(o.id, 16);
  if (typeof o.checkId !== 'string' || typeof o.url !== 'string') return null;
  const selector = typeof o.selector === 'string' ? o.selector : null;
  const evidence = typeof o.evidence === 'string' ? o.evidence : null;
  return parseInt(findingIdentity({ checkId: o.checkId, url: o.url, selector, evidence }), 16);
}

/**
 * The identities of the findings in an earlier report: the JSON (one element per line, as
 * --format json writes it, or a whole document on one line) or NDJSON. Read line by line and kept
 * as numbers, so a baseline of a 100,000-page site does not need the whole file in memory.
 */
/** Row identities and template keys share the set: both are 52-bit hashes of distinct inputs. */
export async function readBaseline(file: string): Promise<Set<number>> {
  const ids = new Set<number>();
  let lines = 0;
  let recognised = 0;
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{')) continue;
    lines++;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      continue;
    }
    if (o === null || typeof o !== 'object') continue;
    const rec = o as BaselineIssue & { type?: unknown; issues?: unknown; templateKey?: unknown; templateFindings?: unknown };
    // A template-wide finding stands for its rows on every page: they are not new either.
    for (const t of [rec, ...(Array.isArray(rec.templateFindings) ? (rec.templateFindings as Array<{ templateKey?: unknown }>) : [])]) {
      if (t && typeof t.templateKey === 'string' && /^[0-9a-f]{13}$/.test(t.templateKey)) {
        ids.add(parseInt(t.templateKey, 16));
        recognised++;
      }
    }
    if (typeof rec.templateKey === 'string') continue;
    if (Array.isArray(rec.issues)) {
      recognised++;
      for (const i of rec.issues as BaselineIssue[]) {
        const id = i && typeof i === 'object' ? identityOf(i) : null;
        if (id !== null) ids.add(id);
      }
      continue;
    }
    if (rec.type !== undefined && rec.type !== 'issue') {
      recognised++;
      continue;
    }
    if (typeof rec.url === 'string') recognised++; // a page row or an issue
    const id = identityOf(rec);
    if (id !== null) ids.add(id);
  }
  if (lines === 0 || recognised === 0) throw new Error(`${file} is not a report written by seology audit --format json or ndjson`);
  return ids;
}
