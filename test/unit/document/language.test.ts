import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanBody } from '../../../server/src/core/document/body';
import { readFrontMatter } from '../../../server/src/core/document/frontMatter';
import { detectLanguage } from '../../../server/src/core/document/language';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import type { Span } from '../../../server/src/core/text/span';
import { documentText, SEED } from '../property/arbitraries';

// detectLanguage counts letters through a 64 K-entry table; this is the definition it must agree with.
function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);
}
function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
function reference(text: string, segments: readonly Span[]): 'ko' | 'en' | undefined {
  let hangul = 0;
  let latin = 0;
  for (const s of segments) {
    for (let i = s.start; i < s.end; i++) {
      const c = text.charCodeAt(i);
      if (isHangul(c)) hangul++;
      else if (isLatin(c)) latin++;
    }
  }
  if (hangul > latin) return 'ko';
  return latin > 0 ? 'en' : undefined;
}

// Code units at and around every range boundary of the definition, and some others.
const EDGES = [0x40, 0x41, 0x5a, 0x5b, 0x60, 0x61, 0x7a, 0x7b, 0xbf, 0xc0, 0xd7, 0xf7, 0x24f, 0x250, 0x10ff, 0x1100, 0x11ff, 0x1200,
  0x312f, 0x3130, 0x318f, 0x3190, 0xa95f, 0xa960, 0xa97f, 0xa980, 0xabff, 0xac00, 0xd7a3, 0xd7a4, 0xd7af, 0xd7b0, 0xd7ff, 0xd800, 0xffff, 0x20, 0x31];
const unit = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: 0xffff }));
const input = fc.array(unit, { maxLength: 30 }).chain((codes) => {
  const text = String.fromCharCode(...codes);
  const bound = fc.integer({ min: 0, max: text.length });
  const segment = fc.tuple(bound, bound).map(([a, b]): Span => ({ start: Math.min(a, b), end: Math.max(a, b) }));
  return fc.tuple(fc.constant(text), fc.array(segment, { maxLength: 4 }));
});

test('detectLanguage agrees with the range definition', () => {
  fc.assert(fc.property(input, ([text, segments]) => detectLanguage(text, segments) === reference(text, segments)), { numRuns: 3000 });
});

test('every code unit is classified as the definition says', () => {
  for (let c = 0; c < 0x10000; c++) {
    const text = String.fromCharCode(c);
    const all = [{ start: 0, end: 1 }];
    assert.equal(detectLanguage(text, all), reference(text, all), `U+${c.toString(16)}`);
  }
});

// The body scan counts the letters of the prose as it goes (parseDocument takes the language from those counts):
// they must be the counts of detectLanguage's pass over the scan's own segments, whatever the markup.
const PIECES = [
  '한국', '북한의', 'Russia', 'café', 'naïve', 'É', 'x', 'A1', '2024', ' ', '\n', '\r\n', '.', ',', '-', '_', '@', '%', '+',
  'example.com', 'go.kr', 'a.b', 'x@y.kr', 'user@example.org', 'www.x.kr', 'https://a.kr/경로', 'http://x', 'a.', '.b',
  'ab.cd.ef/path', 'v1.2', 'U.S.', 'e.g.', '<b>', '</b>', '<p class="x">', '<a href="https://x.kr">', '<script>x', '</script>',
  '<!-- c -->', '<통일부>', '<NATO 정상회의>', '`code`', '``', '```\n', '~~~\n', '# ', '## 제목\n', '===\n', '[[prk]]', '[[x|라벨]]',
  '[t](http://x.kr)', '](', '&amp;', 'ｆｕｌｌ', 'Σ', 'ㄱ', 'ᄀ', '\u00a0', '\u3000', '\t', '😀',
];
const body = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

test('the body scan counts the letters of its own segments', () => {
  const check = (text: string) => {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const { bodyStart } = readFrontMatter(text, bom);
    const scan = scanBody(text, { start: bodyStart, end: text.length });
    let hangul = 0;
    let latin = 0;
    for (const s of scan.textSegments) {
      for (let i = s.start; i < s.end; i++) {
        const c = text.charCodeAt(i);
        if (isHangul(c)) hangul++;
        else if (isLatin(c)) latin++;
      }
    }
    assert.deepStrictEqual([scan.hangul, scan.latin], [hangul, latin], JSON.stringify(text));
    const parsed = parseDocument('file:///d.md', text);
    if (!parsed.binary) assert.equal(parsed.language, reference(text, scan.textSegments));
  };
  fc.assert(fc.property(body, check), { numRuns: 3000 });
  fc.assert(fc.property(documentText, check), { numRuns: 1000, seed: SEED });
});
