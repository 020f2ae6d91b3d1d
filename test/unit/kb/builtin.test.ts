import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtinKbDir,
  compileBuiltinKb,
  loadBuiltinKb,
  parseBuiltinYaml,
  readCompiledKb,
  sourceHash,
} from '../../../server/src/core/kb/builtin';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';

test('built-in origins point at the YAML file and the exact id value (for go-to-definition)', () => {
  const { all } = parseBuiltinYaml();
  const texts = new Map<string, string>();
  for (const { record, origin } of all) {
    assert.equal(origin.builtin, true);
    if (!texts.has(origin.uri)) texts.set(origin.uri, readFileSync(fileURLToPath(origin.uri), 'utf8'));
    const text = texts.get(origin.uri)!;
    assert.equal(text.slice(origin.idSpan.start, origin.idSpan.end).replace(/^["']|["']$/g, ''), record.id);
  }
});

test('the compiled base (server/out/kb.json) holds exactly what parsing the YAML gives', () => {
  const dir = builtinKbDir();
  const tmp = mkdtempSync(join(tmpdir(), 'kb-'));
  try {
    const file = join(tmp, 'kb.json');
    writeFileSync(file, JSON.stringify(compileBuiltinKb(dir)));
    const fromJson = readCompiledKb(file, dir, sourceHash(dir))!;
    const fromYaml = parseBuiltinYaml(dir).all;
    assert.deepEqual(fromJson, fromYaml);
    // Compiled from other YAML (an edited file): not used. A truncated file: not used, no throw.
    assert.equal(readCompiledKb(file, dir, 'another-hash'), undefined);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 1000));
    assert.equal(readCompiledKb(file, dir), undefined);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('loadBuiltinKb returns full records with extensions applied (short forms from the aliases file)', () => {
  const kb = new KnowledgeBase(loadBuiltinKb());
  assert.equal(kb.orphanExtensions.length, 0);
  for (const r of kb.records()) {
    assert.equal(r.record.extends, undefined, `${r.record.id} is still an extension`);
    assert.ok(r.record.kind && r.record.name, r.record.id);
  }
  const prk = kb.record('prk')!;
  assert.deepEqual(prk.short, ['북']);
  assert.ok(kb.get('prk')!.origin.uri.endsWith('/countries.generated.yaml'));
  assert.equal(kb.record('jpn-mfa')!.name.ko, '일본 외무성');
});
