import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { titleKey } from '../../../server/src/core/recognition/titles';
import { TitleIds } from '../../../server/src/core/recognition/mentionText';
import { FOLD, isHangul, isWordChar } from '../../../server/src/core/recognition/chars';

/**
 * Quoted titles and `Treaty on …` phrases find their instrument by titleKey, so the key must not depend on how it
 * is computed. Reference: the plain definition, folding and keeping title characters one at a time.
 */
function referenceKey(s: string): string {
  const stop = new Set(['the', 'of', 'on', 'and', 'between', 'a', 'an', 'concerning', 'for']);
  const british: [RegExp, string][] = [[/neighbour/g, 'neighbor'], [/isation/g, 'ization'], [/programme/g, 'program'], [/defence/g, 'defense'], [/labour/g, 'labor']];
  const isTitle = (c: number) =>
    c < 0x80 ? (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) : c !== 0x318d && (isWordChar(c) || isHangul(c) || (c >= 0x370 && c <= 0x52f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff));
  const words: string[] = [''];
  for (const unit of s.split('')) {
    const c = FOLD[unit.charCodeAt(0)];
    if (isTitle(c)) words[words.length - 1] += String.fromCharCode(c);
    else words.push('');
  }
  let key = '';
  for (const word of words) {
    if (!word || stop.has(word)) continue;
    let w = word;
    if (!/[^\u0000-\u007f]/.test(w)) for (const [from, to] of british) if (w.length >= 6 && w.includes(from.source)) w = w.replace(from, to);
    key += w;
  }
  return key;
}

test('titleKey: folded letters and digits, stop words dropped, British spellings as American', () => {
  assert.equal(titleKey('The Treaty on the Non-Proliferation of Nuclear Weapons'), 'treatynonproliferationnuclearweapons');
  assert.equal(titleKey('Good-Neighbourliness and Friendly Co-operation'), titleKey('good neighborliness friendly cooperation'));
  assert.equal(titleKey('‘대한민국과 ＵＳＡ 간의 협정’'), '대한민국과usa간의협정');
  assert.equal(titleKey('x Defence Programme y', 2, 19), 'defenseprogram');
});

test('titleKey agrees with the one-character-at-a-time definition on random text, whole or in part', () => {
  const ch = fc.constantFrom(
    'a', 'T', 'h', 'e', ' ', '-', 'É', 'é', 'Ｎ', 'Σ', 'İ', '조', '약', 'ㆍ', '1', 'of', 'the', 'labour', 'isation',
    // Function words in other cases and widths (they fold to a stop word), and near misses.
    'The', 'OF', 'An', 'ＴＨＥ', 'Between', 'concerning', 'FOR', 'thé', 'ofs', 'Labour', 'DEFENCE', 'programme',
  );
  fc.assert(
    fc.property(fc.array(ch, { maxLength: 30 }), fc.nat(), fc.nat(), (parts, a, b) => {
      const s = parts.join('');
      const from = s.length ? a % (s.length + 1) : 0;
      const to = from + (b % (s.length - from + 1));
      assert.equal(titleKey(s), referenceKey(s));
      assert.equal(titleKey(s, from, to), referenceKey(s.slice(from, to)));
    }),
    { numRuns: 3000 },
  );
});

test('TitleIds answers what titles.get(titleKey(…)) answers, for repeated, colliding and long titles', () => {
  // Titles of one length naming different instruments, and a table of 4 slots: they keep evicting each other.
  const names = ['Alpha Treaty', 'Bravo Treaty', 'Delta Accord', '알파 조약 협정', 'x'.repeat(190), 'y'.repeat(250)];
  const titles = new Map<string, string[]>(names.map((n, i) => [titleKey(n), [`id-${i}`]]));
  const spelling = fc.constantFrom(...names, 'alpha  treaty', 'ALPHA-Treaty', 'Bravo Treaty ', 'Delta Accorx', 'the Alpha Treaty', '알파·조약 협정');
  for (const slots of [4, 1024]) {
    fc.assert(
      fc.property(fc.array(spelling, { minLength: 1, maxLength: 40 }), (parts) => {
        const ids = new TitleIds(titles, slots);
        // Every title twice (the second answer is remembered), inside a longer text.
        const text = `${parts.join('|')}|${parts.join('|')}`;
        let at = 0;
        for (const part of [...parts, ...parts]) {
          assert.equal(ids.get(text, at, at + part.length), titles.get(titleKey(text, at, at + part.length)), part);
          at += part.length + 1;
        }
      }),
      { numRuns: 200 },
    );
  }
});
