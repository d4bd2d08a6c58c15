import { cssString } from '../html/selector';
import { fnv1a32, hash52, truncate } from '../text/text-stats';
import { decodeFragment } from '../url/fragments';
import { urlKey } from '../url/url-utils';
import type { SiteFindingStore } from './finding-store';
import { ChunkedU32List, NumberIntMap, decodeArray, encodeArray, grow } from './storage';
import { U_BROKEN, U_CONTENT, U_REDIRECT, refKey, refWords, type SiteState } from './site-state';

/**
 * A page's ids kept at most: a page with more (a generated reference of thousands of anchors) is
 * not a target that can be checked, and links to it are not reported (silence, never a guess).
 */
export const MAX_FRAGMENT_IDS_PER_PAGE = 4096;
/**
 * Links with a fragment to another page kept at most for the whole crawl (5 words and the fragment
 * text each, about 60 bytes): 200,000 is ~12 MB. Later ones are counted in `dropped`, not checked.
 */
export const MAX_PENDING_FRAGMENT_LINKS = 200_000;
const IDS_UNKNOWN = 0xffffffff;

export interface FragmentLinksSnapshot {
  idStart: string;
  idCount: string;
  ids: string;
  links: string;
  fragments: string[];
  dropped: number;
}

/**
 * Links to "/other#name" where /other has no element with that id or name. Both halves are kept
 * compactly until the end of the crawl (the target may be audited before or after the link): per
 * page the 32-bit hashes of its ids, per link the target's URL hash, the fragment's hash and its text.
 */
export class FragmentLinks {
  private idStart = new Uint32Array(256);
  private idCount = new Uint32Array(256).fill(IDS_UNKNOWN);
  private ids = new ChunkedU32List();
  /** Per link: target lo, target hi, fragment hash, decoded fragment hash, source page index. */
  private links = new ChunkedU32List();
  private fragments: string[] = [];
  /** Links beyond MAX_PENDING_FRAGMENT_LINKS, not checked. */
  dropped = 0;

  /** The ids and <a name> values of an audited page (`null` when there were too many to keep). */
  addTargets(pageIndex: number, targetHashes: readonly number[] | null): void {
    this.ensure(pageIndex);
    this.idStart[pageIndex] = this.ids.length;
    if (targetHashes === null) {
      this.idCount[pageIndex] = IDS_UNKNOWN;
      return;
    }
    const sorted = [...targetHashes].sort((x, y) => x - y);
    for (const hash of sorted) this.ids.push(hash);
    this.idCount[pageIndex] = sorted.length;
  }

  addLink(pageIndex: number, target: string, fragment: string): void {
    if (this.fragments.length >= MAX_PENDING_FRAGMENT_LINKS) {
      this.dropped++;
      return;
    }
    const [lo, second] = refWords(hash52(urlKey(target)), 0);
    this.links.push(lo);
    this.links.push(second);
    this.links.push(fnv1a32(fragment));
    this.links.push(fnv1a32(decodeFragment(fragment)));
    this.links.push(pageIndex);
    this.fragments.push(fragment);
  }

  /** Reports every link whose target page was audited, is not a redirect or an error, and lacks the element. */
  report(state: SiteState, keyIndex: NumberIntMap, store: SiteFindingStore): void {
    for (let i = 0; i < this.fragments.length; i++) {
      const base = 5 * i;
      const targetId = keyIndex.get(refKey(this.links.get(base), this.links.get(base + 1)));
      if (targetId === undefined) continue;
      const flags = state.flags[targetId] ?? 0;
      if ((flags & (U_REDIRECT | U_BROKEN)) !== 0 || (flags & U_CONTENT) === 0) continue;
      const targetPage = state.pageOf[targetId] ?? -1;
      if (targetPage < 0 || targetPage >= state.pageCount || !this.hasIds(targetPage)) continue;
      if (this.has(targetPage, this.links.get(base + 2)) || this.has(targetPage, this.links.get(base + 3))) continue;
      const sourcePage = this.links.get(base + 4);
      const fragment = this.fragments[i];
      const target = state.urls[targetId] ?? '';
      store.add('link-fragment-missing-on-target', sourcePage, () => ({
        checkId: 'link-fragment-missing-on-target',
        url: state.urls[state.pFinal[sourcePage] ?? 0] ?? '',
        selector: `a[href$=${cssString(`#${fragment}`)}]`,
        message: `The link jumps to "#${fragment}" on ${target}, but no element there has that id.`,
        evidence: truncate(`${target}#${fragment}`),
      }));
    }
  }

  bytes(): number {
    let texts = 0;
    for (const fragment of this.fragments) texts += fragment.length + 32;
    return this.idStart.length * 8 + this.ids.bytes() + this.links.bytes() + texts;
  }

  snapshot(pageCount: number): FragmentLinksSnapshot {
    this.ensure(pageCount);
    return {
      idStart: encodeArray(this.idStart, pageCount),
      idCount: encodeArray(this.idCount, pageCount),
      ids: this.ids.encode(),
      links: this.links.encode(),
      fragments: [...this.fragments],
      dropped: this.dropped,
    };
  }

  static restore(snapshot: FragmentLinksSnapshot | undefined): FragmentLinks {
    const restored = new FragmentLinks();
    // Snapshots from before fragments were kept: nothing is known, nothing is reported.
    if (snapshot === undefined) return restored;
    restored.idStart = decodeArray(snapshot.idStart, Uint32Array, 256);
    const counts = decodeArray(snapshot.idCount, Uint32Array, 256);
    const length = Buffer.from(snapshot.idCount, 'base64').length / 4;
    counts.fill(IDS_UNKNOWN, length);
    restored.idCount = counts;
    restored.ids = ChunkedU32List.decode(snapshot.ids);
    restored.links = ChunkedU32List.decode(snapshot.links);
    restored.fragments = [...snapshot.fragments];
    restored.dropped = snapshot.dropped;
    return restored;
  }

  private hasIds(pageIndex: number): boolean {
    return pageIndex < this.idCount.length && this.idCount[pageIndex] !== IDS_UNKNOWN;
  }

  /** Binary search in the page's sorted id hashes. */
  private has(pageIndex: number, hash: number): boolean {
    let low = this.idStart[pageIndex] ?? 0;
    let high = low + (this.idCount[pageIndex] ?? 0) - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.ids.get(mid);
      if (value === hash) return true;
      if (value < hash) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  private ensure(pageIndex: number): void {
    if (pageIndex < this.idStart.length) return;
    this.idStart = grow(this.idStart, Uint32Array, pageIndex + 1);
    this.idCount = grow(this.idCount, Uint32Array, pageIndex + 1, IDS_UNKNOWN);
  }
}
