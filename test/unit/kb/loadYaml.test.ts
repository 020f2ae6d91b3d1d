import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKbYaml, recordFromFrontMatter } from '../../../server/src/core/kb/loadYaml';

const URI = 'file:///ws/kb/mine.yaml';
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

test('a list of records loads, with origin.idSpan on the id value', () => {
  const text = ['- id: my-treaty', '  kind: treaty', '  name: { ko: 내 조약, en: My Treaty }', '- id: "quoted-id"', '  kind: person', '  name: { en: Someone }', ''].join('\n');
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => r.record.id), ['my-treaty', 'quoted-id']);
  assert.equal(at(text, records[0].origin.idSpan), 'my-treaty');
  assert.equal(at(text, records[1].origin.idSpan), '"quoted-id"');
  assert.equal(records[0].origin.uri, URI);
  assert.equal(records[0].origin.builtin, false);
  assert.deepEqual(records[0].record.name, { ko: '내 조약', en: 'My Treaty' });
});

test('a mapping with a records: list is accepted too', () => {
  const text = 'records:\n  - id: a\n    kind: country\n    name: { en: A }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(problems, []);
  assert.equal(records[0].record.id, 'a');
});

test('an empty file is no records and no problem', () => {
  for (const text of ['', '# just a comment\n', '\n\n']) assert.deepEqual(parseKbYaml(URI, text, false), { records: [], problems: [] });
});

test('a top-level scalar is reported as not a record list', () => {
  const { records, problems } = parseKbYaml(URI, 'hello\n', false);
  assert.equal(records.length, 0);
  assert.equal(problems[0].code, 'PL012');
  assert.equal(at('hello\n', problems[0].span), 'hello');
});

test('an invalid record is skipped with a PL012 at the bad value; the other records are kept', () => {
  const text = [
    '- id: good-one',
    '  kind: treaty',
    '  name: { en: Good }',
    '- id: bad-kind',
    '  kind: treatyy',
    '  name: { en: Bad }',
    '- id: bad-date',
    '  kind: treaty',
    '  name: { en: Bad date }',
    '  signed: 2024-13-45',
    '- id: good-two',
    '  kind: person',
    '  name: 홍길동',
    '',
  ].join('\n');
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['good-one', 'good-two']);
  assert.equal(problems.length, 2);
  assert.ok(problems.every((p) => p.code === 'PL012' && p.severity === 'error'));
  assert.equal(at(text, problems[0].span), 'treatyy');
  assert.match(problems[0].message, /bad-kind.*kind/);
  assert.equal(at(text, problems[1].span), '2024-13-45');
  // A plain-string name goes to the language its script says.
  assert.deepEqual(records[1].record.name, { ko: '홍길동' });
});

test('a missing required field points at the record, not at the whole file', () => {
  const text = '- id: no-kind\n  name: { en: X }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.equal(records.length, 0);
  assert.match(problems[0].message, /kind/);
  assert.equal(at(text, problems[0].span), 'id');
});

test('YAML syntax errors are PL005 at their exact range, and the records before them survive', () => {
  const text = '- id: fine\n  kind: country\n  name: { en: Fine }\n- id: broken\n  kind: country\n  name: { en: "unclosed }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['fine']);
  const syntax = problems.filter((p) => p.code === 'PL005');
  assert.ok(syntax.length >= 1);
  for (const p of syntax) {
    assert.ok(p.span.start >= text.indexOf('- id: broken'), 'error is inside the broken record');
    assert.ok(p.span.end <= text.length && p.span.end > p.span.start);
  }
});

test('a duplicate key is a PL005 on the repeated key and drops only that record', () => {
  const text = '- id: dup\n  kind: treaty\n  name: { en: A }\n  name: { en: B }\n- id: other\n  kind: treaty\n  name: { en: C }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['other']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'PL005');
  const second = text.lastIndexOf('name: { en: B }');
  assert.deepEqual(problems[0].span, { start: second, end: second + 'name'.length });
});

test('hostile keys never reach an object prototype and are reported', () => {
  const text = [
    '- id: hostile',
    '  kind: country',
    '  name: { en: H }',
    '  __proto__: { polluted: yes }',
    '- id: hostile-facts',
    '  kind: country',
    '  name: { en: H2 }',
    '  facts: { constructor: x, __proto__: { polluted: yes } }',
    '- id: safe',
    '  kind: country',
    '  name: { en: S }',
    '  facts: { capital: Seoul }',
    '',
  ].join('\n');
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(records.map((r) => r.record.id), ['safe']);
  assert.equal(Object.getPrototypeOf(records[0].record.facts), Object.prototype);
  assert.deepEqual(records[0].record.facts, { capital: 'Seoul' });
  const hostile = problems.filter((p) => /not allowed as a key/.test(p.message));
  assert.deepEqual(hostile.map((p) => at(text, p.span)).sort(), ['__proto__', '__proto__', 'constructor']);
});

test('an alias bomb is refused without hanging and without losing the file', () => {
  const lines = ['- id: before', '  kind: country', '  name: { en: Before }', '- id: bomb', '  kind: country', '  name: { en: Bomb }', '  facts:'];
  lines.push('    a: &a "lol"');
  for (let i = 1; i < 10; i++) lines.push(`    l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const text = lines.join('\n') + '\n';
  const started = Date.now();
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(records.map((r) => r.record.id), ['before']);
  assert.equal(problems.length >= 1, true);
  assert.ok(problems.some((p) => p.code === 'PL012'));
});

test('a numeric id is refused with a hint to quote it', () => {
  const text = '- id: 1718\n  kind: resolution\n  name: { en: R }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.equal(records.length, 0);
  assert.equal(at(text, problems[0].span), '1718');
  assert.match(problems[0].message, /quote/);
});

test('unknown fields are warnings on the key; the record is kept', () => {
  const text = '- id: k\n  kind: country\n  name: { en: K }\n  capitol: Seoul\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.equal(records.length, 1);
  assert.equal(problems[0].severity, 'warning');
  assert.equal(at(text, problems[0].span), 'capitol');
});

test('UTF-16 spans are exact after Korean text and emoji', () => {
  const text = '# 한국어 주석 😀\n- id: 한글-아님\n  kind: country\n  name: { ko: 가 }\n- id: ok-after\n  kind: country\n  name: { ko: 나 }\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['ok-after']);
  assert.equal(at(text, problems[0].span), '한글-아님');
  assert.equal(at(text, records[0].origin.idSpan), 'ok-after');
});

test('a definition note front-matter is one record; its other fields are ignored', () => {
  const idSpan = { start: 4, end: 12 };
  const ok = recordFromFrontMatter('file:///ws/notes/x.md', { id: 'my-note', kind: 'agreement', name: { ko: '협정' }, title: 'Notes', date: '2024-01-01', aliases: ['협정문', 'The Agreement'] }, idSpan);
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.record?.record.id, 'my-note');
  assert.deepEqual(ok.record?.record.aliases, { ko: ['협정문'], en: ['The Agreement'] });
  assert.deepEqual(ok.record?.origin, { uri: 'file:///ws/notes/x.md', idSpan, builtin: false });
  const dated = recordFromFrontMatter('file:///ws/notes/d.md', { id: 'dated', kind: 'treaty', name: 'D', signed: new Date(Date.UTC(2024, 5, 19)) }, idSpan);
  assert.equal(dated.record?.record.signed, '2024-06-19', 'a YAML 1.1 timestamp is read as its date');
  const titled = recordFromFrontMatter('file:///ws/notes/t.md', { id: 'titled', kind: 'agreement', title: '한-나토 협정 메모' }, idSpan);
  assert.deepEqual(titled.record?.record.name, { ko: '한-나토 협정 메모' });
  // Front-matter parsers hand over null-prototype objects; the record built from one is an ordinary object.
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { id: 'bare', kind: 'person', name: { en: 'B' } });
  const fromBare = recordFromFrontMatter('file:///ws/notes/z.md', bare, idSpan);
  assert.deepEqual(fromBare.record?.record, { id: 'bare', kind: 'person', name: { en: 'B' } });
  const bad = recordFromFrontMatter('file:///ws/notes/y.md', { id: 'y', kind: 'nope', name: 'Y' }, idSpan);
  assert.equal(bad.record, undefined);
  assert.equal(bad.problems[0].code, 'PL012');
  assert.deepEqual(bad.problems[0].span, idSpan);
});

test('a byte-order mark and CRLF line ends keep records and exact spans', () => {
  const text = '\uFEFF- id: with-bom\r\n  kind: country\r\n  name: { ko: 가, en: A }\r\n- id: bad\r\n  kind: nope\r\n  name: B\r\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['with-bom']);
  assert.equal(at(text, records[0].origin.idSpan), 'with-bom');
  assert.equal(problems.length, 1);
  assert.equal(at(text, problems[0].span), 'nope');
});

test('a second YAML document is reported and the first one still loads', () => {
  const text = '- id: first\n  kind: country\n  name: A\n---\n- id: second\n  kind: country\n  name: B\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['first']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'PL005');
  assert.ok(at(text, problems[0].span).startsWith('---'));
});

test('a record broken by bad indentation gets the YAML error only, not a misleading missing-field error', () => {
  const text = '- id: ok\n  kind: country\n  name: A\n- id: tabbed\n\tkind: country\n';
  const { records, problems } = parseKbYaml(URI, text, false);
  assert.deepEqual(records.map((r) => r.record.id), ['ok']);
  assert.ok(problems.length > 0 && problems.every((p) => p.code === 'PL005'));
  assert.ok(problems.every((p) => p.span.start >= text.indexOf('\tkind')));
});

test('pathological nesting and binary input produce a problem, not a crash', () => {
  for (const text of ['- '.repeat(10000) + 'x\n', '? '.repeat(10000) + 'x\n', '\u0000\u0001PNG\u0000\uFFFD', '[[[[[[[[']) {
    const { records, problems } = parseKbYaml(URI, text, false);
    assert.equal(records.length, 0);
    assert.ok(problems.length >= 1);
    for (const p of problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end);
  }
});

test('with the front-matter fields, a definition-note problem points at the offending value or list item', () => {
  const span = (start: number, end: number) => ({ start, end });
  const fields = new Map([
    ['id', { key: 'id', keySpan: span(4, 6), valueSpan: span(8, 12), value: 'note' }],
    ['kind', { key: 'kind', keySpan: span(13, 17), valueSpan: span(19, 25), value: 'treaty' }],
    ['signed', { key: 'signed', keySpan: span(26, 32), valueSpan: span(34, 44), value: '2024-13-01' }],
    ['parties', { key: 'parties', keySpan: span(45, 52), valueSpan: span(54, 70), value: ['kor', 'bad id'], items: [{ value: 'kor', span: span(55, 58) }, { value: 'bad id', span: span(60, 66) }] }],
  ]);
  const data = { id: 'note', kind: 'treaty', name: 'N', signed: '2024-13-01', parties: ['kor', 'bad id'] };
  const { record, problems } = recordFromFrontMatter('file:///n.md', data, span(8, 12), fields);
  assert.equal(record, undefined);
  assert.deepEqual(problems.map((p) => p.span).sort((a, b) => a.start - b.start), [span(34, 44), span(60, 66)]);
});
