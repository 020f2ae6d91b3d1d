import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Composer } from '../../../bench/corpus/compose';
import { loadLexicon } from '../../../bench/corpus/lexicon';
import { Random, seedFor } from '../../../bench/lib/random';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { loadBuiltinKb } from '../../../server/src/core/kb/builtin';
import { loadWorkspace, type LoadedWorkspace } from '../../../server/src/core/workspace/loadWorkspace';
import { workerScript } from '../../../server/src/core/workspace/parallel/pool';

/**
 * The analysis workers must change nothing but speed: a workspace loaded by them answers every cross-file
 * question (diagnostics, references, "mentioned in", lists) exactly as one loaded on the main thread.
 * The corpus: our generated benchmark documents (valid, broken and missing front-matter, Korean and English)
 * plus the sample corpus (a kb file, a definition note, documents relating to each other).
 */
describe('loading with analysis workers', () => {
  let dir: string;
  let parallel: LoadedWorkspace;
  let serial: LoadedWorkspace;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-lens-parallel-'));
    cpSync('samples/corpus', join(dir, 'samples'), { recursive: true });
    const lexicon = await loadLexicon();
    mkdirSync(join(dir, 'generated'));
    for (let i = 0; i < 160; i++) {
      const rnd = new Random(seedFor(0x7e57, i));
      writeFileSync(join(dir, 'generated', `doc-${i}.md`), new Composer(lexicon, rnd).document(i, rnd.int(1500, 3000)).text);
    }
    const builtin = loadBuiltinKb();
    parallel = await loadWorkspace([dir], DEFAULT_CONFIG, builtin, undefined, undefined, { workers: 2, keepInformation: true, onWorkerFailure: (e) => assert.fail(String(e)) });
    serial = await loadWorkspace([dir], DEFAULT_CONFIG, builtin, undefined, undefined, { workers: 0 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the worker script', () => assert.ok(workerScript()));

  it('holds the same files, and the same diagnostics for each', () => {
    assert.deepEqual(parallel.index.uris().sort(), serial.index.uris().sort());
    let total = 0;
    for (const uri of serial.index.uris()) {
      const expected = serial.index.document(uri)!.diagnostics;
      const found = parallel.index.diagnosticsOf(uri)!;
      assert.equal(found.complete, true, uri);
      assert.deepEqual(found.diagnostics, expected, uri);
      total += expected.length;
    }
    assert.ok(total > 100, `the corpus has problems to report (${total})`);
  });

  it('answers references and "mentioned in" from summaries as from full analyses', () => {
    const ids = new Set<string>();
    for (const doc of serial.index.documents()) for (const m of doc.mentions) for (const id of m.ids) ids.add(id);
    for (const id of ['wrong-id', 'north-korea-denuclearization']) ids.add(id);
    assert.ok(ids.size > 50);
    for (const id of ids) {
      assert.deepEqual(parallel.index.references(id, true), serial.index.references(id, true), id);
      const mentioning = (w: LoadedWorkspace) => w.index.documentsMentioning(id).map((d) => [d.info.uri, d.info.title, d.info.date, d.firstMention]);
      assert.deepEqual(mentioning(parallel), mentioning(serial), id);
    }
  });

  it('walks the references of an id (referencesTo, no object per place) as references() lists them, positions included', () => {
    const ids = new Set<string>();
    for (const doc of serial.index.documents()) for (const m of doc.mentions) for (const id of m.ids) ids.add(id);
    for (const w of [parallel, serial]) {
      for (const id of ids) {
        const walked: unknown[] = [];
        const out = new Int32Array(4);
        w.index.referencesTo(id, (uri, lines, start, end) => {
          lines.writePosition(start, out, 0);
          lines.writePosition(end, out, 2);
          walked.push([uri, start, end, ...out]);
        });
        const listed = w.index.references(id, false).map((r) => {
          const range = w.index.lines(r.uri)!.rangeOf(r.span);
          return [r.uri, r.span.start, r.span.end, range.start.line, range.start.character, range.end.line, range.end.character];
        });
        assert.deepEqual(walked, listed, id);
      }
    }
  });

  it('answers alike where the workspace adds no records (the workers reuse the built-in knowledge base they prepared)', async () => {
    const root = join(dir, 'generated');
    const builtin = loadBuiltinKb();
    const a = await loadWorkspace([root], DEFAULT_CONFIG, builtin, undefined, undefined, { workers: 2, keepInformation: true, onWorkerFailure: (e) => assert.fail(String(e)) });
    const b = await loadWorkspace([root], DEFAULT_CONFIG, builtin, undefined, undefined, { workers: 0 });
    for (const uri of b.index.uris()) assert.deepEqual(a.index.diagnosticsOf(uri)!.diagnostics, b.index.document(uri)!.diagnostics, uri);
    assert.deepEqual(a.index.references('rus', true), b.index.references('rus', true));
  });

  it('answers alike when the workers keep no file between their two phases (a corpus over their memory budget)', async () => {
    const tight = await loadWorkspace([dir], DEFAULT_CONFIG, loadBuiltinKb(), undefined, undefined, {
      workers: 2,
      keepInformation: true,
      workerArenaBytes: 0,
      onWorkerFailure: (e) => assert.fail(String(e)),
    });
    for (const uri of serial.index.uris()) assert.deepEqual(tight.index.diagnosticsOf(uri)!.diagnostics, serial.index.document(uri)!.diagnostics, uri);
    assert.deepEqual(tight.index.references('prk', true), serial.index.references('prk', true));
  });

  it('reads a closed document\'s text from disk when first needed, and copes with one deleted meanwhile', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-lens-lazy-text-'));
    try {
      writeFileSync(join(root, 'a.md'), '---\ntitle: A\n---\n북한과 러시아의 회담.\n');
      writeFileSync(join(root, 'b.md'), '---\ntitle: B\n---\n러시아 외교부 발표.\n');
      const loaded = await loadWorkspace([root], DEFAULT_CONFIG, loadBuiltinKb(), undefined, undefined, { workers: 1, onWorkerFailure: (e) => assert.fail(String(e)) });
      const [a, b] = ['a.md', 'b.md'].map((f) => loaded.index.uris().find((u) => u.endsWith(f))!);
      const before = loaded.index.references('rus', false);
      assert.deepEqual(before.map((r) => r.uri).sort(), [a, b]);
      assert.equal(loaded.index.text(a), '---\ntitle: A\n---\n북한과 러시아의 회담.\n');
      rmSync(join(root, 'b.md'));
      assert.equal(loaded.index.text(b), undefined, 'gone: no text, no exception');
      assert.deepEqual(loaded.index.references('rus', false), before, 'its summary still answers until the watcher reports the deletion');
      assert.throws(() => loaded.index.document(b), /could not be read/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('falls back to one thread when the workers fail (here: out of memory), and still loads everything', async () => {
    const failures: unknown[] = [];
    const loaded = await loadWorkspace([dir], DEFAULT_CONFIG, loadBuiltinKb(), undefined, undefined, {
      workers: 2,
      workerResourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 },
      onWorkerFailure: (e) => failures.push(e),
    });
    assert.equal(failures.length, 1, 'the failure is reported once');
    assert.deepEqual(loaded.index.uris().sort(), serial.index.uris().sort());
    const uri = serial.index.uris().find((u) => u.endsWith('broken-metadata.md'))!;
    assert.deepEqual(loaded.index.document(uri)!.diagnostics, serial.index.document(uri)!.diagnostics);
  });

  it('lists the same documents, and analyses one in full on demand', () => {
    const list = (w: LoadedWorkspace) => [...w.index.infos()].map(({ uri, id, title, date, isDefinitionNote, isKbFile }) => ({ uri, id, title, date, isDefinitionNote, isKbFile })).sort((a, b) => (a.uri < b.uri ? -1 : 1));
    assert.deepEqual(list(parallel), list(serial));
    const uri = serial.index.uris().find((u) => u.endsWith('treaty-history.md'))!;
    const a = parallel.index.document(uri)!;
    const b = serial.index.document(uri)!;
    assert.deepEqual([a.mentions, a.diagnostics, a.parsed.text], [b.mentions, b.diagnostics, b.parsed.text]);
  });
});
