/**
 * Which text positions can start a reading, from the first two folded code units there: most positions of running
 * prose start no key at all, and a trie walk from each of them was most of recognition's time.
 *
 * Exact, not a heuristic: a position is skipped only when no key can match there (or, right after Hangul, no key
 * that may be glued to a word — every other reading is rejected there anyway, see Scanner.boundaryOk and bestAt).
 * Collisions of the bigram hash only let a position through to the full trie walk.
 */

/** Bits of both tables: some key (ANY), some key that may stand right after Hangul (GLUED). */
export const ANY = 1;
export const GLUED = 2;
/** Bit of `firsts`: some key starts with this code unit. */
export const STARTS = 4;

const BIGRAM_BITS = 18;

export function bigramSlot(first: number, second: number): number {
  return ((first << 7) ^ second) & ((1 << BIGRAM_BITS) - 1);
}

export interface StartFilter {
  /** Per folded code unit: STARTS, plus ANY / GLUED when it is a whole key by itself. */
  firsts: Uint8Array;
  /** Per bigramSlot of a key's first two code units: ANY / GLUED. */
  bigrams: Uint8Array;
}

/** `keys` are folded; `glued(i)`: key i may be glued after Hangul (a long Korean name, a non-Hangul key, a trigger). */
export function buildStartFilter(keys: readonly string[], glued: (key: number) => boolean): StartFilter {
  const firsts = new Uint8Array(65536);
  const bigrams = new Uint8Array(1 << BIGRAM_BITS);
  keys.forEach((key, i) => {
    if (!key) return;
    const bits = glued(i) ? ANY | GLUED : ANY;
    const first = key.charCodeAt(0);
    firsts[first] |= STARTS;
    if (key.length === 1) firsts[first] |= bits;
    else bigrams[bigramSlot(first, key.charCodeAt(1))] |= bits;
  });
  return { firsts, bigrams };
}
