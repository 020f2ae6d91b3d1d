// Property tests over random documents made of the pieces that trip parsers: fences, tags, quotes, links, CRLF,
// BOM, Hangul, emoji, NUL. Fixed seed and bounded runs so CI is repeatable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { fixesFor, sourceActions } from '../../../server/src/core/fixes';
import { checkDocument } from '../../../server/src/core/rules/checkDocument';
import { applyEdits } from '../../../server/src/core/text/applyEdits';
import type { Mention } from '../../../server/src/core/recognition/types';
import { fakeContext } from '../rules/fakeContext';

const pieces = [
  '---', '\n', '\r\n', '\r', '\uFEFF', 'title: ', 'date: ', '2021.08.17', '2024-13-45', 'entities: [', ']', 'kro', 'kor',
  '- ', '  ', ':', '"', "'", '<p>', '</p>', '<a href="', 'https://x.org/a', '>', '<', '[[', ']]', '|', '`', '```',
  '#', '## 제목', '러시아', '북한의', '😀', '&amp;', '<!--', '-->', '<script>', 'go.kr', '작성일 2023-12-26', '\u0000', '&x',
  '*a', '&a ', '{', '}', '__proto__: ', 'July 19, 2000',
];
const bodyArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const fieldLines = [
  'title: 제목', 'title:', 'title: 42', 'date: 2021.08.17', 'date: "2023. 8. 31."', 'date: 2024-13-45', 'date: 2024-01-02',
  'source: https://x.org/a', "source: ''", 'entities: [kro, kor]', 'entities: []', 'entities:', 'entities:\n  - kro\n  - prk',
  'treaties: [kor, un-charter]', 'treaties:\n- un-chartr', 'categories: News', 'related: [kor, nothing-here]', 'id: 42',
  'excerpt: >\n  긴 요약\n  둘째 줄', '# comment', 'tags: [a, b]',
];
/** Front-matter made of plausible fields (sometimes unterminated), then a random body; LF or CRLF, BOM or not. */
const structuredArb = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    closed: fc.boolean(),
    fields: fc.uniqueArray(fc.constantFrom(...fieldLines), { maxLength: 8, selector: (l) => l.split(':')[0] }),
    body: bodyArb,
  })
  .map(({ bom, crlf, closed, fields, body }) => {
    const eol = crlf ? '\r\n' : '\n';
    const lines = ['---', ...fields.flatMap((f) => f.split('\n')), ...(closed ? ['---'] : ['', '본문입니다.'])];
    return (bom ? '\uFEFF' : '') + lines.join(eol) + eol + body;
  });
const documentArb = fc.oneof(bodyArb, structuredArb);

/** What recognition would report for the fixture's names (recognition itself is tested elsewhere). */
function mentionsIn(text: string, bodyStart: number): Mention[] {
  const out: Mention[] = [];
  for (const [name, id, kind] of [['러시아', 'rus', 'country'], ['북한', 'prk', 'country']] as const) {
    for (let i = text.indexOf(name, bodyStart); i >= 0; i = text.indexOf(name, i + 1)) {
      out.push({ span: { start: i, end: i + name.length }, ids: [id], kind, via: 'alias', text: name });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

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
      const mentions = mentionsIn(text, doc.body.start);
      const diagnostics = checkDocument(doc, mentions, ctx);
      for (const d of diagnostics) {
        assert.ok(inside(d.span), JSON.stringify(d));
        for (const fix of fixesFor(doc, mentions, d, ctx)) {
          const out = applyEdits(text, fix.changes[0].edits);
          const again = parseDocument('file:///r.md', out);
          const after = checkDocument(again, mentionsIn(out, again.body.start), ctx);
          const count = (list: typeof diagnostics, code: string) => list.filter((x) => x.code === code).length;
          // A fix never breaks the YAML, and clears what it fixes (an empty placeholder leaves the field to fill in).
          assert.ok(count(after, 'PL005') <= count(diagnostics, 'PL005'), `${fix.title}\n${JSON.stringify(text)}\n${JSON.stringify(out)}`);
          if (fix.isPreferred) assert.ok(count(after, d.code) < count(diagnostics, d.code), `${fix.title}\n${JSON.stringify(text)}\n${JSON.stringify(out)}`);
          if (d.code === 'PL001') {
            assert.ok(again.frontMatter && !again.frontMatter.unterminated, out);
            assert.deepEqual(again.frontMatter.problems, [], out);
          }
          if (d.code === 'PL010') assert.equal(again.frontMatter?.unterminated, false, out);
        }
      }
      for (const fix of sourceActions(doc, mentions, ctx)) {
        const out = applyEdits(text, fix.changes[0].edits);
        const after = checkDocument(parseDocument('file:///r.md', out), mentionsIn(out, parseDocument('file:///r.md', out).body.start), ctx);
        assert.ok(!after.some((x) => x.code === 'PL001' || x.code === 'PL009'), `${fix.title}\n${JSON.stringify(text)}\n${JSON.stringify(out)}`);
      }
    }),
    { seed: 20261124, numRuns: 1500 },
  );
});
