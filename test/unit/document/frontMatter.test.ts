import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blankRange, looksLikeYaml, plainKeyLine } from '../../../server/src/core/document/frontMatter';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import type { ParsedDocument } from '../../../server/src/core/document/types';

const at = (doc: ParsedDocument, s: { start: number; end: number }) => doc.text.slice(s.start, s.end);

test('front-matter fields keep exact key, value and item spans', () => {
  const text = '---\ntitle: "한미 정상회담 🇰🇷"\ndate: 2024-05-01\ntags: [kor, "usa"]\nentities:\n  - kor\n  - prk\nempty:\n---\nBody 본문\n';
  const doc = parseDocument('file:///a.md', text);
  const fm = doc.frontMatter!;
  assert.equal(fm.unterminated, false);
  assert.deepEqual(fm.problems, []);
  assert.equal(at(doc, fm.span), text.slice(0, text.indexOf('\nBody')));
  const title = fm.fields.get('title')!;
  assert.equal(at(doc, title.keySpan), 'title');
  assert.equal(at(doc, title.valueSpan), '"한미 정상회담 🇰🇷"');
  assert.equal(title.value, '한미 정상회담 🇰🇷');
  // Dates stay strings (YAML 1.2 core schema), as written.
  assert.equal(fm.fields.get('date')!.value, '2024-05-01');
  assert.deepEqual(fm.fields.get('tags')!.items!.map((i) => at(doc, i.span)), ['kor', '"usa"']);
  assert.deepEqual(fm.fields.get('entities')!.items!.map((i) => i.value), ['kor', 'prk']);
  const empty = fm.fields.get('empty')!;
  assert.equal(empty.value, null);
  assert.equal(empty.valueSpan.start, empty.valueSpan.end);
  assert.equal(text[empty.valueSpan.start - 1], ':');
  assert.equal(at(doc, doc.body), 'Body 본문\n');
  assert.equal(Object.getPrototypeOf(fm.data), null);
});

test('BOM and CRLF: offsets count the BOM, LSP positions map exactly', () => {
  const text = '\uFEFF---\r\ntitle: 러시아 🚀 test\r\ndate: 2024-01-02\r\n---\r\n본문 😀 NATO\r\n';
  const doc = parseDocument('file:///b.md', text);
  assert.equal(doc.bom, 1);
  const fm = doc.frontMatter!;
  assert.ok(fm);
  assert.equal(fm.span.start, 1);
  const title = fm.fields.get('title')!;
  assert.equal(title.value, '러시아 🚀 test');
  assert.deepEqual(doc.lines.rangeOf(title.valueSpan), { start: { line: 1, character: 7 }, end: { line: 1, character: 18 } });
  assert.equal(at(doc, fm.fields.get('date')!.valueSpan), '2024-01-02');
  assert.equal(at(doc, doc.body), '본문 😀 NATO\r\n');
  const nato = text.indexOf('NATO');
  // 본문 (2) + space + 😀 (2 UTF-16 units) + space = 6
  assert.deepEqual(doc.lines.positionAt(nato), { line: 4, character: 6 });
});

test('YAML errors become problems at their document span', () => {
  const text = '---\ntitle: ok\nlist: [a, b\nnext: x\n---\nbody\n';
  const doc = parseDocument('file:///c.md', text);
  const problems = doc.frontMatter!.problems;
  assert.ok(problems.length >= 1);
  for (const p of problems) {
    assert.ok(p.span.start >= doc.frontMatter!.contentSpan.start && p.span.end <= doc.frontMatter!.contentSpan.end, JSON.stringify(p));
    assert.equal(p.severity, 'error');
    assert.ok(p.message.length > 0 && !p.message.includes('\n'));
  }
});

test('tab indentation error points into the right line', () => {
  const text = '---\ntitle: a\n\tdate: b\n---\n';
  const doc = parseDocument('file:///t.md', text);
  const p = doc.frontMatter!.problems[0];
  assert.ok(p);
  assert.equal(doc.lines.positionAt(p.span.start).line, 2);
});

test('duplicate keys are a problem on the second key; the first value is kept', () => {
  const text = '---\ntitle: first\ndate: 2024-01-01\ntitle: second\n---\n';
  const doc = parseDocument('file:///d.md', text);
  const dup = doc.frontMatter!.problems.find((p) => p.code === 'DUPLICATE_KEY');
  assert.ok(dup);
  assert.equal(at(doc, dup.span), 'title');
  assert.equal(dup.span.start, text.lastIndexOf('title'));
  assert.equal(doc.frontMatter!.fields.get('title')!.value, 'first');
});

test('__proto__ and constructor keys are plain data: no prototype pollution', () => {
  const text = '---\n__proto__:\n  polluted: yes\nconstructor: {prototype: {polluted: yes}}\nnested: {__proto__: {polluted: yes}}\n---\n';
  const doc = parseDocument('file:///p.md', text);
  const data = doc.frontMatter!.data!;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as unknown as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(data, '__proto__'));
  assert.deepEqual(Object.keys(data), ['__proto__', 'constructor', 'nested']);
  const nested = data.nested as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(nested), null);
  assert.ok(Object.prototype.hasOwnProperty.call(nested, '__proto__'));
  // A clear warning on each reserved key, nested ones included.
  const reserved = doc.frontMatter!.problems.filter((p) => p.code === 'RESERVED_KEY');
  assert.deepEqual(reserved.map((p) => [p.span.start, at(doc, p.span), p.severity]).sort((a, b) => (a[0] as number) - (b[0] as number)), [
    [text.indexOf('__proto__'), '__proto__', 'warning'],
    [text.indexOf('constructor'), 'constructor', 'warning'],
    [text.indexOf('prototype'), 'prototype', 'warning'],
    [text.lastIndexOf('__proto__'), '__proto__', 'warning'],
  ]);
});

test('billion laughs: alias expansion is bounded and reported', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  const text = `---\n${lines.join('\n')}\n---\nbody\n`;
  const started = process.hrtime.bigint();
  const doc = parseDocument('file:///bl.md', text);
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  const p = doc.frontMatter!.problems.find((x) => x.code === 'ALIAS_COUNT');
  assert.ok(p, JSON.stringify(doc.frontMatter!.problems));
  assert.ok(p.span.start > doc.frontMatter!.contentSpan.start);
});

test('deeply nested YAML does not throw and is reported', () => {
  const depth = 5000;
  const text = `---\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\nbody\n`;
  const doc = parseDocument('file:///deep.md', text);
  assert.ok(doc.frontMatter);
  assert.ok(doc.frontMatter.problems.length > 0);
  assert.equal(at(doc, doc.body), 'body\n');
});

test('a self-referencing alias does not loop', () => {
  const doc = parseDocument('file:///loop.md', '---\na: &x [1, *x]\n---\n');
  assert.ok(doc.frontMatter!.problems.length > 0);
});

test('unterminated front-matter: flagged, and the prose after it is body', () => {
  const text = '---\ntitle: 제목\ndate: 2024-01-01\n\n러시아와 북한이 조약을 체결했다.\n두 번째 줄.\n';
  const doc = parseDocument('file:///u.md', text);
  const fm = doc.frontMatter!;
  assert.equal(fm.unterminated, true);
  assert.equal(fm.fields.get('title')!.value, '제목');
  assert.equal(fm.fields.get('date')!.value, '2024-01-01');
  assert.equal(at(doc, fm.span), '---\ntitle: 제목\ndate: 2024-01-01');
  assert.ok(doc.textSegments.some((s) => at(doc, s).includes('러시아와 북한이')));
});

test('unterminated front-matter made only of YAML runs to the end', () => {
  const doc = parseDocument('file:///u2.md', '---\ntitle: x\n');
  assert.equal(doc.frontMatter!.unterminated, true);
  assert.equal(doc.frontMatter!.fields.get('title')!.value, 'x');
  assert.equal(doc.body.start, doc.text.length);
});

test('only a fence at the very top opens front-matter', () => {
  assert.equal(parseDocument('file:///x.md', 'Intro\n---\ntitle: x\n---\n').frontMatter, null);
  assert.equal(parseDocument('file:///x.md', '\n---\ntitle: x\n---\n').frontMatter, null);
  assert.equal(parseDocument('file:///x.md', '----\ntitle: x\n----\n').frontMatter, null);
  const lone = parseDocument('file:///x.md', 'Text\n\n---\n\nMore text\n');
  assert.equal(lone.frontMatter, null);
  assert.ok(lone.textSegments.some((s) => lone.text.slice(s.start, s.end).includes('More text')));
});

test('empty front-matter is an empty mapping; a scalar one is a problem', () => {
  const empty = parseDocument('file:///e.md', '---\n---\nbody');
  assert.deepEqual(Object.keys(empty.frontMatter!.data!), []);
  assert.deepEqual(empty.frontMatter!.problems, []);
  const scalar = parseDocument('file:///s.md', '---\njust text\n---\nbody');
  assert.equal(scalar.frontMatter!.data, null);
  assert.equal(scalar.frontMatter!.problems[0].code, 'NOT_A_MAPPING');
});

test('non-string keys and ids are kept as strings of what was written', () => {
  const doc = parseDocument('file:///n.md', '---\n1: one\nid: 42\n---\n');
  assert.equal(doc.frontMatter!.fields.get('1')!.value, 'one');
  assert.equal(doc.frontMatter!.fields.get('id')!.value, 42);
});

test('a horizontal rule after prose does not close a forgotten front-matter', () => {
  const text = '---\ntitle: 제목\n\n첫 문단입니다.\n\n---\n\n둘째 문단.\n';
  const doc = parseDocument('file:///hr.md', text);
  assert.equal(doc.frontMatter!.unterminated, true);
  assert.deepEqual(doc.frontMatter!.problems, []);
  assert.equal(doc.frontMatter!.fields.get('title')!.value, '제목');
  assert.ok(doc.textSegments.some((s) => text.slice(s.start, s.end).includes('둘째 문단')));
});

test('a typo among the fields is a YAML error inside a closed block', () => {
  const text = '---\ntitle: 제목\ndate 2024-01-01\nsource: s\n---\n본문\n';
  const doc = parseDocument('file:///typo.md', text);
  assert.equal(doc.frontMatter!.unterminated, false);
  assert.ok(doc.frontMatter!.problems.length > 0);
  assert.equal(doc.text.slice(doc.body.start), '본문\n');
});

test('the in-place `key: value` check answers yes only where looksLikeYaml does', () => {
  const unit = fc.constantFrom('a', 'Z', '0', '_', '-', ':', ' ', '\t', '#', '"', "'", '.', '가', ']', '/', 'x'.repeat(120));
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 12 }), fc.string({ maxLength: 3 }), (parts, pad) => {
      const line = parts.join('');
      const text = `${pad}${line}\n`;
      if (plainKeyLine(text, pad.length, pad.length + line.length)) assert.ok(looksLikeYaml(line), JSON.stringify(line));
    }),
    { numRuns: 5000 },
  );
  for (const line of ['title: x', 'title:', 'a-b_c: 1', '2024: y', '-x: y', 'k:\tv']) assert.ok(plainKeyLine(line, 0, line.length), line);
  for (const line of ['title', 'http://x', 'a:b', '--- x', '-', ': x', 'a b: c', '키: 값', 'x'.repeat(150) + ': y']) assert.ok(!plainKeyLine(line, 0, line.length), line);
});

test('blankRange tells what slicing and trimming tells: only JavaScript whitespace in the range', () => {
  const unit = fc.constantFrom(' ', '\t', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u202f', '\u205f', '\u3000', '\ufeff', '\u180e', '\u2028', 'a', '-', '한');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 12 }), fc.nat(), fc.nat(), (s, a, b) => {
      const start = s.length ? a % (s.length + 1) : 0;
      const end = start + (b % (s.length - start + 1));
      assert.equal(blankRange(s, start, end), s.slice(start, end).trim() === '', JSON.stringify(s.slice(start, end)));
    }),
    { numRuns: 3000 },
  );
});
