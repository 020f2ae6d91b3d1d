import { CHAR_CLASS, FOLD, HANGUL, isWordChar, WORD } from './chars';

/**
 * Which text positions can start a reading, from the first code units there: most positions of running prose start
 * no key at all, and a trie walk from each of them was most of recognition's time.
 *
 * Exact, not a heuristic: a position is skipped only when no key can match there (or, right after Hangul, no key
 * that may be glued to a word: every other reading is rejected there anyway, see Scanner.boundaryOk and bestAt;
 * or inside a Latin word, where nothing starts). Hash collisions only let a position through to the trie walk.
 */

/** Bits of `heads` and of the n-gram tables: some key (ANY), some key that may stand right after Hangul (GLUED). */
const ANY = 1;
const GLUED = 2;
/**
 * Bits of `pairs` only, ANY and GLUED shifted: some longer key starts with these two code units. Most pairs of
 * Korean syllables start no key, so the triple table is looked up only where it may answer yes.
 */
const LONGER_SHIFT = 2;
/**
 * Bits of `heads` only: some key starts with this code unit, some key that may be glued does; the code unit folds
 * to a Latin letter or digit.
 */
const STARTS = 4;
const GLUED_STARTS = 8;
const FOLDS_TO_WORD = 16;

const SLOT_BITS = 18;
const SLOT_MASK = (1 << SLOT_BITS) - 1;

function slot2(a: number, b: number): number {
  return ((a << 7) ^ b) & SLOT_MASK;
}

function slot3(a: number, b: number, c: number): number {
  return ((a << 9) ^ (b << 4) ^ c) & SLOT_MASK;
}

export class StartFilter {
  /** Per raw code unit: the bits of the keys starting with its folded form (0: none), plus FOLDS_TO_WORD. */
  private readonly heads = new Uint8Array(65536);
  /**
   * Keys that can match after two code units: two-unit keys and keys whose second unit is a space; and, shifted by
   * LONGER_SHIFT, the first two code units of the other keys.
   */
  private readonly pairs = new Uint8Array(1 << SLOT_BITS);
  /** Other keys, by their first three code units. */
  private readonly triples = new Uint8Array(1 << SLOT_BITS);

  /** `keys` are folded; `glued(i)`: key i may be glued after Hangul (a long Korean name, a non-Hangul key, a trigger). */
  constructor(keys: readonly string[], glued: (key: number) => boolean) {
    const firsts = new Uint8Array(65536);
    keys.forEach((key, i) => {
      if (!key) return;
      const bits = glued(i) ? ANY | GLUED : ANY;
      const [a, b, c] = [key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2)];
      firsts[a] |= bits & GLUED ? STARTS | GLUED_STARTS : STARTS;
      if (key.length === 1) firsts[a] |= bits;
      else if (key.length === 2 || b === 32) this.pairs[slot2(a, b)] |= bits;
      else {
        this.pairs[slot2(a, b)] |= bits << LONGER_SHIFT;
        this.triples[slot3(a, b, c)] |= bits;
      }
    });
    for (let c = 0; c < 65536; c++) {
      const f = FOLD[c];
      if (firsts[f]) this.heads[c] = firsts[f] | (isWordChar(f) ? FOLDS_TO_WORD : 0);
    }
  }

  /**
   * The first position in [p, stop) of the segment [start, end) where some key may start, or max(p, stop). Keys
   * are matched up to `end`, as CompiledTrie.collect does.
   */
  next(text: string, p: number, start: number, end: number, stop: number): number {
    const { heads, pairs, triples } = this;
    let prevClass = p > start ? CHAR_CLASS[text.charCodeAt(p - 1)] : 0;
    for (; p < stop; p++) {
      const c = text.charCodeAt(p);
      const head = heads[c];
      const before = prevClass;
      prevClass = CHAR_CLASS[c];
      if (head === 0) continue;
      let need = ANY;
      if (before === WORD) {
        if (head & FOLDS_TO_WORD) continue;
      } else if (before === HANGUL) {
        if ((head & GLUED_STARTS) === 0) continue;
        need = GLUED;
      }
      if (head & need) return p;
      if (p + 1 >= end) continue;
      const a = FOLD[c];
      const b = FOLD[text.charCodeAt(p + 1)];
      const pair = pairs[slot2(a, b)];
      if (pair & need) return p;
      if ((pair & (need << LONGER_SHIFT)) === 0) continue;
      if (p + 2 < end && triples[slot3(a, b, FOLD[text.charCodeAt(p + 2)])] & need) return p;
    }
    return p;
  }
}
