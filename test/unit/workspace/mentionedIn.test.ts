import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspaceIndex';
import { asBuiltin, NORTH_KOREA, RUSSIA } from './fixtures';

/** A tiny built-in base written for these tests. */
const builtin = asBuiltin([NORTH_KOREA, RUSSIA]);

const ROOT = 'file:///ws';
const doc = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\n---\n${body}\n`;

function workspace() {
  const index = new WorkspaceIndex({ config: DEFAULT_CONFIG, builtin, roots: [ROOT] });
  index.setMany([
    { uri: `${ROOT}/a.md`, text: doc('A', '2024-01-01', '북한의 발표') },
    { uri: `${ROOT}/b.md`, text: doc('B', '2024-03-01', '러시아와 북한') },
    { uri: `${ROOT}/c.md`, text: doc('C', '2023-05-01', 'Russia only') },
  ]);
  return index;
}
const listed = (index: WorkspaceIndex, id: string) => index.documentsMentioning(id).map((d) => `${d.info.title}@${d.firstMention.start}`);

describe('"mentioned in" lists', () => {
  it('are built for every id in one pass, most recent first, with the first mention of each document', () => {
    const index = workspace();
    index.warmMentioning();
    assert.deepEqual(listed(index, 'prk'), ['B@39', 'A@34']);
    assert.deepEqual(listed(index, 'rus'), ['B@34', 'C@34']);
  });

  it('survive an edit that changes nothing they show (opening a document sends its text again)', () => {
    const index = workspace();
    const before = index.documentsMentioning('prk');
    index.setText(`${ROOT}/a.md`, doc('A', '2024-01-01', '북한의 발표'), 2);
    assert.equal(index.documentsMentioning('prk'), before, 'the same list, not rebuilt');
    index.setText(`${ROOT}/c.md`, doc('C', '2023-05-01', 'Russia only, still'), 2);
    assert.equal(index.documentsMentioning('prk'), before, 'an edit elsewhere leaves it alone');
  });

  it('follow a new title or date, a moved or removed mention, and a removed file', () => {
    const index = workspace();
    index.warmMentioning();
    index.setText(`${ROOT}/a.md`, doc('A2', '2025-01-01', '북한의 발표'), 2);
    assert.deepEqual(listed(index, 'prk'), ['A2@35', 'B@39']);
    index.setText(`${ROOT}/a.md`, doc('A2', '2025-01-01', '오늘 북한의 발표'), 3);
    assert.deepEqual(listed(index, 'prk'), ['A2@38', 'B@39']);
    index.setText(`${ROOT}/b.md`, doc('B', '2024-03-01', '러시아만'), 2);
    assert.deepEqual(listed(index, 'prk'), ['A2@38']);
    assert.deepEqual(listed(index, 'rus'), ['B@34', 'C@34']);
    index.remove(`${ROOT}/c.md`);
    assert.deepEqual(listed(index, 'rus'), ['B@34']);
  });

  it('share their cached reference lists until a document referring to the id changes', () => {
    const index = workspace();
    const refs = index.references('prk', false);
    assert.deepEqual(refs.map((r) => `${r.uri.slice(-4)}@${r.span.start}`), ['a.md@34', 'b.md@39']);
    index.setText(`${ROOT}/c.md`, doc('C', '2023-05-01', 'Russia only, still'), 2);
    assert.equal(index.references('prk', false), refs, 'an edit elsewhere leaves it alone');
    index.setText(`${ROOT}/c.md`, doc('C', '2023-05-01', 'Russia and North Korea'), 3);
    assert.deepEqual(index.references('prk', false).map((r) => `${r.uri.slice(-4)}@${r.span.start}`), ['a.md@34', 'b.md@39', 'c.md@45']);
    index.remove(`${ROOT}/a.md`);
    assert.deepEqual(index.references('prk', false).map((r) => r.uri.slice(-4)), ['b.md', 'c.md']);
  });
});
