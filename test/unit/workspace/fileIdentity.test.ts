import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { documentIdentity, identityFromHead } from '../../../server/src/core/workspace/fileIdentity';
import { readSource } from '../../../server/src/core/workspace/sourceAnalysis';

// The initial indexing learns every document's identity (its `id`, a definition note's record, its title) from
// the bytes, decoding only the front-matter where it can. It must report exactly what a full parse reports, or
// documents would be analysed against a workspace that is not the real one.

const URI = 'file:///w/doc.md';

const pick = (i: ReturnType<typeof documentIdentity>) => ({ records: i.records, kbProblems: i.kbProblems, docId: i.docId, title: i.title });

function agree(bytes: Uint8Array, headLength?: number): void {
  const full = readSource(URI, 'document', Buffer.from(bytes).toString('utf8'));
  const what = JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 300));
  assert.deepStrictEqual(pick(documentIdentity(URI, bytes)), pick(full), what);
  // From the head alone: the same answer, or none (the caller then reads the whole file).
  const cut = Math.min(headLength ?? bytes.length, bytes.length);
  const fromHead = identityFromHead(URI, bytes.subarray(0, cut), cut === bytes.length);
  if (fromHead) assert.deepStrictEqual(pick(fromHead), pick(full), `${what} (head of ${cut} bytes)`);
  else assert.ok(cut < bytes.length, 'the whole file always decides');
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const prose = (n: number) => '북한의 핵 문제에 관한 논의가 계속되었다. The ministers met in Seoul. '.repeat(n);

describe('a document identity from its bytes', () => {
  it('is the full parse\'s identity for the shapes corpora have', () => {
    const cases = [
      '---\ntitle: 회담 결과\nid: doc-1\n---\n# 본문\n' + prose(3),
      '\ufeff---\r\ntitle: "Outcome"\r\nid: doc-2\r\n---\r\nBody',
      '---\rtitle: lone CR\rid: doc-3\r---\rBody',
      '---\nid: nk\nkind: country\nname_ko: 북한\nname_en: North Korea\n---\nA definition note.',
      '---\nid: [not, a, string]\ntitle: 7\n---\nx',
      '---\ntitle: unterminated\nid: doc-4\n\nA paragraph of prose after a blank line.\n---\n',
      '---\ntitle: x\nid: doc-5\n...\nbody',
      '---   \ntitle: fence with trailing spaces\nid: doc-6\n---\t\nbody',
      '--- x\ntitle: not a fence\n---\n',
      'no front-matter\n---\nid: later\n---\n',
      '---\ntitle: bad: yaml: [\nid: doc-7\n---\n',
      '---\ntitle: with NUL\nid: doc-8\n---\nbinary\u0000here',
      `---\ntitle: many replacement characters\nid: doc-9\n---\n${'\ufffd'.repeat(20)}`,
      `---\ntitle: long front-matter\nid: doc-10\nexcerpt: >\n${'  긴 요약 문장입니다.\n'.repeat(600)}---\n${prose(10)}`,
      `---\ntitle: x\nid: doc-11\n---\n${prose(200)}`,
      '---\n',
      '---',
      '',
    ];
    for (const c of cases) agree(utf8(c));
  });

  it('decodes invalid UTF-8 as the full parse does (binary-looking files declare nothing)', () => {
    const head = utf8('---\ntitle: broken bytes\nid: doc-12\n---\n');
    const junk = new Uint8Array(4000).map((_, i) => (i % 3 === 0 ? 0xff : 0x41));
    agree(new Uint8Array([...head, ...junk]));
    agree(new Uint8Array([...head, 0xc3, 0x28, ...utf8(prose(5))]));
  });

  it('agrees on generated documents: fences, line breaks, BOM, sizes around the prefix it decodes', () => {
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const fence = fc.constantFrom('---', '---', '--- ', '...', '----', '');
    const line = fc.constantFrom(
      'title: 제목', 'id: doc-x', 'kind: organization', 'name_ko: 기구', 'name_en: Org', 'tags: [a, b', '  - item', '', 'prose here.', 'date: 2024-01-01', '# h',
      // keys that are, or may be, `id`, and lines that only look like it
      '  id: indented', 'id : spaced', 'id\t: tabbed', 'id:', 'id:x', '"id": quoted', "'id': single", '{id: flow}', '{title: a, id: b}', '? id', ': x',
      '&anchor id: x', '<<: *base', '!!str id: x', 'ids: [a]', 'idx: y', '- id: x', 'title: "id: inside"', 'identity: no', '  - id', '\tid: tab',
    );
    const doc = fc.record({
      bom: fc.boolean(),
      open: fc.constantFrom('---', '---', '--- ', '-- '),
      lines: fc.array(line, { maxLength: 8 }),
      close: fence,
      eol,
      pad: fc.nat(5000),
      tail: fc.constantFrom('', '\u0000', '\ufffd'.repeat(9), '본문'),
      head: fc.nat(400),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const fm = [d.open, ...d.lines, ...(d.close ? [d.close] : [])].join(d.eol);
        agree(utf8(`${d.bom ? '\ufeff' : ''}${fm}${d.eol}${'가'.repeat(d.pad)}${d.tail}`), d.head);
      }),
      { seed: 20261204, numRuns: 1500 },
    );
  });
});
