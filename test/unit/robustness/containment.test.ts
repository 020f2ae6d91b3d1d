// A bug that makes the analysis of one document throw is contained: the other files are indexed and answered,
// the failing file's error reaches whoever asks for that file (the server logs it with the file name), and an
// edit that avoids the bug recovers the file. The bug is simulated by making regular expressions throw on a
// marker, as the server test does with test/fixtures/robustness/fault-preload.cjs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { loadWorkspace } from '../../../server/src/core/workspace/loadWorkspace';
import { pathToUri } from '../../../server/src/core/workspace/uri';
import { builtinRecords, newIndex, ROOT } from './helpers';

const MARKER = 'PL-INJECTED-FAULT';
const realExec = RegExp.prototype.exec;

beforeEach(() => {
  RegExp.prototype.exec = function (this: RegExp, subject: string) {
    if (typeof subject === 'string' && subject.includes(MARKER)) throw new Error(`injected fault (${MARKER})`);
    return realExec.call(this, subject);
  } as typeof realExec;
});
afterEach(() => {
  RegExp.prototype.exec = realExec;
});

const OK = '---\ntitle: 정상\ndate: 2024-01-01\nsource: s\nentities: [prk]\n---\n북한의 발표.\n';
const BAD = `---\ntitle: 문제\ndate: 2024-01-01\nsource: s\n---\n# ${MARKER} 제목\n북한의 발표.\n`;

describe('a document whose analysis throws', () => {
  it('does not fail a batch: the other files are indexed; the failure surfaces for that file only', () => {
    const index = newIndex({ 'ok.md': OK, 'bad.md': BAD });
    assert.ok(index.document(`${ROOT}/ok.md`)!.mentions.length > 0);
    assert.throws(() => index.document(`${ROOT}/bad.md`), /injected fault/);
    assert.deepEqual([...index.documents()].map((d) => d.uri), [`${ROOT}/ok.md`]);
    assert.deepEqual(index.documentsMentioning('prk').map((d) => d.info.uri), [`${ROOT}/ok.md`]);
    assert.ok(index.references('prk', true).some((r) => r.uri === `${ROOT}/ok.md`));
  });

  it('recovers when an edit removes what triggered it', () => {
    const index = newIndex({ 'ok.md': OK, 'bad.md': BAD });
    index.setText(`${ROOT}/bad.md`, BAD.replace(MARKER, '정상'));
    assert.ok(index.document(`${ROOT}/bad.md`)!.mentions.some((m) => m.ids.includes('prk')));
  });

  it('does not fail the initial load of a workspace from disk', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pl-contain-'));
    try {
      mkdirSync(path.join(root, 'docs'));
      writeFileSync(path.join(root, 'docs/ok.md'), OK);
      writeFileSync(path.join(root, 'docs/bad.md'), BAD);
      const { index } = await loadWorkspace([root], DEFAULT_CONFIG, builtinRecords());
      assert.equal(index.uris().length, 2);
      assert.ok(index.document(pathToUri(path.join(root, 'docs/ok.md')))!.mentions.length > 0);
      assert.throws(() => index.document(pathToUri(path.join(root, 'docs/bad.md'))), /injected fault/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
