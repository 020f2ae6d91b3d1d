import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompiledTrie } from '../../../server/src/core/recognition/trie';
import { StartFilter } from '../../../server/src/core/recognition/startFilter';
import { foldKey, isHangul, isWordChar, FOLD } from '../../../server/src/core/recognition/chars';

/**
 * The start filter decides where the scanner walks the trie at all: a position it skips is a reading lost. These
 * tests check it against the trie itself: every position where some key matches is let through, except inside a
 * Latin word and, for keys that may not be glued, right after Hangul.
 */

const alphabet = fc.constantFrom('a', 'B', 'n', 'Ｎ', '한', '미', '국', '일', ' ', '\n', '\u3000', '-', '·');
const keyArb = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => foldKey(cs.join('')));

/** A key as it may stand in the text: upper-case or full-width letters, a space as any whitespace run. */
function spell(key: string, seed: number): string {
  const forms: Record<string, string[]> = { a: ['a', 'A'], b: ['b', 'B'], n: ['n', 'N', 'Ｎ'], ' ': [' ', '  ', '\n', '\u3000 '] };
  return [...key].map((c, i) => (forms[c] ? forms[c][(seed + i) % forms[c].length] : c)).join('');
}

function reachable(keys: string[], glued: (i: number) => boolean, text: string, start: number, end: number): number[] {
  const trie = new CompiledTrie(keys);
  const found = new Int32Array(64);
  const ends = new Int32Array(64);
  const out: number[] = [];
  for (let p = start; p < end; p++) {
    const prev = p > start ? text.charCodeAt(p - 1) : -1;
    if (isWordChar(prev) && isWordChar(FOLD[text.charCodeAt(p)])) continue;
    const n = trie.collect(text, p, end, found, ends);
    for (let k = 0; k < n; k++) {
      if (isHangul(prev) && !glued(found[k])) continue;
      out.push(p);
      break;
    }
  }
  return out;
}

test('start filter lets through every position where a key matches (folding, whitespace runs, segment bounds)', () => {
  fc.assert(
    fc.property(
      fc.array(keyArb, { minLength: 1, maxLength: 12 }),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      // Text made of keys (in any case, with any whitespace) and other characters, so that keys do occur.
      fc.array(fc.oneof(alphabet, fc.nat()), { maxLength: 20 }),
      fc.nat(),
      fc.nat(),
      (keys, gluedFlags, parts, a, b) => {
        const text = parts.map((x) => (typeof x === 'number' ? spell(keys[x % keys.length], x) : x)).join('');
        const start = text.length ? a % text.length : 0;
        const end = start + (text.length - start ? b % (text.length - start + 1) : 0);
        const glued = (i: number) => gluedFlags[i];
        const filter = new StartFilter(keys, glued);
        for (const p of reachable(keys, glued, text, start, end)) {
          // Scanning from anywhere before p stops at p at the latest.
          for (let from = start; from <= p; from++) assert.ok(filter.next(text, from, start, end, end) <= p, `${from} → ${p}`);
          assert.equal(filter.next(text, p, start, end, end), p);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('start filter skips Latin word interiors, unglued keys after Hangul, and positions no key starts at', () => {
  const keys = ['un', 'mi', '미국', '미'];
  const filter = new StartFilter(keys, (i) => keys[i] === '미국');
  const at = (text: string, from: number) => filter.next(text, from, 0, text.length, text.length);
  assert.equal(at('xUN', 0), 3, 'inside a word');
  assert.equal(at('x UN', 0), 2);
  assert.equal(at('한미', 0), 2, 'a short key glued to Hangul');
  assert.equal(at('한미국', 0), 1, 'a glued key may follow Hangul');
  assert.equal(at('ux mo', 0), 5, 'no key starts with `ux`, nor `mo`');
  assert.equal(at('미', 5), 5, 'never moves backwards past the stop');
});
