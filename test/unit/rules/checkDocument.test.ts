import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { checkDocument } from '../../../server/src/core/rules/checkDocument';
import type { Mention } from '../../../server/src/core/recognition/types';
import type { CoreDiagnostic } from '../../../server/src/core/rules/types';
import { fakeContext, mentionOf, type FakeOptions } from './fakeContext';

const URI = 'file:///ws/doc.md';
const COMPLETE = 'title: 제목\ndate: 2024-01-02\nsource: https://example.org/a\n';

function check(text: string, mentions: Mention[] = [], options: FakeOptions = {}): { diags: CoreDiagnostic[]; text: string } {
  return { diags: checkDocument(parseDocument(URI, text), mentions, fakeContext(options)), text };
}
const codes = (r: { diags: CoreDiagnostic[] }) => r.diags.map((d) => d.code);
const spanText = (r: { text: string }, d: CoreDiagnostic) => r.text.slice(d.span.start, d.span.end);

test('a complete document has no diagnostics', () => {
  assert.deepEqual(codes(check(`---\n${COMPLETE}---\n본문\n`)), []);
});

test('PL001: no front-matter, on the first line; no PL002 per field', () => {
  const r = check('외교부 보도자료\n본문입니다.\n');
  assert.deepEqual(codes(r), ['PL001']);
  assert.equal(spanText(r, r.diags[0]), '외교부 보도자료');
  assert.equal(r.diags[0].severity, 'warning');
  assert.match(r.diags[0].message, /No front-matter.*title, date, source/);
  const empty = check('');
  assert.deepEqual(empty.diags[0].span, { start: 0, end: 0 });
  const bom = check('\uFEFFText');
  assert.deepEqual(bom.diags[0].span, { start: 1, end: 5 });
});

test('PL002: each missing required field, on the opening fence, with the inferred value', () => {
  const r = check('---\ntitle: 제목\n---\n작성일 2023-12-26 본문\n');
  const missing = r.diags.filter((d) => d.code === 'PL002');
  assert.deepEqual(missing.map((d) => d.data?.field), ['date', 'source']);
  assert.equal(spanText(r, missing[0]), '---');
  assert.equal(missing[0].data?.inferred, '2023-12-26');
  assert.match(missing[0].message, /'date' is missing.*2023-12-26/);
  assert.equal(missing[1].data?.inferred, undefined);
  assert.equal(missing[0].severity, 'error');
});

test('PL002: a required field that is empty is reported on its key', () => {
  const r = check('---\ntitle:\ndate: 2024-01-02\nsource: ""\n---\n');
  const d = r.diags.filter((x) => x.code === 'PL002');
  assert.deepEqual(d.map((x) => [x.data?.field, spanText(r, x), x.data?.empty]), [
    ['title', 'title', true],
    ['source', 'source', true],
  ]);
});

test('PL002: required fields come from the configuration', () => {
  const r = check('---\ntitle: x\n---\n', [], { config: { requiredFields: ['title', 'author'] } });
  assert.deepEqual(r.diags.map((d) => d.data?.field), ['author']);
});

test('PL003: dates that do not exist, on the value', () => {
  for (const [value, reason] of [
    ['2024-13-45', /month 13/],
    ['2023-02-30', /day 30/],
    ['yesterday', /not a date/],
  ] as const) {
    const r = check(`---\ntitle: t\nsource: s\ndate: ${value}\n---\n`);
    assert.deepEqual(codes(r), ['PL003'], value);
    assert.equal(spanText(r, r.diags[0]), value);
    assert.match(r.diags[0].message, reason);
  }
  assert.deepEqual(codes(check('---\ntitle: t\nsource: s\ndate: 2024-02-29\n---\n')), []);
});

test('PL011: a parseable date not written YYYY-MM-DD, with the normal form', () => {
  for (const [value, normal] of [
    ['2021.08.17', '2021-08-17'],
    ['2021/8/17', '2021-08-17'],
    ['"2023. 8. 31."', '2023-08-31'],
    ['2000년 7월 19일', '2000-07-19'],
    ['July 19, 2000', '2000-07-19'],
    ['"February, 09, 2020"', '2020-02-09'],
  ]) {
    const r = check(`---\ntitle: t\nsource: s\ndate: ${value}\n---\n`);
    assert.deepEqual(codes(r), ['PL011'], value);
    assert.equal(r.diags[0].data?.normalized, normal);
    assert.equal(spanText(r, r.diags[0]), value);
    assert.equal(r.diags[0].severity, 'warning');
  }
  assert.deepEqual(codes(check('---\ntitle: t\nsource: s\ndate: 2021.02.30\n---\n')), ['PL003']);
});

test('PL004: wrong types', () => {
  const r = check('---\ntitle: 42\ndate: 20240102\nsource: s\ncategories: News\ntags: {a: 1}\nentities: [kor, 7]\n---\n');
  const d = r.diags.filter((x) => x.code === 'PL004');
  assert.deepEqual(d.map((x) => [x.data?.field, spanText(r, x)]), [
    ['title', '42'],
    ['date', '20240102'],
    ['categories', 'News'],
    ['tags', '{a: 1}'],
    ['entities', '7'],
  ]);
  assert.match(d[2].message, /'categories' should be a list/);
  assert.deepEqual(codes(check('---\nid: 12\nkind: country\n' + COMPLETE + '---\n')), ['PL004']);
});

test('PL005: every YAML problem, at its span', () => {
  const r = check('---\ntitle: [a\ndate: 2024-01-01\ntitle: b\n---\n');
  const yaml = r.diags.filter((d) => d.code === 'PL005');
  assert.ok(yaml.length >= 1);
  for (const d of yaml) assert.ok(d.span.start >= 4 && d.span.end <= r.text.indexOf('\n---\n', 4) + 1);
  const dup = check('---\n' + COMPLETE + 'date: 2024-01-03\n---\n');
  const dd = dup.diags.find((d) => d.code === 'PL005')!;
  assert.equal(spanText(dup, dd), 'date');
  assert.equal(dd.data?.yamlCode, 'DUPLICATE_KEY');
});

test('PL010: unterminated front-matter on the opening fence; fields still checked', () => {
  const r = check('---\ntitle: t\ndate: 2024-99-01\n\n본문이 시작된다.\n');
  assert.ok(codes(r).includes('PL010'));
  assert.ok(codes(r).includes('PL003'));
  const d = r.diags.find((x) => x.code === 'PL010')!;
  assert.equal(spanText(r, d), '---');
});

test('PL006: unknown ids in entities, treaties and related, with the closest known id', () => {
  const text = '---\n' + COMPLETE + 'entities: [kro, prk, narnia]\ntreaties:\n  - un-charterr\nrelated: [other-doc, other-dco, kor]\n---\n';
  const r = check(text, [], { documents: { 'other-doc': 'file:///ws/other.md' } });
  const d = r.diags.filter((x) => x.code === 'PL006');
  assert.deepEqual(d.map((x) => [spanText(r, x), x.data?.field, x.data?.suggestion]), [
    ['kro', 'entities', 'kor'],
    ['narnia', 'entities', undefined],
    ['un-charterr', 'treaties', 'un-charter'],
    ['other-dco', 'related', 'other-doc'],
  ]);
  assert.match(d[0].message, /Unknown id 'kro'.*Did you mean 'kor'/);
});

test('PL006: a name used as an id suggests the record it names', () => {
  const r = check('---\n' + COMPLETE + 'entities: [Russia]\n---\n');
  assert.equal(r.diags[0].data?.suggestion, 'rus');
});

test('PL006: an instrument under entities (or an entity under treaties) is misplaced', () => {
  const r = check('---\n' + COMPLETE + 'entities: [un-charter]\ntreaties: [kor]\n---\n');
  const d = r.diags.filter((x) => x.code === 'PL006');
  assert.deepEqual(d.map((x) => [spanText(r, x), x.data?.belongs]), [
    ['un-charter', 'treaties'],
    ['kor', 'entities'],
  ]);
});

test('PL007: unresolved wiki-links, on the target, with a suggestion', () => {
  const r = check('---\n' + COMPLETE + '---\n[[kor]] [[rsu|러시아]] [[doc-a]] [[zzzzzz]]\n', [], { documents: { 'doc-a': 'file:///a.md' } });
  const d = r.diags.filter((x) => x.code === 'PL007');
  assert.deepEqual(d.map((x) => [spanText(r, x), x.data?.suggestion]), [
    ['rsu', 'rus'],
    ['zzzzzz', undefined],
  ]);
  // Also without front-matter.
  assert.deepEqual(codes(check('[[nowhere]]')), ['PL001', 'PL007']);
});

test('PL008: the same id defined elsewhere, with the other locations attached', () => {
  const other = { uri: 'file:///ws/kb/people.yaml', span: { start: 10, end: 15 } };
  const r = check('---\nid: kor\nkind: country\n' + COMPLETE + '---\n', [], { definitions: { kor: [other, { uri: URI, span: { start: 0, end: 1 } }] } });
  const d = r.diags.find((x) => x.code === 'PL008')!;
  assert.equal(spanText(r, d), 'kor');
  assert.deepEqual(d.related, [{ uri: other.uri, span: other.span, message: "'kor' is also defined here" }]);
  assert.equal(d.severity, 'error');
  assert.deepEqual(codes(check('---\nid: unique-id\n' + COMPLETE + '---\n')), []);
});

test('PL009: mentioned but not listed, once per id at its first mention; instruments go to treaties', () => {
  const text = '---\n' + COMPLETE + 'entities: [kor]\n---\n한국과 러시아, 다시 러시아. 유엔헌장. 러북 또는 북한?\n';
  const mentions = [
    mentionOf(text, '한국', ['kor'], 'country'),
    mentionOf(text, '러시아', ['rus'], 'country'),
    mentionOf(text, '러시아', ['rus'], 'country', 'alias', 1),
    mentionOf(text, '유엔헌장', ['un-charter'], 'treaty'),
    mentionOf(text, '북한', ['prk', 'kor'], 'country', 'alias'),
  ];
  mentions[4].ambiguous = true;
  const r = check(text, mentions);
  const d = r.diags.filter((x) => x.code === 'PL009');
  assert.deepEqual(d.map((x) => [x.data?.id, x.data?.field, x.span.start]), [
    ['rus', 'entities', text.indexOf('러시아')],
    ['un-charter', 'treaties', text.indexOf('유엔헌장')],
  ]);
  assert.equal(d[0].severity, 'information');
  assert.match(d[0].message, /러시아.*rus.*entities/);
  // Without front-matter only PL001.
  assert.deepEqual(codes(check('러시아', [mentionOf('러시아', '러시아', ['rus'], 'country')])), ['PL001']);
});

test('PL013: a quoted title or resolution matching no record', () => {
  const text = '---\n' + COMPLETE + '---\n‘가상의 나라 간의 우호에 관한 조약’ 결의 9999호\n';
  const mentions = [
    mentionOf(text, '‘가상의 나라 간의 우호에 관한 조약’', [], 'unknown', 'quoted-title'),
    mentionOf(text, '결의 9999호', [], 'unknown', 'resolution'),
  ];
  const r = check(text, mentions);
  assert.deepEqual(codes(r), ['PL013', 'PL013']);
  assert.equal(r.diags[0].severity, 'information');
  assert.equal(spanText(r, r.diags[1]), '결의 9999호');
});

test('PL014: a binary file gets one diagnostic and nothing else', () => {
  const r = check('---\ntitle: x\n---\n\u0000\u0001[[nowhere]]');
  assert.deepEqual(codes(r), ['PL014']);
});

test('severities are configurable by code; off drops the rule', () => {
  const text = '---\ntitle: t\ndate: 2021.08.17\n---\n';
  const r = check(text, [], { config: { severity: { PL011: 'error', PL002: 'off' } } });
  assert.deepEqual(r.diags.map((d) => [d.code, d.severity]), [['PL011', 'error']]);
});

test('definition notes (id + record kind) need no title/date/source and no entity list', () => {
  const text = '---\nid: kim-hong-kyun\nkind: person\nname: {ko: 김홍균, en: Kim Hong-kyun}\naliases: {ko: [김 차관]}\ncountry: kor\n---\n러시아 담당 차관.\n';
  const r = check(text, [mentionOf(text, '러시아', ['rus'], 'country')]);
  assert.deepEqual(codes(r), []);
  // An ordinary document with a kind that is not a record kind is still a document.
  assert.ok(codes(check('---\nid: memo-1\nkind: memo\n---\n')).includes('PL002'));
});

test('YAML errors suppress "missing field" guesses (the field may be there)', () => {
  assert.deepEqual(codes(check('---\ntitle: [unclosed\n---\n')).filter((c) => c === 'PL002'), []);
});
