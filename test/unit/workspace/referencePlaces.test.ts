import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { unchangedReferenceIds } from '../../../server/src/core/workspace/referencePlaces';
import { summarize } from '../../../server/src/core/workspace/summary';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspaceIndex';
import { asBuiltin, NORTH_KOREA, RUSSIA } from './fixtures';

const builtin = asBuiltin([NORTH_KOREA, RUSSIA]);
const ROOT = 'file:///ws';
const A = `${ROOT}/a.md`;
const TEXT = '---\ntitle: t\nentities: [rus]\n---\n북한과 러시아가 만났다. 북한은 발표했다.\n';

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex({ config: { ...DEFAULT_CONFIG, requiredFields: [] }, builtin, roots: [ROOT] });
  index.setMany([
    { uri: A, text: TEXT },
    { uri: `${ROOT}/b.md`, text: '러시아 대표단.\n' },
  ]);
  return index;
}

describe('reference places across re-analyses', () => {
  it('a document and its summary refer to the same ids in the same places', () => {
    const doc = workspace().document(A)!;
    const ids = unchangedReferenceIds(doc, summarize(doc, false));
    assert.deepEqual([...ids].sort(), ['prk', 'rus']);
  });

  it('opening a document with the text on disk keeps the cached references of its ids', () => {
    const index = workspace();
    index.document(A);
    const [prk, rus] = [index.referencesKey('prk'), index.referencesKey('rus')];
    index.setText(A, TEXT, 2);
    index.document(A);
    assert.equal(index.referencesKey('prk'), prk);
    assert.equal(index.referencesKey('rus'), rus);
  });

  it('an edit that moves a mention to the next line without changing any offset drops only that id', () => {
    const index = workspace();
    index.document(A);
    const [prk, rus] = [index.referencesKey('prk'), index.referencesKey('rus')];
    const before = index.references('prk', false).map((r) => index.lines(r.uri)!.rangeOf(r.span).start);
    // The space before the second 북한 becomes a line break: same length, same offsets, another line.
    const moved = TEXT.replace('다. 북한은', '다.\n북한은');
    assert.equal(moved.length, TEXT.length);
    index.setText(A, moved, 2);
    index.document(A);
    assert.notEqual(index.referencesKey('prk'), prk);
    assert.equal(index.referencesKey('rus'), rus, 'rus is in the same places, lines and characters');
    const after = index.references('prk', false).map((r) => index.lines(r.uri)!.rangeOf(r.span).start);
    assert.deepEqual(before[1], { line: 4, character: 14 });
    assert.deepEqual(after[1], { line: 5, character: 0 });
    assert.deepEqual(after[0], before[0]);
  });

  it('an edit that removes a mention drops the id even when the other places stay', () => {
    const index = workspace();
    index.document(A);
    const rus = index.referencesKey('rus');
    index.setText(A, TEXT.replace('북한과 러시아가', '북한과 그들이'), 2);
    index.document(A);
    assert.notEqual(index.referencesKey('rus'), rus);
    assert.equal(index.references('rus', false).filter((r) => r.uri === A).length, 1, 'the front-matter item only');
  });
});
