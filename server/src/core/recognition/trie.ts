import { FOLD } from './chars';

/** A module-local reference: imported bindings can compile to property getters (tsx/CJS), too slow per character. */
const FOLD_TABLE = FOLD;

/**
 * A trie over UTF-16 code units, compiled into typed arrays: a dense 64 K dispatch table for the first code unit
 * and, below it, each node's edges contiguous and sorted. Hand-written rather than taken from an Aho–Corasick
 * library because recognition needs, at each candidate start, *every* key ending along the path (so the Korean
 * boundary and particle rules, the per-language case rules and the compound/acronym-pair rules can reject the
 * longest key and fall back to a shorter one), text folding and whitespace collapsing inside the walk, and no
 * allocation per character. Scanning only from positions whose first code unit starts some key is also what makes
 * it several times faster than a general automaton on Korean+English prose (see bench/).
 */
export class CompiledTrie {
  /** Node reached from the root by each code unit, or -1. */
  readonly root: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeCount: Int32Array;
  readonly edgeChar: Uint16Array;
  readonly edgeNode: Int32Array;
  /** Key index ending at each node, or -1. */
  readonly terminal: Int32Array;
  /** Longest key, in code units: bounds the candidate buffers. */
  readonly maxKeyLength: number;

  /**
   * keys[i] ends at a node whose terminal is i; a repeated key keeps its first index; empty keys are ignored.
   * Built from the keys in sorted order, so each node's children arrive in ascending code-unit order and the trie
   * is laid out with plain arrays (no Map per node): a few milliseconds for thousands of keys.
   */
  constructor(keys: readonly string[]) {
    const order = keys.map((_, i) => i).filter((i) => keys[i].length > 0);
    order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
    const firstChild: number[] = [-1];
    const lastChild: number[] = [-1];
    const nextSibling: number[] = [-1];
    const nodeChar: number[] = [0];
    const childCount: number[] = [0];
    const term: number[] = [-1];
    const path: number[] = [0];
    let prev = '';
    let maxLen = 0;
    for (const k of order) {
      const key = keys[k];
      maxLen = Math.max(maxLen, key.length);
      let lcp = 0;
      const limit = Math.min(prev.length, key.length);
      while (lcp < limit && prev.charCodeAt(lcp) === key.charCodeAt(lcp)) lcp++;
      let node = path[lcp];
      for (let i = lcp; i < key.length; i++) {
        const child = term.length;
        firstChild.push(-1);
        lastChild.push(-1);
        nextSibling.push(-1);
        nodeChar.push(key.charCodeAt(i));
        childCount.push(0);
        term.push(-1);
        if (lastChild[node] < 0) firstChild[node] = child;
        else nextSibling[lastChild[node]] = child;
        lastChild[node] = child;
        childCount[node]++;
        node = child;
        path[i + 1] = node;
      }
      if (term[node] < 0) term[node] = k;
      prev = key;
    }
    const n = term.length;
    this.root = new Int32Array(65536).fill(-1);
    for (let c = firstChild[0]; c >= 0; c = nextSibling[c]) this.root[nodeChar[c]] = c;
    this.edgeStart = new Int32Array(n);
    this.edgeCount = Int32Array.from(childCount);
    this.edgeChar = new Uint16Array(n);
    this.edgeNode = new Int32Array(n);
    let e = 0;
    for (let node = 0; node < n; node++) {
      this.edgeStart[node] = e;
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) {
        this.edgeChar[e] = nodeChar[c];
        this.edgeNode[e] = c;
        e++;
      }
    }
    this.terminal = Int32Array.from(term);
    this.maxKeyLength = maxLen;
  }

  /** Child of `node` by code unit `c`, or -1. Edges are sorted: linear for the usual 1–4 edges, binary above. */
  child(node: number, c: number): number {
    let lo = this.edgeStart[node];
    const count = this.edgeCount[node];
    if (count <= 8) {
      const end = lo + count;
      for (; lo < end; lo++) {
        const ch = this.edgeChar[lo];
        if (ch === c) return this.edgeNode[lo];
        if (ch > c) return -1;
      }
      return -1;
    }
    let hi = lo + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ch = this.edgeChar[mid];
      if (ch === c) return this.edgeNode[mid];
      if (ch < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Every key that matches `text` from `pos` (folded with FOLD, whitespace runs matching one space), not past
   * `limit`. Writes key indexes and end offsets, shortest first, into the buffers; returns how many.
   */
  collect(text: string, pos: number, limit: number, keysOut: Int32Array, endsOut: Int32Array): number {
    if (pos >= limit) return 0;
    const fold = FOLD_TABLE;
    let node = this.root[fold[text.charCodeAt(pos)]];
    let found = 0;
    let i = pos + 1;
    const cap = keysOut.length;
    while (node >= 0) {
      const t = this.terminal[node];
      if (t >= 0 && found < cap) {
        keysOut[found] = t;
        endsOut[found] = i;
        found++;
      }
      if (i >= limit) break;
      const c = fold[text.charCodeAt(i)];
      node = this.child(node, c);
      i++;
      if (c === 32) while (i < limit && fold[text.charCodeAt(i)] === 32) i++;
    }
    return found;
  }
}

export interface AliasMatch {
  start: number;
  end: number;
  /** Index of the pattern in the list given to createAliasMatcher. */
  pattern: number;
}

export interface AliasMatcher {
  readonly patternCount: number;
  /** Leftmost-longest, non-overlapping matches, exact code units (no folding). */
  findAll(text: string): AliasMatch[];
  /** Same matches through a callback, without allocating; returns the number of matches. */
  forEach(text: string, onMatch: (start: number, end: number, pattern: number) => void): number;
}

/**
 * The generic multi-pattern matcher over the same compiled trie: exact, leftmost-longest, non-overlapping.
 * Used by the matcher benchmark against `@monyone/aho-corasick`; recognition uses CompiledTrie.collect, which adds
 * folding and rule checks on top of the same walk.
 */
export function createAliasMatcher(patterns: readonly string[]): AliasMatcher {
  const trie = new CompiledTrie(patterns);
  const { root, terminal } = trie;
  const scan = (text: string, onMatch: (start: number, end: number, pattern: number) => void): number => {
    const n = text.length;
    let count = 0;
    let pos = 0;
    while (pos < n) {
      let node = root[text.charCodeAt(pos)];
      if (node < 0) {
        pos++;
        continue;
      }
      let bestEnd = -1;
      let best = -1;
      let i = pos + 1;
      for (;;) {
        const t = terminal[node];
        if (t >= 0) {
          bestEnd = i;
          best = t;
        }
        if (i >= n) break;
        node = trie.child(node, text.charCodeAt(i));
        if (node < 0) break;
        i++;
      }
      if (best >= 0) {
        onMatch(pos, bestEnd, best);
        count++;
        pos = bestEnd;
      } else {
        pos++;
      }
    }
    return count;
  };
  return {
    patternCount: patterns.length,
    findAll(text) {
      const out: AliasMatch[] = [];
      scan(text, (start, end, pattern) => out.push({ start, end, pattern }));
      return out;
    },
    forEach: scan,
  };
}
