// Property test through the server over stdio (fast-check, fixed seed, small bounded count): a random document
// receives random incremental edits; the diagnostics the server publishes for the final version equal a fresh
// in-process analysis of the final text in the same workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadWorkspaceConfig } from '../../server/src/core/workspace/loadConfig';
import { loadWorkspace } from '../../server/src/core/workspace/loadWorkspace';
import { pathToUri } from '../../server/src/core/workspace/uri';
import { builtinRecords } from '../unit/robustness/helpers';
import { documentText, edit, runs, SEED } from '../unit/property/arbitraries';
import { REPO, removeDir, TestClient } from './harness';

const REL = 'docs/property.md';
let dir: string;
let client: TestClient;

before(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'pl-prop-server-')));
  cpSync(join(REPO, 'test/fixtures/robustness/stress'), dir, { recursive: true });
  client = await TestClient.start(dir);
  await client.open(REL, '');
});
after(async () => {
  await client?.stop();
  if (dir) removeDir(dir);
});

const summary = (ds: readonly { code?: unknown; message: unknown; range: Diagnostic["range"] }[]) =>
  ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`).sort();

test('random incremental edits over stdio end in the diagnostics of a fresh analysis', async () => {
  const { index: reference } = await loadWorkspace([dir], loadWorkspaceConfig(dir).config, builtinRecords());
  const uri = pathToUri(join(dir, REL));
  const n = runs(15);
  let edits = 0;
  await fc.assert(
    fc.asyncProperty(documentText, fc.array(edit(1), { minLength: 1, maxLength: 15 }), async (initial, steps) => {
      // Replace the whole document, then edit it piece by piece as an editor would.
      const whole = TextDocument.create('x:', 'markdown', 0, client.text(REL));
      await client.edit(REL, [{ range: { start: { line: 0, character: 0 }, end: whole.positionAt(whole.getText().length) }, newText: initial }]);
      for (const e of steps) {
        const current = TextDocument.create('x:', 'markdown', 0, client.text(REL));
        const text = current.getText();
        const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
        const end = Math.min(text.length, start + e.remove);
        void client.edit(REL, [{ range: { start: current.positionAt(start), end: current.positionAt(end) }, newText: e.insert }]);
        edits++;
      }
      const clientUri = client.uri(REL);
      await client.waitFor(() => client.diagnosticVersions.get(clientUri) === client.version(clientUri), 'diagnostics of the final version');
      reference.setText(uri, client.text(REL));
      const doc = reference.document(uri)!;
      const expected = summary(doc.diagnostics.map((d) => ({ code: d.code, message: d.message, range: doc.parsed.lines.rangeOf(d.span) })));
      assert.deepEqual(summary(client.diagnosticsOf(REL)), expected);
    }),
    { seed: SEED + 3, numRuns: n, includeErrorInReport: true },
  );
  assert.equal(client.child.exitCode, null, 'the server is still running');
  console.log(`property: through the server over stdio: ${n} documents, ${edits} incremental edits, seed ${SEED + 3}`);
});
