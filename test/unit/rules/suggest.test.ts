import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { IdTrie } from '../../../server/src/core/rules/idTrie';
import { OneEditIndex, withinOneEdit } from '../../../server/src/core/rules/oneEdit';
import { closestId, type IdClass } from '../../../server/src/core/rules/suggest';
import { isInstrumentKind } from '../../../server/src/core/kb/record';
import { kb } from './fakeContext';

// Ids from a small alphabet, so that many are a few edits apart, with upper case (ids differing only by case)
// and, rarely, a character whose lower case is longer ('İ' → 'i̇').
const idChar = fc.constantFrom('a', 'b', 'c', 'd', '-', '0', '1', '2', 'A', 'B', 'İ');
const id = (maxLength: number) => fc.string({ unit: idChar, minLength: 0, maxLength });
const plainId = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '0', '1', 'A'), maxLength });

/** Every id at the smallest distance ≤ max, in list order: what `nearest` must return, by one distance per id. */
function bruteNearest(ids: string[], needle: string, max: number, accept: (id: string) => boolean): string[] {
  const scored = ids.filter(accept).map((x) => ({ x, d: distance(needle, x.toLowerCase()) }));
  const min = Math.min(...scored.map((s) => s.d));
  return min > max ? [] : scored.filter((s) => s.d === min).map((s) => s.x);
}

test('IdTrie.nearest finds exactly the ids at the smallest distance within the bound, as a distance per id does', () => {
  fc.assert(
    fc.property(fc.array(plainId(12), { maxLength: 40 }), plainId(12), fc.integer({ min: 0, max: 4 }), fc.string({ maxLength: 3 }), (ids, raw, max, banned) => {
      const needle = raw.toLowerCase();
      const accept = (x: string) => x !== banned;
      assert.deepEqual(new IdTrie(ids, 100).nearest(needle, max, accept), bruteNearest(ids, needle, max, accept));
    }),
    { numRuns: 2000 },
  );
});

test('IdTrie.nearest: ids sharing a long prefix, a miss by one edit, ties in list order, ids that differ by case', () => {
  const ids = ['doc-000123', 'doc-000120', 'DOC-000124', 'doc-000124', 'doc-999999', 'kor'];
  const trie = new IdTrie(ids, 100);
  assert.deepEqual(trie.nearest('doc-000125', 3, () => true), ['doc-000123', 'doc-000120', 'DOC-000124', 'doc-000124']);
  assert.deepEqual(trie.nearest('doc-000124', 3, () => true), ['DOC-000124', 'doc-000124']);
  assert.deepEqual(trie.nearest('doc-000124', 3, (x) => x !== 'doc-000124'), ['DOC-000124']);
  assert.deepEqual(trie.nearest('zzz', 2, () => true), []);
  // Ids longer than the trie's limit are left out, as its callers never search with a needle that could reach them.
  assert.deepEqual(new IdTrie(['abcdefgh', 'abcd'], 5).nearest('abcdefg', 3, () => true), ['abcd']);
});

test('withinOneEdit is the edit distance when it is 0 or 1, else 2 (a transposition is 2)', () => {
  assert.equal(withinOneEdit('ab', 'ba'), 2);
  assert.equal(withinOneEdit('aab', 'ab'), 1);
  assert.equal(withinOneEdit('', 'a'), 1);
  fc.assert(
    fc.property(plainId(6), plainId(6), (a, b) => {
      assert.equal(withinOneEdit(a, b), Math.min(distance(a, b), 2));
    }),
    { numRuns: 5000 },
  );
});

test('OneEditIndex.nearest finds the ids at the smallest distance when it is at most min(max, 1), as a distance per id does', () => {
  // Short ids from three letters: many are one edit apart (repeated letters, transpositions, ids differing by case).
  const tiny = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A'), maxLength });
  fc.assert(
    fc.property(fc.array(tiny(5), { maxLength: 30 }), tiny(5), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 2 }), (ids, raw, max, banned) => {
      const needle = raw.toLowerCase();
      const accept = (x: string) => x !== banned;
      const expected = bruteNearest(ids, needle, Math.min(max, 1), accept);
      assert.deepEqual(new OneEditIndex(ids, 100).nearest(needle, max, accept), expected.length ? expected : undefined);
    }),
    { numRuns: 3000 },
  );
  // Ids longer than the limit are left out.
  assert.equal(new OneEditIndex(['abcdef', 'xyz'], 5).nearest('abcdef', 3, () => true), undefined);
  assert.deepEqual(new OneEditIndex(['abcdef', 'xyz', 'XYZ'], 5).nearest('xy', 3, () => true), ['xyz', 'XYZ']);
});

/** closestId as it was before the trie: a scan of every id, kept here as the reference it must agree with. */
function scanClosest(unknown: string, allIds: string[], want: IdClass): string | undefined {
  const needle = unknown.trim().toLowerCase();
  if (!needle) return undefined;
  const fits = (x: string) => {
    if (want === 'any') return true;
    const kind = kb.record(x)?.kind;
    return !!kind && isInstrumentKind(kind) === (want === 'instrument');
  };
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(needle.length / 3)) + 1;
  for (const x of allIds) {
    if (Math.abs(x.length - needle.length) >= bestDistance || x === unknown || !fits(x)) continue;
    const d = distance(needle, x.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && x < best)) {
      best = x;
      bestDistance = d;
    }
  }
  return best;
}

const kbIds = [...kb.records()].map((r) => r.record.id);

test('closestId agrees with a scan of every id: the same suggestion, tie-breaks and class filter included', () => {
  // 30 unknown ids per list: after the first 4 searches of a class, its trie answers (see SCANS_BEFORE_TRIE).
  fc.assert(
    fc.property(
      fc.array(fc.oneof(id(14), fc.constantFrom(...kbIds)), { maxLength: 30 }),
      fc.array(fc.oneof(id(11), fc.constantFrom(...kbIds).map((x) => x.slice(1, 12))), { minLength: 30, maxLength: 30 }),
      fc.constantFrom<IdClass>('any', 'entity', 'instrument'),
      (docIds, unknowns, want) => {
        const all = [...kbIds, ...docIds];
        for (const unknown of unknowns) {
          // Asked twice: the second answer comes from the per-list cache and must not differ.
          const expected = scanClosest(unknown, all, want);
          assert.equal(closestId(unknown, all, kb, want), expected);
          assert.equal(closestId(unknown, all, kb, want), expected);
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('closestId: where lower-casing lengthens an id, the length filter reads raw lengths, as it always has', () => {
  // 'İ' lower-cases to two code units: 'aİ' is 1 edit from 'İ' lower-cased, yet 'İ' is 2 characters shorter.
  assert.equal(closestId('aİ', ['a', 'İ'], kb), 'a');
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'i', 'İ'), maxLength: 6 }), { maxLength: 8 }),
      fc.array(fc.string({ unit: fc.constantFrom('a', 'i', 'İ'), maxLength: 6 }), { minLength: 30, maxLength: 30 }),
      (ids, unknowns) => {
        for (const unknown of unknowns) assert.equal(closestId(unknown, ids, kb), scanClosest(unknown, ids, 'any'));
      },
    ),
    { numRuns: 1000 },
  );
});

test('closestId: a near-miss among thousands of similar document ids, and a name used as an id', () => {
  const docs = Array.from({ length: 5000 }, (_, i) => `doc-${String(i * 2).padStart(6, '0')}`);
  const all = [...kbIds, ...docs];
  assert.equal(closestId('dcc-000102', all, kb), 'doc-000102');
  // Equally near (doc-000000, doc-000002, doc-000004…): the first in sort order, whatever the list order.
  assert.equal(closestId('doc-000003', all, kb), 'doc-000000');
  assert.equal(closestId('doc-000003', [...all].reverse(), kb), 'doc-000000');
  assert.equal(closestId('doc-000003', all, kb, 'entity'), undefined);
  assert.equal(closestId('Russia', all, kb, 'entity'), 'rus');
  assert.equal(closestId('kro', all, kb, 'entity'), 'kor');
  assert.equal(closestId('un-chartr', all, kb, 'instrument'), 'un-charter');
});
