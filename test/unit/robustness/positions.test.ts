// Positions stay exact in UTF-16 whatever the text: decomposed Hangul, emoji (surrogate pairs, ZWJ sequences,
// flags), CRLF, lone CR and a BOM. Every range is checked against vscode-languageserver-textdocument, the
// position arithmetic editors use, and against the text it should cover.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFix, assertWellFormed, DOC, newIndex } from './helpers';

function analyse(text: string) {
  const index = newIndex();
  index.setText(DOC, text);
  const d = index.document(DOC)!;
  assertWellFormed(d);
  // The editor's own offset ↔ position mapping must agree with the core's for every range we hand out.
  const editor = TextDocument.create(DOC, 'markdown', 1, text);
  for (const s of [...d.diagnostics.map((x) => x.span), ...d.mentions.map((m) => m.span)]) {
    assert.deepEqual(d.parsed.lines.rangeOf(s), { start: editor.positionAt(s.start), end: editor.positionAt(s.end) });
  }
  return { index, d, editor };
}

const FM = 'title: 제목\ndate: 2024-01-01\nsource: https://example.org/a\n';

/** Mentions as [text under the range, id], in document order. */
const found = (d: ReturnType<typeof analyse>['d']) => d.mentions.map((m) => [d.parsed.text.slice(m.span.start, m.span.end), m.ids[0]]);

describe('UTF-16 positions', () => {
  it('emoji (surrogate pairs, skin tones, ZWJ, flags) before and between names: ranges cover exactly the names', () => {
    const body = '😀👍🏽 북한의 🇰🇷 발표와 🧑‍🤝‍🧑러시아, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Japan 🏳️‍🌈.\n';
    const text = `---\n${FM}---\n${body}`;
    const { d, editor } = analyse(text);
    assert.deepEqual(found(d), [['북한', 'prk'], ['러시아', 'rus'], ['Japan', 'jpn']]);
    const rus = d.mentions.find((m) => m.ids[0] === 'rus')!;
    // Counted by hand: the line is 5 lines down; 😀 (2) 👍🏽 (4) space (1) ... in UTF-16 code units.
    const line = text.slice(0, rus.span.start).split('\n').length - 1;
    const character = rus.span.start - (text.lastIndexOf('\n', rus.span.start - 1) + 1);
    assert.deepEqual(editor.positionAt(rus.span.start), { line, character });
    assert.equal(character, body.indexOf('러시아'));
  });

  it('decomposed (NFD) Hangul: positions after it stay exact; whatever is recognised points at its own text', () => {
    const nfd = '북한의 발표'.normalize('NFD');
    assert.notEqual(nfd.length, '북한의 발표'.length, 'the fixture really is decomposed');
    const text = `---\n${FM}---\n${nfd} 뒤에 러시아와 ${nfd}\n`;
    const { d } = analyse(text);
    const rus = d.mentions.find((m) => m.ids[0] === 'rus');
    assert.ok(rus, 'the precomposed name after decomposed text is found');
    assert.equal(rus.span.start, text.indexOf('러시아'));
    // Decomposed names themselves are not recognised today (documented in docs/robustness.md); if they are one
    // day, their ranges must cover the decomposed text exactly (assertWellFormed checks text === slice).
  });

  it('CRLF and a BOM: front-matter read, ranges exact, fixes keep CRLF and the BOM', () => {
    const text = `\ufeff---\r\ntitle: 제목\r\ndate: 2024-1-5\r\n---\r\n북한의 발표\r\n러시아\r\n`;
    const { index, d, editor } = analyse(text);
    assert.equal(d.title, '제목');
    const pl011 = d.diagnostics.find((x) => x.code === 'PL011')!;
    assert.equal(text.slice(pl011.span.start, pl011.span.end), '2024-1-5');
    assert.deepEqual(editor.positionAt(pl011.span.start), { line: 2, character: 6 });
    const rus = d.mentions.find((m) => m.ids[0] === 'rus')!;
    assert.deepEqual(editor.positionAt(rus.span.start), { line: 5, character: 0 });
    for (const diag of d.diagnostics) {
      for (const fix of index.fixesFor(DOC, diag)) {
        const fixed = applyFix(text, DOC, fix);
        assert.ok(fixed.startsWith('\ufeff---\r\n'), `${fix.title} keeps the BOM`);
        assert.ok(!/[^\r]\n/.test(fixed), `${fix.title} writes CRLF only: ${JSON.stringify(fixed.slice(0, 120))}`);
        const after = analyse(fixed).d;
        assert.ok(!after.diagnostics.some((x) => x.code === 'PL005'), `${fix.title} leaves parsable front-matter`);
      }
    }
  });

  it('lone CR line breaks (old Mac files) count as lines, as LSP says', () => {
    const text = `---\r${FM.replace(/\n/g, '\r')}---\r첫 줄\r러시아\r`;
    const { d, editor } = analyse(text);
    const rus = d.mentions.find((m) => m.ids[0] === 'rus')!;
    assert.deepEqual(editor.positionAt(rus.span.start), { line: 6, character: 0 });
  });

  it('a BOM alone, a BOM before prose, a BOM before a lone fence', () => {
    for (const text of ['\ufeff', '\ufeff북한', '\ufeff---']) {
      const { d } = analyse(text);
      for (const diag of d.diagnostics) assert.ok(diag.span.start >= 0 && diag.span.end <= text.length);
    }
  });

  it('surrogate halves alone (broken emoji from a cut) do not shift anything', () => {
    const text = `---\n${FM}---\n\ud83d 북한 \ude00 러시아 \ud83d`;
    const { d } = analyse(text);
    assert.deepEqual(found(d), [['북한', 'prk'], ['러시아', 'rus']]);
  });
});
