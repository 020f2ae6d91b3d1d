// Property tests over random documents made of the pieces that trip parsers: fences, tags, quotes, links, CRLF,
// BOM, Hangul, emoji, NUL. Fixed seed and bounded runs so CI is repeatable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { fixesFor, sourceActions } from '../../../server/src/core/fixes';
import { checkDocument } from '../../../server/src/core/rules/checkDocument';
import { applyEdits } from '../../../server/src/core/text/applyEdits';
import { fakeContext } from '../rules/fakeContext';

const pieces = [
  '---', '\n', '\r\n', '\r', '\uFEFF', 'title: ', 'date: ', '2021.08.17', '2024-13-45', 'entities: [', ']', 'kro', 'kor',
  '- ', '  ', ':', '"', "'", '<p>', '</p>', '<a href="', 'https://x.org/a', '>', '<', '[[', ']]', '|', '`', '```',
  '#', '## 제목', '러시아', '북한의', '😀', '&amp;', '<!--', '-->', '<script>', 'go.kr', '작성일 2023-12-26', '\u0000', '&x',
  '*a', '&a ', '{', '}', '__proto__: ', 'July 19, 2000',
];
const documentArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));

test('random documents: parsing, rules and fixes never throw and keep every span inside the text', () => {
  const ctx = fakeContext();
  fc.assert(
    fc.property(documentArb, (text) => {
      const doc = parseDocument('file:///r.md', text);
      const inside = (s: { start: number; end: number }) => s.start >= 0 && s.start <= s.end && s.end <= text.length;
      let last = 0;
      for (const s of doc.textSegments) {
        assert.ok(inside(s) && s.start >= last && s.end > s.start);
        last = s.end;
      }
      for (const x of [...doc.links.map((l) => l.span), ...doc.headings.map((h) => h.span), ...doc.urls.map((u) => u.span)]) assert.ok(inside(x));
      for (const p of doc.frontMatter?.problems ?? []) assert.ok(inside(p.span));
      const diagnostics = checkDocument(doc, [], ctx);
      for (const d of diagnostics) {
        assert.ok(inside(d.span), JSON.stringify(d));
        for (const fix of fixesFor(doc, [], d, ctx)) {
          const out = applyEdits(text, fix.changes[0].edits);
          const again = parseDocument('file:///r.md', out);
          if (d.code === 'PL001') {
            assert.ok(again.frontMatter && !again.frontMatter.unterminated, out);
            assert.deepEqual(again.frontMatter.problems, [], out);
          }
          if (d.code === 'PL010') assert.equal(again.frontMatter?.unterminated, false, out);
        }
      }
      for (const fix of sourceActions(doc, [], ctx)) applyEdits(text, fix.changes[0].edits);
    }),
    { seed: 20261124, numRuns: 1500 },
  );
});
