// The workspace on disk misbehaving: files deleted or unreadable while being indexed, symlink loops, symlinks
// and kb globs pointing outside the workspace, binary and oversized files.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_CONFIG, type PolicyLensConfig } from '../../../server/src/core/config/config';
import { discoverFiles } from '../../../server/src/core/workspace/discover';
import { loadWorkspace, MAX_FILE_BYTES, readText } from '../../../server/src/core/workspace/loadWorkspace';
import { pathToUri } from '../../../server/src/core/workspace/uri';
import { builtinRecords } from './helpers';

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'pl-robust-fs-')));
after(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh workspace folder beside an `outside` folder holding things the server must never read. */
function workspace(files: Record<string, string | Buffer>): { root: string; outside: string } {
  const dir = path.join(base, `case${n++}`);
  const root = path.join(dir, 'ws');
  const outside = path.join(dir, 'outside');
  mkdirSync(root, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: secret\n---\n외부 비밀 문서\n');
  writeFileSync(path.join(outside, 'records.yaml'), '- id: outside-record\n  kind: country\n  name: {en: Outside}\n');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return { root, outside };
}

const config = (over: Partial<PolicyLensConfig> = {}): PolicyLensConfig => ({ ...DEFAULT_CONFIG, ...over });
const rel = (root: string, uris: string[]) => uris.map((u) => path.relative(root, new URL(u).pathname)).sort();
const isRoot = process.getuid?.() === 0;

describe('files that go away or cannot be read', () => {
  it('a file deleted between listing and reading is reported unreadable; the rest is indexed', async () => {
    const { root } = workspace({ 'a.md': '---\ntitle: a\n---\n북한\n', 'b.md': '---\ntitle: b\n---\n러시아\n', 'c.md': 'c' });
    let deleted = false;
    // loadWorkspace asks isCancelled() right before each read: the first call is after listing, before reading.
    const loaded = await loadWorkspace([root], config(), builtinRecords(), undefined, () => {
      if (!deleted) {
        deleted = true;
        unlinkSync(path.join(root, 'b.md'));
      }
      return false;
    });
    assert.deepEqual(rel(root, loaded.documents), ['a.md', 'b.md', 'c.md'], 'b.md was listed');
    assert.deepEqual(loaded.unreadable.map((u) => [path.basename(u.uri), u.reason]), [['b.md', 'ENOENT']]);
    assert.deepEqual(rel(root, loaded.index.uris()), ['a.md', 'c.md']);
    assert.ok(loaded.index.document(pathToUri(path.join(root, 'a.md')))!.mentions.length > 0);
  });

  it('an unreadable file (chmod 000) is reported, not thrown', { skip: isRoot && 'running as root: chmod 000 does not block reads (the ENOENT/EISDIR error paths are covered instead)' }, async () => {
    const { root } = workspace({ 'a.md': 'a', 'locked.md': 'secret' });
    chmodSync(path.join(root, 'locked.md'), 0o000);
    try {
      const loaded = await loadWorkspace([root], config(), builtinRecords());
      assert.deepEqual(loaded.unreadable.map((u) => [path.basename(u.uri), u.reason]), [['locked.md', 'EACCES']]);
      assert.deepEqual(rel(root, loaded.index.uris()), ['a.md']);
    } finally {
      chmodSync(path.join(root, 'locked.md'), 0o644);
    }
  });

  it('readText turns every read failure into an error value (missing, a directory, too large)', async () => {
    const { root } = workspace({ 'dir.md/inner.md': 'x' });
    assert.deepEqual(await readText(path.join(root, 'missing.md')), { error: 'ENOENT' });
    assert.deepEqual(await readText(path.join(root, 'dir.md')), { error: 'EISDIR' });
    const big = path.join(root, 'big.txt');
    writeFileSync(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    const r = await readText(big);
    assert.ok('error' in r && /larger than/.test(r.error), JSON.stringify(r).slice(0, 100));
  });

  it('a directory named like a document is not indexed and does not fail the load', async () => {
    const { root } = workspace({ 'notes.md/inside.md': '---\ntitle: x\n---\n' });
    const loaded = await loadWorkspace([root], config(), builtinRecords());
    assert.deepEqual(rel(root, loaded.index.uris()), ['notes.md/inside.md']);
    assert.deepEqual(loaded.unreadable, []);
  });

  it('a binary file and invalid UTF-8 named .txt: indexed as binary (PL014 only), the load goes on', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2000, 0xff)]);
    const latin1 = Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x80 + (i % 0x7f)));
    const { root } = workspace({ 'image.txt': png, 'latin1.txt': latin1, 'ok.md': '---\ntitle: t\ndate: 2024-01-01\nsource: s\n---\n북한\n' });
    const loaded = await loadWorkspace([root], config(), builtinRecords());
    const codes = (name: string) => loaded.index.document(pathToUri(path.join(root, name)))!.diagnostics.map((d) => d.code);
    assert.deepEqual(codes('image.txt'), ['PL014']);
    assert.deepEqual(codes('latin1.txt'), ['PL014']);
    assert.ok(!codes('ok.md').includes('PL014'));
  });
});

describe('symlinks and globs that leave the workspace', () => {
  it('a symlink loop in the workspace: discovery terminates and lists each real file once', async () => {
    const { root } = workspace({ 'docs/a.md': 'a', 'docs/sub/b.md': 'b' });
    symlinkSync('..', path.join(root, 'docs/sub/up'));
    symlinkSync('.', path.join(root, 'docs/self'));
    symlinkSync('x.md', path.join(root, 'docs/y.md'));
    symlinkSync('y.md', path.join(root, 'docs/x.md'));
    const found = await discoverFiles(root, config());
    assert.deepEqual(found.documents.map((p) => path.relative(root, p)).sort(), ['docs/a.md', 'docs/sub/b.md']);
    const loaded = await loadWorkspace([root], config(), builtinRecords());
    assert.deepEqual(rel(root, loaded.index.uris()), ['docs/a.md', 'docs/sub/b.md']);
  });

  it('symlinks pointing outside the root (to a file, to a folder) are not followed', async () => {
    const { root, outside } = workspace({ 'docs/a.md': 'a' });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/secret.md'));
    symlinkSync(outside, path.join(root, 'docs/outside'));
    symlinkSync(path.join(outside, 'records.yaml'), path.join(root, 'records.yaml'));
    mkdirSync(path.join(root, 'kb'));
    symlinkSync(path.join(outside, 'records.yaml'), path.join(root, 'kb/linked.yaml'));
    const loaded = await loadWorkspace([root], config(), builtinRecords());
    assert.deepEqual(rel(root, loaded.index.uris()), ['docs/a.md']);
    assert.equal(loaded.index.kb.record('outside-record'), undefined);
  });

  it('kb globs pointing outside the workspace are refused and reported; nothing outside is read', async () => {
    const { root, outside } = workspace({ 'kb/mine.yaml': '- id: inside-record\n  kind: country\n  name: {en: Inside}\n' });
    const globs = ['kb/**/*.yaml', '../outside/*.yaml', `${outside}/*.yaml`, 'kb/../../outside/*.yaml', '..\\outside\\*.yaml'];
    const loaded = await loadWorkspace([root], config({ kbGlobs: globs }), builtinRecords());
    assert.deepEqual(loaded.refusedGlobs, globs.slice(1));
    assert.ok(loaded.index.kb.record('inside-record'));
    assert.equal(loaded.index.kb.record('outside-record'), undefined);
    assert.ok(loaded.kbFiles.every((u) => new URL(u).pathname.startsWith(`${root}/`)));
  });

  it('a file outside every root is classified by name only: never a kb file', async () => {
    const { root, outside } = workspace({});
    const { index } = await loadWorkspace([root], config({ kbGlobs: ['**/*.yaml'] }), builtinRecords());
    assert.equal(index.classify(pathToUri(path.join(outside, 'records.yaml'))), 'other');
  });
});
