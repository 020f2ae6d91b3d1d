import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompiledTrie, createAliasMatcher } from '../../../server/src/core/recognition';

/** Reference: at each position take the longest pattern that starts there, then continue after it. */
function naive(patterns: string[], text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  let pos = 0;
  while (pos < text.length) {
    let best = -1;
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i];
      if (p && text.startsWith(p, pos) && (best < 0 || p.length > patterns[best].length)) best = i;
    }
    if (best >= 0) {
      out.push([pos, pos + patterns[best].length, best]);
      pos += patterns[best].length;
    } else pos++;
  }
  return out;
}

test('matcher: leftmost-longest, non-overlapping, pattern indexes', () => {
  const m = createAliasMatcher(['북한', '북대서양조약기구', 'NATO', 'NAT', '북']);
  const hits = m.findAll('북대서양조약기구(NATO)와 북한, 북쪽');
  assert.deepEqual(
    hits.map((h) => [h.start, h.end, h.pattern]),
    [
      [0, 8, 1],
      [9, 13, 2],
      [16, 18, 0],
      [20, 21, 4],
    ],
  );
});

test('matcher: exact code units (case-sensitive) and the callback form agrees with findAll', () => {
  const m = createAliasMatcher(['UN', 'un']);
  const text = 'UN un Un';
  const seen: number[][] = [];
  const count = m.forEach(text, (s, e, p) => seen.push([s, e, p]));
  assert.equal(count, 2);
  assert.deepEqual(seen, m.findAll(text).map((h) => [h.start, h.end, h.pattern]));
  assert.deepEqual(seen, [
    [0, 2, 0],
    [3, 5, 1],
  ]);
});

test('matcher: duplicate patterns report the first index; empty patterns never match', () => {
  const m = createAliasMatcher(['', '한국', '한국']);
  assert.deepEqual(m.findAll('한국'), [{ start: 0, end: 2, pattern: 1 }]);
  assert.deepEqual(m.findAll(''), []);
});

test('matcher agrees with a naive leftmost-longest reference on random inputs', () => {
  const alphabet = fc.constantFrom('a', 'b', '한', '미', '일', ' ');
  const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 40 }), (patterns, chars) => {
      const text = chars.join('');
      const got = createAliasMatcher(patterns).findAll(text).map((h) => [h.start, h.end, patterns[h.pattern]]);
      const want = naive(patterns, text).map(([s, e, p]) => [s, e, patterns[p]]);
      assert.deepEqual(got, want);
    }),
    { numRuns: 300 },
  );
});

test('compiled trie: collect lists every key along the path, folding case and whitespace runs', () => {
  const trie = new CompiledTrie(['un', 'un charter', 'united nations']);
  const keys = new Int32Array(16);
  const ends = new Int32Array(16);
  const text = 'UN  \n Charter';
  const n = trie.collect(text, 0, text.length, keys, ends);
  assert.deepEqual([...keys.slice(0, n)], [0, 1]);
  assert.deepEqual([...ends.slice(0, n)], [2, text.length]);
  assert.equal(trie.collect(text, 0, 1, keys, ends), 0, 'stops at the limit');
});

test('compiled trie: nodes with many edges (binary search) still find every child', () => {
  const keys = Array.from({ length: 40 }, (_, i) => 'x' + String.fromCharCode(0xac00 + i * 7));
  const trie = new CompiledTrie(keys);
  const k = new Int32Array(4);
  const e = new Int32Array(4);
  for (let i = 0; i < keys.length; i++) {
    assert.equal(trie.collect(keys[i], 0, keys[i].length, k, e), 1);
    assert.equal(k[0], i);
  }
  assert.equal(trie.collect('x가', 0, 2, k, e), 1);
  assert.equal(trie.collect('x각', 0, 2, k, e), 0);
});
