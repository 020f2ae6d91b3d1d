import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { fixesFor, sourceActions } from '../../../server/src/core/fixes';
import type { Fix } from '../../../server/src/core/fixes/types';
import type { Mention } from '../../../server/src/core/recognition/types';
import { checkDocument } from '../../../server/src/core/rules/checkDocument';
import type { CoreDiagnostic } from '../../../server/src/core/rules/types';
import { applyEdits } from '../../../server/src/core/text/applyEdits';
import { fakeContext, mentionOf, type FakeOptions } from '../rules/fakeContext';

const URI = 'file:///ws/doc.md';

/** Applies the single fix offered for the first diagnostic with `code`; returns the new text and its diagnostics. */
function applyFix(text: string, code: string, mentions: (t: string) => Mention[] = () => [], options: FakeOptions = {}, pick = 0) {
  const ctx = fakeContext(options);
  const doc = parseDocument(URI, text);
  const diagnostic = checkDocument(doc, mentions(text), ctx).find((d) => d.code === code);
  assert.ok(diagnostic, `${code} reported`);
  const fixes = fixesFor(doc, mentions(text), diagnostic, ctx);
  assert.ok(fixes[pick], `a fix for ${code}`);
  const fix = fixes[pick];
  assert.deepEqual(fix.fixes, [code]);
  const out = apply(text, fix);
  const after = checkDocument(parseDocument(URI, out), mentions(out), ctx);
  return { fix, out, after, diagnostic };
}

function apply(text: string, fix: Fix): string {
  assert.equal(fix.changes.length, 1);
  assert.equal(fix.changes[0].uri, URI);
  return applyEdits(text, fix.changes[0].edits);
}

const has = (after: CoreDiagnostic[], code: string, pred: (d: CoreDiagnostic) => boolean = () => true) => after.some((d) => d.code === code && pred(d));

test('PL001: insert front-matter inferred from a scraped page (safe)', () => {
  const text = [
    '본문 바로가기 주메뉴 바로가기',
    '  1. 화면크기',
    '  2. ENGLISH',
    '외교부',
    '보도자료',
    '',
    '한국과 러시아의 협력: 새 국면',
    '',
    '부서명',
    '유럽국',
    '작성일',
    '2023-12-26',
    '',
    '    한국과 러시아는 조약을 논의하였다. 유엔헌장 참고 https://www.mofa.go.kr/a/view.do?seq=1',
    '',
  ].join('\n');
  const mentions = (t: string) => [
    mentionOf(t, '한국', ['kor'], 'country', 'alias', 1),
    mentionOf(t, '러시아', ['rus'], 'country', 'alias', 1),
    mentionOf(t, '유엔헌장', ['un-charter'], 'treaty'),
  ];
  const { fix, out, after } = applyFix(text, 'PL001', mentions);
  assert.equal(fix.safe, true);
  assert.equal(
    out,
    '---\ntitle: "한국과 러시아의 협력: 새 국면"\ndate: 2023-12-26\nsource: https://www.mofa.go.kr/a/view.do?seq=1\nlanguage: ko\nentities: [kor, rus]\ntreaties: [un-charter]\n---\n\n' + text,
  );
  assert.deepEqual(after.map((d) => d.code), []);
});

test('PL001: BOM and CRLF are kept; required fields without a value become placeholders', () => {
  const text = '\uFEFF# Title 🚀\r\nBody text.\r\n';
  const { out, after } = applyFix(text, 'PL001');
  assert.equal(out, '\uFEFF---\r\ntitle: Title 🚀\r\ndate: \r\nsource: \r\nlanguage: en\r\n---\r\n\r\n# Title 🚀\r\nBody text.\r\n');
  const doc = parseDocument(URI, out);
  assert.equal(doc.bom, 1);
  assert.equal(doc.frontMatter?.fields.get('title')?.value, 'Title 🚀');
  assert.ok(!has(after, 'PL001'));
  assert.deepEqual(after.map((d) => [d.code, d.data?.field]), [
    ['PL002', 'date'],
    ['PL002', 'source'],
  ]);
});

test('PL002: add the missing field with its inferred value after the last field', () => {
  const text = '---\ntitle: t\nexcerpt: >\n  긴 요약\n  두 줄\n\n---\n2021.08.17 13:08 입력 본문\n';
  const { out, after } = applyFix(text, 'PL002', undefined, { config: { requiredFields: ['title', 'date'] } });
  assert.equal(out, '---\ntitle: t\nexcerpt: >\n  긴 요약\n  두 줄\ndate: 2021-08-17\n\n---\n2021.08.17 13:08 입력 본문\n');
  assert.deepEqual(after, []);
});

test('PL002: quoted values, CRLF, and filling an empty field in place', () => {
  const text = '---\r\ntitle:\r\ndate: 2024-01-01\r\nsource: x\r\n---\r\n# 제목: 부제 #1\r\n';
  const { out, after } = applyFix(text, 'PL002');
  assert.equal(out, '---\r\ntitle: "제목: 부제 #1"\r\ndate: 2024-01-01\r\nsource: x\r\n---\r\n# 제목: 부제 #1\r\n');
  assert.deepEqual(after, []);
  assert.equal(parseDocument(URI, out).frontMatter?.data?.title, '제목: 부제 #1');
});

test('PL002: nothing inferred gives an empty placeholder', () => {
  const text = '---\ntitle: t\ndate: 2024-01-01\n---\n본문\n';
  const { fix, out, after } = applyFix(text, 'PL002');
  assert.equal(out, '---\ntitle: t\ndate: 2024-01-01\nsource: \n---\n본문\n');
  assert.equal(fix.isPreferred, false);
  // The field now exists; what is left is to fill it in.
  assert.ok(has(after, 'PL002', (d) => d.data?.field === 'source' && d.data?.empty === true));
});

test('PL002: into an unterminated or empty front-matter', () => {
  const empty = applyFix('---\n---\n# T\n', 'PL002', undefined, { config: { requiredFields: ['title'] } });
  assert.equal(empty.out, '---\ntitle: T\n---\n# T\n');
  assert.deepEqual(empty.after, []);
});

test('PL011: normalise the date (safe), quotes included', () => {
  const text = '---\ntitle: t\nsource: s\ndate: "2021. 8. 17."\n---\n';
  const { fix, out, after } = applyFix(text, 'PL011');
  assert.equal(fix.safe, true);
  assert.equal(out, '---\ntitle: t\nsource: s\ndate: 2021-08-17\n---\n');
  assert.deepEqual(after, []);
});

test('PL010: close the front-matter', () => {
  const text = '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\n\r\n본문이다.\r\n';
  const { out, after } = applyFix(text, 'PL010');
  assert.equal(out, '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\n---\r\n\r\n본문이다.\r\n');
  assert.deepEqual(after, []);
});

test('PL006: replace an unknown id with the closest known one (flow and block lists)', () => {
  const flow = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities: [kor, prkk]\n---\n', 'PL006');
  assert.equal(flow.out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities: [kor, prk]\n---\n');
  assert.deepEqual(flow.after, []);
  const block = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\ntreaties:\n  - "un-chartr"\n---\n', 'PL006');
  assert.equal(block.out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\ntreaties:\n  - un-charter\n---\n');
  assert.deepEqual(block.after, []);
});

test('PL006: move a misplaced instrument from entities to treaties', () => {
  const text = '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities:\n  - kor\n  - un-charter\ntreaties: [russia-dprk-treaty-2000]\n---\n';
  const { out, after } = applyFix(text, 'PL006');
  assert.equal(out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities:\n  - kor\ntreaties: [russia-dprk-treaty-2000, un-charter]\n---\n');
  assert.deepEqual(after, []);
  const flow = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\ntreaties: [kor, un-charter]\n---\n', 'PL006');
  assert.equal(flow.out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\ntreaties: [un-charter]\nentities: [kor]\n---\n');
  assert.deepEqual(flow.after, []);
});

test('PL007: replace an unresolved link with the closest id', () => {
  const { out, after } = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\n---\n참조 [[natoo|나토]]\n', 'PL007');
  assert.equal(out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\n---\n참조 [[nato|나토]]\n');
  assert.deepEqual(after, []);
});

test('PL009: add the id to an existing flow list, a block list, or a new list', () => {
  const mentions = (t: string) => [mentionOf(t, '러시아', ['rus'], 'country')];
  const head = '---\ntitle: t\ndate: 2024-01-01\nsource: s\n';
  const flow = applyFix(head + 'entities: [kor]\n---\n러시아\n', 'PL009', mentions);
  assert.equal(flow.out, head + 'entities: [kor, rus]\n---\n러시아\n');
  assert.deepEqual(flow.after, []);
  const emptyFlow = applyFix(head + 'entities: []\n---\n러시아\n', 'PL009', mentions);
  assert.equal(emptyFlow.out, head + 'entities: [rus]\n---\n러시아\n');
  const block = applyFix(head + 'entities:\n    - kor\n---\n러시아\n', 'PL009', mentions);
  assert.equal(block.out, head + 'entities:\n    - kor\n    - rus\n---\n러시아\n');
  assert.deepEqual(block.after, []);
  const absent = applyFix(head + '---\r\n러시아\n'.replace('\r', ''), 'PL009', mentions);
  assert.equal(absent.out, head + 'entities: [rus]\n---\n러시아\n');
  const blank = applyFix(head + 'entities:\n---\n러시아\n', 'PL009', mentions);
  assert.equal(blank.out, head + 'entities: [rus]\n---\n러시아\n');
  assert.deepEqual(blank.after, []);
});

test('PL004: a single value where a list belongs is wrapped', () => {
  const { out, after } = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\ncategories: News\n---\n', 'PL004');
  assert.equal(out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\ncategories: [News]\n---\n');
  assert.deepEqual(after, []);
});

test('source actions: insert front-matter when none; add all recognised ids at once', () => {
  const ctx = fakeContext();
  const bare = '# 제목\n러시아\n';
  const none = sourceActions(parseDocument(URI, bare), [mentionOf(bare, '러시아', ['rus'], 'country')], ctx);
  assert.deepEqual(none.map((f) => [f.kind, f.fixes]), [['source', ['PL001']]]);

  const text = '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities:\n  - kor\n---\n한국 러시아 문재인 유엔헌장 한국\n';
  const mentions = [
    mentionOf(text, '한국', ['kor'], 'country'),
    mentionOf(text, '러시아', ['rus'], 'country'),
    mentionOf(text, '문재인', ['moon-jae-in'], 'person'),
    mentionOf(text, '유엔헌장', ['un-charter'], 'treaty'),
  ];
  const actions = sourceActions(parseDocument(URI, text), mentions, ctx);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Add recognised entities to front-matter (3)');
  const out = apply(text, actions[0]);
  assert.equal(out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities:\n  - kor\n  - rus\n  - moon-jae-in\ntreaties: [un-charter]\n---\n한국 러시아 문재인 유엔헌장 한국\n');
  assert.deepEqual(checkDocument(parseDocument(URI, out), mentions, ctx), []);
  assert.deepEqual(sourceActions(parseDocument(URI, out), mentions, ctx), []);
});

test('no fix where nothing can be done', () => {
  const ctx = fakeContext();
  const text = '---\ntitle: t\ndate: 2024-01-01\nsource: s\nentities: [zzzzzzzz]\n---\n';
  const doc = parseDocument(URI, text);
  const d = checkDocument(doc, [], ctx).find((x) => x.code === 'PL006')!;
  assert.deepEqual(fixesFor(doc, [], d, ctx), []);
});

test('PL001 on an empty file and on a text that starts with a blank line', () => {
  const empty = applyFix('', 'PL001');
  assert.equal(empty.out, '---\ntitle: \ndate: \nsource: \n---\n');
  assert.ok(!has(empty.after, 'PL001') && !has(empty.after, 'PL005'));
  const blank = applyFix('\nJuly 19, 2000\n', 'PL001');
  assert.equal(blank.out, '---\ntitle: \ndate: 2000-07-19\nsource: \nlanguage: en\n---\n\nJuly 19, 2000\n');
});

test('long lists are written one item per line (CRLF kept); short ones inline', () => {
  const names = ['한국', '러시아', '토카예프', '북대서양조약기구', '외교부'];
  const ids = ['kor', 'rus', 'kassym-jomart-tokayev', 'nato', 'kor-ministry-of-foreign-affairs'];
  const body = names.join(' ') + ' 유엔헌장\r\n';
  const text = '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\n---\r\n' + body;
  const mentions = (t: string) => [...names.map((n, i) => mentionOf(t, n, [ids[i]], i === 3 ? 'organization' : i === 4 ? 'ministry' : i === 2 ? 'person' : 'country')), mentionOf(t, '유엔헌장', ['un-charter'], 'treaty')];
  const ctx = fakeContext();
  const [action] = sourceActions(parseDocument(URI, text), mentions(text), ctx);
  const out = apply(text, action);
  assert.equal(out, '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\nentities:\r\n  - kor\r\n  - rus\r\n  - kassym-jomart-tokayev\r\n  - nato\r\n  - kor-ministry-of-foreign-affairs\r\ntreaties: [un-charter]\r\n---\r\n' + body);
  assert.deepEqual(checkDocument(parseDocument(URI, out), mentions(out), ctx), []);
  // The block PL001 inserts writes such a list the same way.
  const bare = '# 제목\n' + body;
  const inserted = applyFix(bare, 'PL001', mentions);
  assert.ok(inserted.out.includes('entities:\n  - kor\n  - rus\n'), inserted.out);
  assert.deepEqual(inserted.after.map((d) => d.code), ['PL002', 'PL002']);
});

test('PL005 duplicate key: remove the second entry, its continuation lines included', () => {
  const text = '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\ndate:\r\n  - 2024-02-02\r\n  - x\r\ntags: [a]\r\n---\r\n';
  const { out, after, fix } = applyFix(text, 'PL005');
  assert.equal(fix.title, "Remove the second 'date' entry (the first one is used)");
  assert.equal(out, '---\r\ntitle: t\r\ndate: 2024-01-01\r\nsource: s\r\ntags: [a]\r\n---\r\n');
  assert.deepEqual(after, []);
  const last = applyFix('---\ntitle: t\ndate: 2024-01-01\nsource: s\ntitle: >\n  long\n---\nbody\n', 'PL005');
  assert.equal(last.out, '---\ntitle: t\ndate: 2024-01-01\nsource: s\n---\nbody\n');
  // Inside a flow mapping there is no line to remove.
  const ctx = fakeContext();
  const flow = parseDocument(URI, '---\ntitle: t\ndate: 2024-01-01\nsource: s\nx: {a: 1, a: 2}\n---\n');
  const d = checkDocument(flow, [], ctx).find((x) => x.code === 'PL005')!;
  assert.deepEqual(fixesFor(flow, [], d, ctx), []);
});
