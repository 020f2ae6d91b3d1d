import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSummaryMessage, entityDescription, entityLabel, indexStateText } from '../../../client/src/format';

test('entity index labels carry both names, so the quick pick matches Korean or English input', () => {
  const label = entityLabel({ id: 'prk', nameKo: '북한', nameEn: 'North Korea' });
  assert.equal(label, '북한 / North Korea');
  assert.ok(label.includes('북한') && label.includes('North Korea'));
  assert.equal(entityDescription({ id: 'prk', kind: 'country' }), 'prk · country');
});

test('an entity with one name or none is still listed by what it has', () => {
  assert.equal(entityLabel({ id: 'nato', nameEn: 'NATO' }), 'NATO');
  assert.equal(entityLabel({ id: 'x-1', nameKo: ' ', nameEn: '' }), 'x-1');
  assert.equal(entityLabel({ id: 'un', nameKo: 'UN', nameEn: 'UN' }), 'UN');
});

test('check summary counts every severity, with singulars and thousands separators', () => {
  assert.equal(
    checkSummaryMessage({ documents: 1234, errors: 1, warnings: 2, infos: 0 }),
    'Policy Lens checked 1,234 documents: 1 error, 2 warnings, 0 infos.',
  );
  assert.equal(checkSummaryMessage({ documents: 1, errors: 0, warnings: 0, infos: 0 }), 'Policy Lens checked 1 document: no problems.');
});

test('status bar text follows the index state', () => {
  assert.match(indexStateText({ state: 'indexing', documents: 0, entities: 0, instruments: 0 }).text, /sync~spin.*indexing/);
  const ready = indexStateText({ state: 'ready', documents: 1234, entities: 567, instruments: 89 });
  assert.equal(ready.text, '$(book) 1,234 docs · 567 entities');
  assert.match(ready.tooltip, /89 treaties and other instruments/);
});
