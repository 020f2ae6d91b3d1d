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
