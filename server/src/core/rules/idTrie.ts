import { OneEditIndex } from './oneEdit';

/**
 * Known ids in a trie of their lower-cased text, searched for the ids nearest to a needle by Levenshtein distance.
 * Hand-written because no library answers "every id at the smallest distance ≤ k": a linear scan computes one
 * distance per id (10,000 of them per unknown id among ids like `doc-000123`), while here a prefix shared by many
 * ids is compared once, and a subtree that cannot come within the best distance found so far is skipped.
 * Ids within one edit, the usual answer, are looked up by hash first (oneEdit.ts); the trie is built on the first
 * search that finds none that close.
 */

interface TrieNode {
  codes: number[];
  kids: TrieNode[];
  /** Positions (in the original list) of the ids ending here: several ids may differ only by case. */
  ends: number[];
  /** Shortest and longest id in this subtree: how far from here the ids can end. */
  minLength: number;
  maxLength: number;
}

const node = (): TrieNode => ({ codes: [], kids: [], ends: [], minLength: Infinity, maxLength: 0 });

/** How far `rest` is from the range shortest..longest. */
const gap = (rest: number, shortest: number, longest: number) => (rest < shortest ? shortest - rest : rest > longest ? rest - longest : 0);

export class IdTrie {
  /** Built on the first search that finds no id within one edit. */
  private trie: TrieNode | undefined;
  private readonly withinOne: OneEditIndex;

  /** Ids longer than `maxLength` are left out: callers search only with needles that cannot reach them. */
  constructor(
    private readonly ids: readonly string[],
    private readonly maxLength: number,
  ) {
    this.withinOne = new OneEditIndex(ids, maxLength);
  }

  private build(): TrieNode {
    const root = node();
    this.ids.forEach((id, position) => {
      if (id.length > this.maxLength) return;
      const key = id.toLowerCase();
      let at = root;
      for (let i = 0; ; i++) {
        at.minLength = Math.min(at.minLength, key.length);
        at.maxLength = Math.max(at.maxLength, key.length);
        if (i === key.length) break;
        const code = key.charCodeAt(i);
        const k = at.codes.indexOf(code);
        if (k >= 0) at = at.kids[k];
        else {
          const kid = node();
          at.codes.push(code);
          at.kids.push(kid);
          at = kid;
        }
      }
      at.ends.push(position);
    });
    return root;
  }

  /**
   * Every id `accept`ed whose lower-cased text is at the smallest edit distance from `needle`, if that distance is
   * at most `max`; in the order of the original list.
   */
  nearest(needle: string, max: number, accept: (id: string) => boolean): string[] {
    const close = this.withinOne.nearest(needle, max, accept);
    if (close) return close;
    if (max <= 1) return [];
    const root = (this.trie ??= this.build());
    const m = needle.length;
    const codes = Array.from({ length: m }, (_, i) => needle.charCodeAt(i));
    // One DP row per depth along the current path; no id deeper than m + max can be within max.
    const width = m + 1;
    const rows = new Int32Array((m + max + 2) * width);
    for (let i = 0; i <= m; i++) rows[i] = i;
    let bound = max;
    let found: number[] = [];
    const arrive = (ends: number[], d: number) => {
      const ok = ends.filter((p) => accept(this.ids[p]));
      if (!ok.length) return;
      if (d < bound) (bound = d), (found = ok);
      else found.push(...ok);
    };
    const step = (kid: TrieNode, code: number, depth: number) => {
      const reach = fillRow(rows, width, depth, codes, code, bound, kid.minLength - depth, kid.maxLength - depth);
      // Beyond the band the distance exceeds the bound, and the cell was not computed.
      const d = Math.abs(depth - m) <= bound ? rows[depth * width + m] : bound + 1;
      if (kid.ends.length && d <= bound) arrive(kid.ends, d);
      // `reach` bounds the distance of every id below from below: a subtree that cannot come within bound is skipped.
      if (reach <= bound && kid.codes.length) visit(kid, depth + 1);
    };
    const visit = (at: TrieNode, depth: number) => {
      // The child that continues the needle first: it finds a close id early, and the bound then prunes the rest.
      const straight = depth <= m ? at.codes.indexOf(codes[depth - 1]) : -1;
      if (straight >= 0) step(at.kids[straight], at.codes[straight], depth);
      for (let k = 0; k < at.codes.length; k++) if (k !== straight) step(at.kids[k], at.codes[k], depth);
    };
    if (root.ends.length && m <= bound) arrive(root.ends, m);
    visit(root, 1);
    return found.sort((a, b) => a - b).map((p) => this.ids[p]);
  }
}

/**
 * Fills the DP row of `depth` (the id's character `code` against the needle's prefixes) from the row above, and
 * returns a lower bound of the distance of any id below, which ends shortest..longest characters further. Only
 * the band of cells within `bound` of the diagonal is computed (Ukkonen): a cell off it is above the bound, and
 * reads as bound + 1 through the marker written just past the band.
 */
function fillRow(rows: Int32Array, width: number, depth: number, codes: number[], code: number, bound: number, shortest: number, longest: number): number {
  const m = width - 1;
  const prev = (depth - 1) * width;
  const cur = depth * width;
  const far = bound + 1;
  const first = Math.max(1, depth - bound);
  const last = Math.min(m, depth + bound);
  rows[cur] = depth;
  let left = first === 1 ? depth : far;
  let diagonal = rows[prev + first - 1];
  let reach = depth + gap(m, shortest, longest);
  for (let i = first; i <= last; i++) {
    const up = rows[prev + i];
    let v = diagonal + (codes[i - 1] === code ? 0 : 1);
    if (up + 1 < v) v = up + 1;
    if (left + 1 < v) v = left + 1;
    rows[cur + i] = left = v;
    diagonal = up;
    // The needle has m - i characters left.
    const lower = v + gap(m - i, shortest, longest);
    if (lower < reach) reach = lower;
  }
  if (last < m) rows[cur + last + 1] = far;
  return reach;
}
