import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { KbRecord } from '../../../server/src/core/kb/record';
import { checkDocument } from '../../../server/src/core/rules/checkDocument';
import { fakeContext, mentionOf } from './fakeContext';

const text = '---\ntitle: 제목\ndate: 2024-01-02\nsource: https://example.org/a\nentities: [kor]\n---\n러시아와 한국, 가상국\n';
const doc = () => parseDocument('file:///ws/a.md', text);
const kbOf = (record: KbRecord) => new KnowledgeBase([{ record, origin: { uri: 'builtin:kb.yaml', idSpan: { start: 0, end: 0 }, builtin: true } }]);
const unlisted = (kb: KnowledgeBase | undefined, mentions = [mentionOf(text, '러시아', ['rus'], 'country')]) => {
  const ctx = fakeContext();
  return checkDocument(doc(), mentions, kb ? { ...ctx, kb } : ctx)
    .filter((d) => d.code === 'PL009')
    .map((d) => [d.message, d.data]);
};

test('PL009 messages follow the knowledge base in use: a record renamed or turned into a treaty reads anew', () => {
  // The message of a record is shared across documents; a new knowledge base (a user edit) must not reuse it.
  assert.deepEqual(unlisted(undefined), [["'러시아' (rus) is mentioned but not listed in 'entities'.", { id: 'rus', field: 'entities' }]]);
  assert.deepEqual(unlisted(kbOf({ id: 'rus', kind: 'country', name: { en: 'Russian Federation' } })), [
    ["'Russian Federation' (rus) is mentioned but not listed in 'entities'.", { id: 'rus', field: 'entities' }],
  ]);
  assert.deepEqual(unlisted(kbOf({ id: 'rus', kind: 'treaty', name: { ko: '가상 조약' } })), [
    ["'가상 조약' (rus) is mentioned but not listed in 'treaties'.", { id: 'rus', field: 'treaties' }],
  ]);
});

test('PL009 for an id without a record: the label and list come from each mention, not from an earlier one', () => {
  const first = unlisted(undefined, [mentionOf(text, '가상국', ['fictional'], 'country')]);
  const second = unlisted(undefined, [mentionOf(text, '한국', ['fictional'], 'treaty')]);
  assert.deepEqual(first, [["'가상국' (fictional) is mentioned but not listed in 'entities'.", { id: 'fictional', field: 'entities' }]]);
  assert.deepEqual(second, [["'한국' (fictional) is mentioned but not listed in 'treaties'.", { id: 'fictional', field: 'treaties' }]]);
});

test('PL009 once per id and document, in every document, whatever the length of the front-matter list', () => {
  const body = '러시아와 북한, 다시 러시아와 북한\n';
  const docWith = (entities: string[]) => parseDocument('file:///ws/b.md', `---\ntitle: t\ndate: 2024-01-02\nsource: s\nentities: [${entities.join(', ')}]\n---\n${body}`);
  const mentions = (d: ReturnType<typeof docWith>) =>
    [0, 1].flatMap((n) => [mentionOf(d.text, '러시아', ['rus'], 'country', 'alias', n), mentionOf(d.text, '북한', ['prk'], 'country', 'alias', n)]).sort((a, b) => a.span.start - b.span.start);
  const reported = (entities: string[]) => {
    const d = docWith(entities);
    return checkDocument(d, mentions(d), fakeContext())
      .filter((x) => x.code === 'PL009')
      .map((x) => `${x.data!.id}@${x.span.start - d.text.indexOf(body)}`);
  };
  // The same document twice: each check reports each unlisted id at its first mention.
  assert.deepEqual(reported(['kor']), ['rus@0', 'prk@5']);
  assert.deepEqual(reported(['kor']), ['rus@0', 'prk@5']);
  assert.deepEqual(reported(['rus']), ['prk@5']);
  // A long list (looked up through a Set) and a short one answer alike.
  const long = Array.from({ length: 40 }, (_, i) => `x${i}`);
  assert.deepEqual(reported(['prk', ...long]), ['rus@0']);
  assert.deepEqual(reported([...long, 'prk']), ['rus@0']);
  assert.deepEqual(reported(long), ['rus@0', 'prk@5']);
});
