import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyExtensions, extendRecord } from '../../../server/src/core/kb/extend';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { KbRecord, LoadedRecord } from '../../../server/src/core/kb/record';

const loaded = (record: KbRecord, uri: string, builtin = false): LoadedRecord => ({
  record,
  origin: { uri, idSpan: { start: 0, end: record.id.length }, builtin },
});

const base: KbRecord = {
  id: 'kor',
  kind: 'country',
  name: { ko: '대한민국', en: 'South Korea' },
  aliases: { ko: ['한국'], en: ['ROK'] },
  short: ['한'],
  facts: { capital: 'Seoul' },
  source: 'https://example.org/a',
};

test('an extension unites lists, merges names and facts per key, replaces scalars, keeps kind', () => {
  const ext: KbRecord = {
    id: 'kor',
    extends: true,
    name: { en: 'Republic of Korea' },
    aliases: { ko: ['남한', '한국'] },
    short: ['남'],
    facts: { note: 'mine' },
    source: 'https://example.org/b',
  } as unknown as KbRecord;
  const merged = extendRecord(base, ext);
  assert.equal(merged.kind, 'country');
  assert.deepEqual(merged.name, { ko: '대한민국', en: 'Republic of Korea' });
  assert.deepEqual(merged.aliases, { ko: ['한국', '남한'], en: ['ROK'] });
  assert.deepEqual(merged.short, ['한', '남']);
  assert.deepEqual(merged.facts, { capital: 'Seoul', note: 'mine' });
  assert.equal(merged.source, 'https://example.org/b');
  assert.equal(merged.extends, undefined);
  // The base record is not mutated (built-in records are shared between knowledge bases).
  assert.deepEqual(base.aliases, { ko: ['한국'], en: ['ROK'] });
});

test('applyExtensions folds extensions into the record before them and reports orphans', () => {
  const ext = loaded({ id: 'kor', extends: true, short: ['남'] } as KbRecord, 'file:///ws/kb/a.yaml');
  const orphan = loaded({ id: 'nowhere', extends: true, short: ['x'] } as KbRecord, 'file:///ws/kb/a.yaml');
  const { records, orphans } = applyExtensions([loaded(base, 'file:///builtin.yaml', true), ext, orphan]);
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].record.short, ['한', '남']);
  assert.equal(records[0].origin.uri, 'file:///builtin.yaml', 'the merged record keeps the definition it extends');
  assert.deepEqual(orphans.map((o) => o.record.id), ['nowhere']);
});

test('KnowledgeBase: a workspace record overrides the built-in one; an extension adds to it', () => {
  const override = loaded({ id: 'kor', kind: 'country', name: { en: 'Korea (mine)' } }, 'file:///ws/kb/o.yaml');
  const kb = new KnowledgeBase([loaded(base, 'file:///builtin.yaml', true), override]);
  assert.deepEqual(kb.record('kor')?.name, { en: 'Korea (mine)' });
  assert.equal(kb.record('kor')?.aliases, undefined, 'an override replaces the record whole');
  assert.equal(kb.builtinOf('kor')?.origin.uri, 'file:///builtin.yaml');
  assert.equal(kb.definitions('kor').length, 2);

  const ext = loaded({ id: 'kor', extends: true, aliases: { ko: ['남한'] } } as KbRecord, 'file:///ws/kb/e.yaml');
  const orphan = loaded({ id: 'ghost', extends: true } as KbRecord, 'file:///ws/kb/e.yaml');
  const kb2 = new KnowledgeBase([loaded(base, 'file:///builtin.yaml', true), ext, orphan]);
  assert.deepEqual(kb2.record('kor')?.aliases?.ko, ['한국', '남한']);
  assert.equal(kb2.get('kor')?.origin.uri, 'file:///builtin.yaml');
  assert.deepEqual(kb2.definitions('kor').map((d) => d.origin.uri), ['file:///builtin.yaml', 'file:///ws/kb/e.yaml']);
  assert.ok(kb2.definitions('kor').every((d) => d.record.kind === 'country'), 'every definition is a full record');
  assert.equal(kb2.has('ghost'), false);
  assert.deepEqual(kb2.orphanExtensions.map((o) => o.record.id), ['ghost']);
});
