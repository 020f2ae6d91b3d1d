import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/core/text/lineIndex';

// LineIndex finds lines by `indexOf('\n')` when the text has no \r, and by a loop over every code unit otherwise:
// both must give the line starts of the plain definition (\n, \r\n and a lone \r break lines, as in LSP).

function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

const text = fc.string({ unit: fc.constantFrom('a', '가', ' ', '\n', '\r', '\r\n', '\u2028', '😀'), maxLength: 40 });

test('line starts match the definition, with and without \\r', () => {
  fc.assert(
    fc.property(text, (t) => {
      assert.deepStrictEqual([...new LineIndex(t).lineStarts()], referenceStarts(t), JSON.stringify(t));
    }),
    { numRuns: 2000 },
  );
});

test('edge cases: empty text, breaks at both ends, lone \\r, mixed breaks', () => {
  for (const t of ['', '\n', '\r', '\r\n', 'a\n', '\na', 'a\r\nb\rc\nd', '\n\n\n', 'x\r', '\r\r\n']) {
    assert.deepStrictEqual([...new LineIndex(t).lineStarts()], referenceStarts(t), JSON.stringify(t));
  }
  const lines = new LineIndex('ab\ncd');
  assert.deepStrictEqual(lines.positionAt(4), { line: 1, character: 1 });
  assert.equal(lines.lineEnd(0), 2);
  assert.equal(lines.lineCount, 2);
});
