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

  it('decomposed (NFD) Hangul: names are recognised and their ranges cover the decomposed text exactly', () => {
    const nfd = '북한의 발표'.normalize('NFD');
    assert.notEqual(nfd.length, '북한의 발표'.length, 'the fixture really is decomposed');
    const text = `---\n${FM}---\n${nfd} 뒤에 러시아와 ${nfd}\n`;
    const { d } = analyse(text);
    const nfdName = '북한'.normalize('NFD');
    assert.deepEqual(found(d), [[nfdName, 'prk'], ['러시아', 'rus'], [nfdName, 'prk']]);
    assert.equal(d.mentions[0].span.start, text.indexOf(nfdName));
    assert.equal(d.mentions[1].span.start, text.indexOf('러시아'));
    assert.equal(d.mentions[2].span.start, text.lastIndexOf(nfdName));
    assert.equal(d.mentions[0].text, nfdName, 'a mention keeps the text as the document writes it');
  });

  it('decomposed Hangul mixed with precomposed syllables, a particle, a compound and an acronym pair', () => {
    // 한미일 with only 미 decomposed, 러시아로의 with 로 decomposed, 북대서양조약기구(NATO) with 조약 decomposed.
    const body = `한${'미'.normalize('NFD')}일 협력. 러시아${'로'.normalize('NFD')}의 이전. 북대서양${'조약'.normalize('NFD')}기구(NATO) 회의.`;
    const text = `---\n${FM}---\n${body}\n`;
    const { d } = analyse(text);
    const ids = d.mentions.map((m) => m.ids[0]);
    assert.deepEqual(ids.slice(0, 3), ['kor', 'usa', 'jpn']);
    assert.ok(ids.includes('rus') && ids.includes('nato'), `found: ${JSON.stringify(found(d))}`);
    const nato = d.mentions.find((m) => m.ids[0] === 'nato')!;
    assert.equal(text.slice(nato.span.start, nato.span.end), `북대서양${'조약'.normalize('NFD')}기구(NATO)`);
  });

  it('Latin names with combining accents are recognised like their precomposed form', () => {
    const cote = "Côte d'Ivoire";
    const decomposed = cote.normalize('NFD');
    assert.notEqual(decomposed, cote);
    const text = `---\n${FM}---\nTalks with ${decomposed} and Japan.\n`;
    const { d } = analyse(text);
    const pre = newIndex();
    pre.setText(DOC, text.normalize('NFC'));
    const expected = pre.document(DOC)!.mentions.map((m) => m.ids[0]);
    assert.deepEqual(d.mentions.map((m) => m.ids[0]), expected);
    assert.ok(expected.includes('civ') && expected.includes('jpn'), `precomposed: ${JSON.stringify(expected)}`);
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
