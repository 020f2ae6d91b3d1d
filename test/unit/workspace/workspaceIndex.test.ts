import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type PolicyLensConfig } from '../../../server/src/core/config/config';
import { discoverFiles } from '../../../server/src/core/workspace/discover';
import { loadWorkspace } from '../../../server/src/core/workspace/loadWorkspace';
import { pathToUri } from '../../../server/src/core/workspace/uri';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspaceIndex';
import { asBuiltin, NORTH_KOREA, RUSSIA } from './fixtures';

/** A tiny built-in base written for these tests. */
const builtin = asBuiltin([NORTH_KOREA, RUSSIA, { id: 'nato', kind: 'organization', name: { ko: '북대서양조약기구', en: 'NATO' } }]);

const config = (over: Partial<PolicyLensConfig> = {}): PolicyLensConfig => ({ ...DEFAULT_CONFIG, requiredFields: ['title'], ...over });
const ROOT = 'file:///ws';
const doc = (body: string, fm = 'title: t') => `---\n${fm}\n---\n${body}\n`;

function workspace(files: Record<string, string>) {
  const index = new WorkspaceIndex({ config: config(), builtin, roots: [ROOT] });
  index.setMany(Object.entries(files).map(([p, text]) => ({ uri: `${ROOT}/${p}`, text })));
  return index;
}
const codes = (index: WorkspaceIndex, p: string) => index.document(`${ROOT}/${p}`)!.diagnostics.map((d) => d.code);

describe('WorkspaceIndex', () => {
  it('classifies kb files by the kb globs and documents by the include globs', () => {
    const index = workspace({});
    assert.equal(index.classify(`${ROOT}/kb/people.yaml`), 'kb');
    assert.equal(index.classify(`${ROOT}/notes/a.md`), 'document');
    assert.equal(index.classify(`${ROOT}/notes/a.txt`), 'document');
    assert.equal(index.classify(`${ROOT}/node_modules/x/readme.md`), 'other');
    assert.equal(index.classify(`${ROOT}/image.png`), 'other');
  });

  it('resolves an id listed in front-matter to a workspace kb record, and reports it when the kb file goes', () => {
    const index = workspace({
      'kb/extra.yaml': '- id: ip4\n  kind: organization\n  name: { ko: 인태 파트너국, en: IP4 }\n',
      'a.md': doc('본문', 'title: t\nentities: [ip4]'),
    });
    assert.ok(!codes(index, 'a.md').includes('PL006'));
    assert.deepEqual(index.definition('ip4')?.uri, `${ROOT}/kb/extra.yaml`);
    const { changed } = index.remove(`${ROOT}/kb/extra.yaml`);
    assert.ok(changed.includes(`${ROOT}/a.md`), 'the dependent document is re-published');
    assert.ok(codes(index, 'a.md').includes('PL006'));
  });

  it('prefers the workspace definition of an id over the built-in one', () => {
    const index = workspace({ 'kb/mine.yaml': '- id: prk\n  kind: country\n  name: { ko: 북한, en: DPRK }\n' });
    assert.equal(index.definition('prk')?.uri, `${ROOT}/kb/mine.yaml`);
    assert.equal(index.definition('rus')?.uri, 'file:///builtin/kb.yaml');
    assert.equal(index.kb.record('prk')?.name.en, 'DPRK');
  });

  it('reports an id defined twice in the workspace, pointing at the other place', () => {
    const index = workspace({
      'kb/a.yaml': '- id: quad\n  kind: organization\n  name: { ko: 쿼드, en: Quad }\n',
      'kb/b.yaml': '- id: quad\n  kind: organization\n  name: { ko: 쿼드, en: Quad }\n',
    });
    const dup = index.document(`${ROOT}/kb/a.yaml`)!.diagnostics.find((d) => d.code === 'PL008');
    assert.ok(dup);
    assert.equal(dup!.related?.[0].uri, `${ROOT}/kb/b.yaml`);
  });

  it('an extension adds to a record without counting as a duplicate; an orphan extension is reported', () => {
    const index = workspace({
      'kb/a.yaml': '- id: quad\n  kind: organization\n  name: { ko: 쿼드, en: Quad }\n',
      'kb/b.yaml': '- id: quad\n  extends: true\n  aliases: { ko: [안보 협의체 쿼드] }\n- id: nowhere\n  extends: true\n  aliases: { en: [Nowhere] }\n',
      'a.md': doc('안보 협의체 쿼드 회의'),
    });
    assert.deepEqual(codes(index, 'kb/a.yaml'), []);
    assert.deepEqual(codes(index, 'kb/b.yaml'), ['PL012']);
    assert.ok(index.document(`${ROOT}/a.md`)!.mentions.some((m) => m.ids.includes('quad')));
  });

  it('finds references across documents: mentions, links and front-matter lists', () => {
    const index = workspace({
      'a.md': doc('북한의 입장과 [[prk]] 링크', 'title: a\nentities: [prk]'),
      'b.md': doc('North Korea said'),
      'c.md': doc('러시아만 나옴'),
    });
    const refs = index.references('prk', false);
    const byDoc = new Map<string, string[]>();
    for (const r of refs) byDoc.set(r.uri, [...(byDoc.get(r.uri) ?? []), r.kind]);
    assert.deepEqual(byDoc.get(`${ROOT}/a.md`)?.sort(), ['front-matter', 'link', 'mention']);
    assert.deepEqual(byDoc.get(`${ROOT}/b.md`), ['mention']);
    assert.equal(byDoc.has(`${ROOT}/c.md`), false);
    assert.deepEqual(index.documentsMentioning('prk').map((d) => d.info.uri).sort(), [`${ROOT}/a.md`, `${ROOT}/b.md`]);
  });

  it('reports every file it loaded as changed, so the server publishes them all', () => {
    const index = workspace({});
    const { changed } = index.setMany([{ uri: `${ROOT}/a.md`, text: doc('북한') }, { uri: `${ROOT}/b.md`, text: doc('러시아') }]);
    assert.deepEqual([...changed].sort(), [`${ROOT}/a.md`, `${ROOT}/b.md`]);
  });

  it('re-analyses only the edited document when its identity does not change', () => {
    const index = workspace({ 'a.md': doc('북한'), 'b.md': doc('러시아') });
    const before = index.document(`${ROOT}/b.md`);
    const { changed } = index.setText(`${ROOT}/a.md`, doc('북한과 러시아'));
    assert.deepEqual(changed, [`${ROOT}/a.md`]);
    assert.equal(index.document(`${ROOT}/b.md`), before, 'b.md keeps its analysis');
  });

  it('resolves related: ids to documents and updates when the target document appears', () => {
    const index = workspace({ 'a.md': doc('x', 'title: a\nrelated: [report-b]') });
    assert.ok(codes(index, 'a.md').includes('PL006'));
    const { changed } = index.setText(`${ROOT}/b.md`, doc('y', 'title: b\nid: report-b'));
    assert.ok(changed.includes(`${ROOT}/a.md`));
    assert.ok(!codes(index, 'a.md').includes('PL006'));
    assert.equal(index.documentsWithId('report-b')[0].uri, `${ROOT}/b.md`);
  });

  it('a definition note is a record: its aliases are recognised in other documents', () => {
    const index = workspace({
      'notes/ip4.md': doc('notes', 'id: ip4\nkind: organization\nname: { ko: 인태 파트너국, en: IP4 }'),
      'a.md': doc('인태 파트너국 정상들이 만났다'),
    });
    const a = index.document(`${ROOT}/a.md`)!;
    assert.ok(a.mentions.some((m) => m.ids.includes('ip4')));
    assert.equal(index.definition('ip4')?.uri, `${ROOT}/notes/ip4.md`);
    // Its front-matter is a record, not document metadata: no required-field or list-type complaints.
    assert.deepEqual(codes(index, 'notes/ip4.md'), []);
  });

  it('a definition note with an invalid record reports it, and contributes nothing', () => {
    const index = workspace({ 'notes/bad.md': doc('notes', 'id: bad\nkind: planet\nname: { ko: 나쁜, en: Bad }') });
    assert.ok(codes(index, 'notes/bad.md').includes('PL012'));
    assert.equal(index.kb.has('bad'), false);
  });

  it('finds the target under a position: front-matter key, front-matter id and mention', () => {
    const text = doc('북한의 발표', 'title: t\nentities: [prk]');
    const index = workspace({ 'a.md': text });
    const uri = `${ROOT}/a.md`;
    assert.equal(index.targetAt(uri, text.indexOf('entities') + 2)?.type, 'front-matter-key');
    const id = index.targetAt(uri, text.indexOf('prk') + 1);
    assert.deepEqual(id?.type === 'front-matter-id' && id.id, 'prk');
    const m = index.targetAt(uri, text.indexOf('북한') + 1);
    assert.ok(m?.type === 'mention' && m.mention.ids.includes('prk'));
  });
});

describe('"did you mean" when a document id appears', () => {
  const message = (index: WorkspaceIndex, p: string) => index.document(`${ROOT}/${p}`)!.diagnostics.find((d) => d.code === 'PL006')?.message;

  it('a new id near an unknown one changes its suggestion; a far one re-analyses nothing', () => {
    const index = workspace({ 'a.md': doc('본문', 'title: t\nrelated: [eastsea-pakt]'), 'b.md': doc('본문', 'title: b\nrelated: [zzz-unrelated-quux]') });
    assert.doesNotMatch(message(index, 'a.md')!, /Did you mean/);
    const far = index.setText(`${ROOT}/far.md`, doc('본문', 'title: f\nid: completely-different-note'));
    assert.deepEqual(far.changed, [`${ROOT}/far.md`], 'no file has an id within suggestion distance');
    const near = index.setText(`${ROOT}/pact.md`, doc('본문', 'title: p\nid: eastsea-pact'));
    assert.deepEqual(near.changed.sort(), [`${ROOT}/a.md`, `${ROOT}/pact.md`]);
    assert.match(message(index, 'a.md')!, /Did you mean 'eastsea-pact'\?/);
    // And when it goes again, the suggestion goes with it.
    assert.ok(index.remove(`${ROOT}/pact.md`).changed.includes(`${ROOT}/a.md`));
    assert.doesNotMatch(message(index, 'a.md')!, /Did you mean/);
  });
});

describe('sliced analysis of huge documents', () => {
  const big = doc('북한의 발표와 러시아의 입장. '.repeat(20_000));

  it('yields between slices, leaves cross-file answers unblocked, and equals the one-step analysis', async () => {
    const index = workspace({ 'big.md': big, 'small.md': doc('북한') });
    const uri = `${ROOT}/big.md`;
    assert.equal(index.needsSlicedAnalysis(uri), true);
    let pauses = 0;
    let seenDuring: string[] = [];
    const result = await index.documentInSlices(uri, async () => {
      pauses++;
      if (pauses === 1) seenDuring = index.documentsMentioning('prk').map((d) => d.info.uri);
    });
    assert.ok(pauses > 3, `paused ${pauses} times`);
    assert.deepEqual(seenDuring, [`${ROOT}/small.md`], 'the huge document is not analysed while another answer is computed');
    const oneStep = workspace({ 'big.md': big }).document(uri)!;
    assert.equal(result!.mentions.length, oneStep.mentions.length);
    assert.deepEqual(result!.diagnostics.map((d) => d.code), oneStep.diagnostics.map((d) => d.code));
    assert.equal(index.needsSlicedAnalysis(uri), false);
  });

  it("a huge document's id counts before its body is parsed", () => {
    const huge = doc('북한의 발표. '.repeat(40_000), 'title: 큰 보고서\nid: huge-report');
    const index = workspace({ 'huge.md': huge, 'a.md': doc('x', 'title: a\nrelated: [huge-report]') });
    assert.ok(!codes(index, 'a.md').includes('PL006'));
    assert.equal(index.needsSlicedAnalysis(`${ROOT}/huge.md`), true, 'the huge document is still waiting for analysis');
    assert.equal(index.document(`${ROOT}/huge.md`)!.title, '큰 보고서');
  });

  it('starts over when the text changes between slices', async () => {
    const index = workspace({ 'big.md': big });
    const uri = `${ROOT}/big.md`;
    const edited = big.replace('북한의', '러시아의');
    let pauses = 0;
    const result = await index.documentInSlices(uri, async () => {
      if (++pauses === 2) index.setText(uri, edited);
    });
    assert.equal(result!.parsed.text, edited);
    assert.equal(result!.mentions.filter((m) => m.ids.includes('prk')).length, 19_999);
  });
});

describe('discovery on disk', () => {
  it('honours include, exclude and .gitignore, refuses kb globs outside the root, survives a symlink loop', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pl-ws-'));
    try {
      for (const d of ['docs', 'node_modules/pkg', 'build', 'kb', 'loop']) mkdirSync(path.join(root, d), { recursive: true });
      writeFileSync(path.join(root, 'docs/a.md'), doc('북한'));
      writeFileSync(path.join(root, 'docs/b.txt'), '러시아');
      writeFileSync(path.join(root, 'docs/c.pdf'), 'x');
      writeFileSync(path.join(root, 'node_modules/pkg/readme.md'), 'x');
      writeFileSync(path.join(root, 'build/out.md'), 'x');
      writeFileSync(path.join(root, '.gitignore'), 'build/\n');
      writeFileSync(path.join(root, 'kb/x.yaml'), '- id: x\n  kind: country\n  name: { ko: 엑스, en: X }\n');
      symlinkSync(root, path.join(root, 'loop/again'));
      const found = await discoverFiles(root, config({ kbGlobs: ['kb/**/*.yaml', '../outside/**/*.yaml', '/etc/**'] }));
      const rel = (ps: string[]) => ps.map((p) => path.relative(root, p)).sort();
      assert.deepEqual(rel(found.documents), ['docs/a.md', 'docs/b.txt']);
      assert.deepEqual(rel(found.kbFiles), ['kb/x.yaml']);
      assert.deepEqual(found.refusedGlobs, ['../outside/**/*.yaml', '/etc/**']);
      const ws = await loadWorkspace([root], config(), builtin);
      assert.equal(ws.index.kb.has('x'), true);
      assert.ok(ws.index.document(pathToUri(path.join(root, 'docs/a.md')))!.mentions.some((m) => m.ids.includes('prk')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
