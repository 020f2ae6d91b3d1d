/**
 * The ids within one edit of a needle, found by hashing rather than by walking the id trie. An unknown id is
 * nearly always a typo or a document that declares no id: some known id is one edit away (`doc-001234` among
 * 2,000 `doc-00xxxx` ids), and the trie then still visits ~600 nodes per search (every sibling digit at every
 * level, since one substitution may be anywhere). Here such a search is a dozen table probes.
 *
 * Two strings are at most one edit apart exactly when deleting at most one character from each gives the same
 * string (a substitution at i: both without i; an insertion: the longer without it is the shorter), with
 * transpositions as the only false positive. So every id is stored under its own hash and the hashes of its
 * one-character deletions; a search probes the needle's, and checks each candidate with a real one-edit
 * comparison (a hash collision or a transposition only costs that comparison). Hashes are polynomial, so all the
 * deletions of a string are hashed from its prefix hashes in O(1) each, without making any string.
 */

/** Odd multiplier of the polynomial hash (mod 2^32). */
const BASE = 0x9e3779b1 | 0;

export class OneEditIndex {
  /** Lower-cased ids (undefined for ids left out, longer than maxLength). */
  private readonly keys: (string | undefined)[];
  /** Hash table with chaining: bucket → first entry + 1; per entry the next one + 1, its full hash and its id's position. */
  private readonly buckets: Int32Array;
  private readonly nextEntry: Int32Array;
  private readonly entryHash: Int32Array;
  private readonly entryId: Int32Array;
  private readonly mask: number;
  /** Per id, the search that last looked at it: each candidate is compared once per search. */
  private readonly seen: Int32Array;
  private search = 0;
  /** Scratch: prefix hashes and powers of BASE, grown as needed. */
  private prefix = new Int32Array(32);
  private powers = new Int32Array(32);

  constructor(
    private readonly ids: readonly string[],
    maxLength: number,
  ) {
    this.keys = ids.map((id) => (id.length > maxLength ? undefined : id.toLowerCase()));
    let entries = 0;
    for (const key of this.keys) if (key !== undefined) entries += key.length + 1;
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.mask = size - 1;
    this.buckets = new Int32Array(size);
    this.nextEntry = new Int32Array(entries);
    this.entryHash = new Int32Array(entries);
    this.entryId = new Int32Array(entries);
    this.seen = new Int32Array(ids.length);
    let e = 0;
    this.keys.forEach((key, id) => {
      if (key === undefined) return;
      this.hashPrefixes(key);
      e = this.insert(e, this.wholeHash(key.length), id);
      for (let i = 0; i < key.length; i++) e = this.insert(e, this.deletionHash(key.length, i), id);
    });
  }

  /**
   * Every id `accept`ed whose lower-cased text is at the smallest edit distance from `needle`, if that distance is
   * at most min(max, 1), in the order of the original list; undefined when no id is that close.
   */
  nearest(needle: string, max: number, accept: (id: string) => boolean): string[] | undefined {
    if (max < 0) return undefined;
    const stamp = ++this.search;
    const limit = Math.min(max, 1);
    let best = limit + 1;
    let found: number[] = [];
    const visit = (hash: number) => {
      for (let e = this.buckets[hash & this.mask] - 1; e >= 0; e = this.nextEntry[e] - 1) {
        const id = this.entryId[e];
        if (this.entryHash[e] !== hash || this.seen[id] === stamp) continue;
        this.seen[id] = stamp;
        const d = withinOneEdit(needle, this.keys[id]!);
        if (d > limit || d > best || !accept(this.ids[id])) continue;
        if (d < best) (best = d), (found = []);
        found.push(id);
      }
    };
    const m = needle.length;
    this.hashPrefixes(needle);
    visit(this.wholeHash(m));
    for (let i = 0; i < m; i++) visit(this.deletionHash(m, i));
    if (!found.length) return undefined;
    return found.sort((a, b) => a - b).map((id) => this.ids[id]);
  }

  private insert(e: number, hash: number, id: number): number {
    const bucket = hash & this.mask;
    this.entryHash[e] = hash;
    this.entryId[e] = id;
    this.nextEntry[e] = this.buckets[bucket];
    this.buckets[bucket] = e + 1;
    return e + 1;
  }

  /** prefix[j]: hash of s[0, j); powers[j]: BASE^j. */
  private hashPrefixes(s: string): void {
    if (s.length + 1 > this.prefix.length) {
      this.prefix = new Int32Array(2 * (s.length + 1));
      this.powers = new Int32Array(2 * (s.length + 1));
    }
    const { prefix, powers } = this;
    prefix[0] = 0;
    powers[0] = 1;
    for (let j = 0; j < s.length; j++) {
      prefix[j + 1] = (Math.imul(prefix[j], BASE) + s.charCodeAt(j)) | 0;
      powers[j + 1] = Math.imul(powers[j], BASE);
    }
  }

  /** The hash of the string whose prefixes were hashed last (length n). */
  private wholeHash(n: number): number {
    return withLength(this.prefix[n], n);
  }

  /** The hash of that string without its character i: the prefix shifted over the suffix, plus the suffix. */
  private deletionHash(n: number, i: number): number {
    const { prefix, powers } = this;
    const tail = n - 1 - i;
    const suffix = (prefix[n] - Math.imul(prefix[i + 1], powers[tail])) | 0;
    return withLength((Math.imul(prefix[i], powers[tail]) + suffix) | 0, n - 1);
  }
}

/** A polynomial hash mixed with its string's length, so that strings of different lengths rarely share a chain. */
function withLength(hash: number, length: number): number {
  const h = (hash ^ Math.imul(length + 1, 0x85ebca6b)) | 0;
  return (h ^ (h >>> 15)) | 0;
}

/** The edit distance between a and b if it is 0 or 1, else 2. */
export function withinOneEdit(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let diff = 0;
    for (let i = 0; i < la; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return 2;
    return diff;
  }
  if (la - lb !== 1 && lb - la !== 1) return 2;
  const short = la < lb ? a : b;
  const long = la < lb ? b : a;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  // The longer one's character i is the edit; the rest must match.
  for (; i < short.length; i++) if (short.charCodeAt(i) !== long.charCodeAt(i + 1)) return 2;
  return 1;
}
